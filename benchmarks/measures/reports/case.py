"""A case: the app's side and the other side of one report, card or chart, with the figures of each."""

from dataclasses import dataclass, field

import frappe
from frappe.utils import flt

FLOOR_TARGET = 1.5


@dataclass
class Case:
	group: str  # "report", "card" or "chart"
	name: str
	app: object  # () -> raw result
	app_figures: object  # raw result -> comparable figures
	floor: object  # () -> raw rows
	floor_figures: object  # raw rows -> comparable figures
	against: str = "floor"  # what the other side is
	warm_up: bool = True
	note: str = ""
	results: dict = field(default_factory=dict)


def money(value) -> float:
	return round(flt(value), 2)


def sql(query: str, values=None) -> list:
	return frappe.db.sql(query, values or {})


# ---------------------------------------------------------------- reports


def report(module: str):
	return frappe.get_attr(f"contract_management.contract_management.report.{module}.{module}.execute")


def report_case(name: str, module: str, filters: dict, figures, floor, floor_figures, **more) -> Case:
	"""A report as the desk opens it: its `execute` with `filters`."""
	return Case(
		"report",
		name,
		lambda: report(module)(frappe._dict(filters)),
		figures,
		floor,
		floor_figures,
		**more,
	)


def single(query: str, values=None):
	return lambda: sql(query, values)
