"""A day with nothing due (the day's work done already) against the set-based floor: the least the
daily work can do."""

import time

import frappe
from frappe.utils import add_days

from benchmarks.figures import Figure
from benchmarks.measures.daily import DueState, run_daily_work
from benchmarks.site import commit


def measure_nothing_due(state: DueState, day, repeat: int) -> tuple[Figure, Figure, dict]:
	"""The daily work on a day whose work is done (run once first), against the set-based floor."""
	state.restore()
	state.mark()
	run_daily_work()
	ours, floor, by_method = [], [], {}
	for _ in range(repeat):
		times = run_daily_work()
		ours.append(sum(times.values()))
		for method, seconds in times.items():
			by_method.setdefault(method, []).append(seconds)
		started = time.perf_counter()
		set_based_floor(day)
		commit()
		floor.append(time.perf_counter() - started)
	state.restore()
	return Figure(ours), Figure(floor), {method: Figure(values) for method, values in by_method.items()}


SIGNED_INACTIVE = ("Not Started", "Expired", "Terminated", "Fulfilled")


def set_based_floor(day):
	"""The least the daily work can do: one UPDATE per status move (contracts, claims), one SELECT for
	prolongation and one per reminder kind over its window (the default rules' offsets and catch-up)."""
	from contract_management.common.settings import get_settings
	from contract_management.reminders.engine import parse_days, rules_by_kind
	from contract_management.reminders.kinds import KINDS, candidates

	contract = frappe.qb.DocType("Contract")
	in_force = contract.cm_terminated_on.isnull() & contract.cm_fulfilled_on.isnull()
	for status, erpnext_status, move in (
		("Active", "Active", (contract.cm_status == "Not Started") & (contract.start_date <= day) & in_force),
		(
			"Expired",
			"Inactive",
			contract.cm_status.isin(("Active", "Not Started")) & (contract.end_date < day),
		),
		("Terminated", "Inactive", (contract.cm_terminated_on <= day) & (contract.cm_status != "Terminated")),
		("Fulfilled", "Inactive", contract.cm_fulfilled_on.isnotnull() & (contract.cm_status != "Fulfilled")),
	):
		(
			frappe.qb.update(contract)
			.set(contract.cm_status, status)
			.set(contract.status, erpnext_status)
			.where(contract.docstatus == 1)
			.where(move)
		).run()
	for erpnext_status, move in (
		("Active", (contract.cm_status == "Active") & (contract.status != "Active")),
		("Inactive", contract.cm_status.isin(SIGNED_INACTIVE) & (contract.status == "Active")),
	):
		frappe.qb.update(contract).set(contract.status, erpnext_status).where(move).run()
	claim = frappe.qb.DocType("Contract Claim")
	(
		frappe.qb.update(claim)
		.set(claim.status, "No Answer")
		.where(claim.docstatus == 1)
		.where(claim.direction == "Outgoing")
		.where(claim.status == "Sent")
		.where(claim.court_from <= day)
	).run()
	(
		frappe.qb.from_(contract)
		.select(contract.name)
		.where(contract.docstatus == 1)
		.where(contract.cm_auto_prolongation == 1)
		.where(contract.cm_prolongation_refused == 0)
		.where(contract.end_date < day)
		.where(contract.cm_terminated_on.isnull())
		.where(contract.cm_fulfilled_on.isnull())
	).run()
	settings = get_settings()
	window = settings.reminder_catch_up_days or 0
	for kind, rules in rules_by_kind(settings).items():
		if kind in KINDS:
			offsets = sorted({days for rule in rules.values() for days in parse_days(rule.days)})
			if offsets:
				candidates(kind, add_days(day, offsets[0] - window), add_days(day, offsets[-1]), day)
