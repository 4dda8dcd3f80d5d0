"""The Supplier Scorecard's variables of contract performance, evaluated by ERPNext for a scorecard
period (Supplier Scorecard Period.calculate_variables calls each variable's `path` with the period).
The records are setup/scorecard_variables.py's.

A variable scores the supplier over the period's dates, from everything under its purchase contracts,
whoever the period is computed for: a supplier's score is the same for every user (reporting/
performance.py counts the lines and the claims as the Contract Performance report does). On-time share
is 100 when no line was due, as ERPNext's own delivery criteria score a period without shipments.
"""

import frappe
from frappe.utils import getdate
from frappe.utils.caching import request_cache

from contract_management.reporting.performance import claims_by_party, cut_off, due_lines, line_figures


def on_time_delivery_share(period) -> float:
	"""% of the order lines due in the period that were delivered in full by their working-day date."""
	figures = _lines(period.supplier, getdate(period.start_date), getdate(period.end_date))
	return figures["on_time_percent"] if figures["lines_due"] else 100.0


def shortfall_share(period) -> float:
	"""% of the value due in the period not delivered by its end (or today, if earlier)."""
	figures = _lines(period.supplier, getdate(period.start_date), getdate(period.end_date))
	if not figures["value_due"]:
		return 0.0
	return round(figures["shortfall_amount"] * 100 / figures["value_due"], 2)


def claims_to_supplier(period) -> int:
	"""Our claims to the supplier under its contracts, sent in the period."""
	return _claims(period.supplier, getdate(period.start_date), getdate(period.end_date)).claims_made or 0


def penalties_claimed(period) -> float:
	"""The penalties of those claims, in their currencies (a company scoring suppliers keeps one)."""
	return float(
		_claims(period.supplier, getdate(period.start_date), getdate(period.end_date)).penalties_claimed or 0
	)


def _contracts(supplier: str):
	contract = frappe.qb.DocType("Contract")
	return (
		frappe.qb.from_(contract)
		.select(contract.name)
		.where(contract.party_type == "Supplier")
		.where(contract.party_name == supplier)
	)


def _filters(supplier: str, start):
	return frappe._dict(party_type="Supplier", party=supplier, direction="Purchase", from_date=start)


@request_cache
def _lines(supplier: str, start, end) -> dict:
	until = cut_off(end)
	return line_figures(due_lines(_filters(supplier, start), until, _contracts(supplier)))


@request_cache
def _claims(supplier: str, start, end):
	claims = claims_by_party(_filters(supplier, start), (start, cut_off(end)), None, _contracts(supplier))
	return claims.get(("Supplier", supplier)) or frappe._dict()
