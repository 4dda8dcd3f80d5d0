"""The one status people read (cm_status), and ERPNext's own `status` kept in line with it.

Before signing the status follows approval (Draft, On Approval, Approved, Rejected); once signed
(submitted) it follows the dates: Not Started, Active, Expired, unless the contract was terminated
or fulfilled. ERPNext's field says only Unsigned/Active/Inactive; it is hidden on the card and
derived from ours, so the card never contradicts itself.
"""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce
from frappe.utils import formatdate, getdate, now_datetime, nowdate

from contract_management.common.settings import SETTINGS
from contract_management.common.statuses import SIGNED_STATUSES

APPROVAL_STATUSES = ("Draft", "On Approval", "Approved", "Rejected")
# The day ERPNext's own status was last moved to (update_erpnext_statuses).
MOVED_TO_FIELD = "erpnext_statuses_moved_on"
STATUS_CONTEXT = "Contract Status"


def status_label(status: str | None) -> str:
	"""A status as people read it, translated in the contract-status sense ("Active" is «Действует»
	here, while ERPNext's plain "Active" stays as ERPNext translates it). The statuses reach main.pot in
	this context from setup/option_wording.py."""
	return _(status, context=STATUS_CONTEXT) if status else ""


FINAL_STATUSES = ("Terminated", "Fulfilled", "Cancelled")
SIGNED_INACTIVE = ("Not Started", "Expired", "Terminated", "Fulfilled")


def status_of_signed(contract, on_date=None) -> str:
	on_date = getdate(on_date or nowdate())
	if contract.docstatus == 2:
		return "Cancelled"
	if contract.cm_terminated_on and getdate(contract.cm_terminated_on) <= on_date:
		return "Terminated"
	if contract.cm_fulfilled_on:
		return "Fulfilled"
	if contract.start_date and on_date < getdate(contract.start_date):
		return "Not Started"
	if contract.end_date and on_date > getdate(contract.end_date):
		return "Expired"
	return "Active"


def erpnext_status(cm_status: str, docstatus: int) -> str:
	if docstatus == 0:
		return "Unsigned"
	return "Active" if cm_status == "Active" else "Inactive"


def set_status(contract):
	if contract.docstatus == 0:
		if contract.cm_status not in APPROVAL_STATUSES:
			contract.cm_status = "Draft"
	else:
		contract.cm_status = status_of_signed(contract)
	if contract.get("cm_managed"):
		# ERPNext's own validate has set `status` from is_signed and the dates; a contract the app does not
		# keep (contracts/registry.py) keeps that.
		contract.status = erpnext_status(contract.cm_status, contract.docstatus)


def mark_signed(contract):
	contract.is_signed = 1
	if not contract.signed_on:
		contract.signed_on = now_datetime()


def mark_fulfilled(contract, fulfilled_on=None):
	if contract.docstatus != 1 or contract.cm_status in FINAL_STATUSES:
		frappe.throw(
			_("Only a signed contract in force can be marked fulfilled; {0} is {1}.").format(
				frappe.bold(contract.name), status_label(contract.cm_status)
			),
			title=_("Not Allowed"),
		)
	contract.cm_fulfilled_on = fulfilment_date(contract, fulfilled_on)
	contract.save()


def fulfilment_date(contract, fulfilled_on=None):
	"""The day the contract was fulfilled: within its life (from its start to its end) and not in the
	future. Without a date, today, or the end date of a contract that has already expired."""
	today = getdate(nowdate())
	start = getdate(contract.start_date) if contract.start_date else None
	end = getdate(contract.end_date) if contract.end_date else None
	if not fulfilled_on:
		return min(today, end) if end else today
	fulfilled_on = getdate(fulfilled_on)
	if fulfilled_on > today:
		frappe.throw(
			_("A contract cannot be marked fulfilled on a future date ({0}).").format(
				frappe.bold(formatdate(fulfilled_on))
			),
			title=_("Invalid Date"),
		)
	if (start and fulfilled_on < start) or (end and fulfilled_on > end):
		frappe.throw(
			_("The fulfilment date {0} must lie within the contract's term, from {1} to {2}.").format(
				frappe.bold(formatdate(fulfilled_on)),
				formatdate(start) if start else "…",
				formatdate(end) if end else "…",
			),
			title=_("Invalid Date"),
		)
	return fulfilled_on


def update_statuses(on_date=None):
	"""Move signed contracts between Not Started, Active, Expired and Terminated as the dates pass.

	Set-based: one UPDATE per kind of move, whatever the number of contracts, each reading only the
	contracts it may move through an index (setup/defaults.py), never the whole table; no controller
	runs, since a status move changes nothing else on the card. Contracts already in the right state
	are not touched, so running it twice changes nothing the second time.
	"""
	on_date = getdate(on_date or nowdate())
	contract = frappe.qb.DocType("Contract")
	new_status = (
		Case()
		.when(contract.cm_terminated_on.isnotnull() & (contract.cm_terminated_on <= on_date), "Terminated")
		.when(contract.cm_fulfilled_on.isnotnull(), "Fulfilled")
		.when(contract.start_date > on_date, "Not Started")
		.when(contract.end_date.isnotnull() & (contract.end_date < on_date), "Expired")
		.else_("Active")
	)
	# ERPNext's own field follows ours on the contracts the app keeps; on the others, ERPNext's rule (below).
	erpnext_status = (
		Case()
		.when(contract.cm_managed == 0, contract.status)
		.when(new_status == "Active", "Active")
		.else_("Inactive")
	)
	moves = (
		# a start date reached
		(contract.cm_status == "Not Started") & (contract.start_date <= on_date),
		# an end date passed
		contract.cm_status.isin(("Active", "Not Started")) & (contract.end_date < on_date),
		# a termination date reached, a fulfilment marked: the statuses named, so that the index on (status,
		# date) reads the contracts not yet moved, not every one terminated or fulfilled before
		(contract.cm_terminated_on <= on_date) & contract.cm_status.isin(_signed_other_than("Terminated")),
		contract.cm_fulfilled_on.isnotnull() & contract.cm_status.isin(_signed_other_than("Fulfilled")),
		# ERPNext's own field out of line: ERPNext's daily job, should a site start it again, sets it from
		# the dates alone
		(contract.cm_managed == 1)
		& (
			((contract.cm_status == "Active") & (contract.status != "Active"))
			| (contract.cm_status.isin(SIGNED_INACTIVE) & (contract.status == "Active"))
		),
		# a signed contract left with a status of before signing
		contract.cm_status.isnull() | contract.cm_status.isin(APPROVAL_STATUSES),
	)
	for move in moves:
		(
			frappe.qb.update(contract)
			.set(contract.cm_status, new_status)
			.set(contract.status, erpnext_status)
			.set(contract.modified, now_datetime())
			.where(contract.docstatus == 1)
			.where(move)
			.where(
				(Coalesce(contract.cm_status, "") != new_status)
				| (Coalesce(contract.status, "") != erpnext_status)
			)
		).run()
	update_erpnext_statuses(on_date)


def _signed_other_than(status: str) -> tuple[str, ...]:
	"""The statuses of a signed contract but `status` (a signed contract with a status of before signing
	is moved by the last of the moves)."""
	return tuple(other for other in SIGNED_STATUSES if other != status)


def update_erpnext_statuses(on_date):
	"""ERPNext's `status` of the signed contracts the app does not keep, as ERPNext's daily job sets it
	(`get_status`: "Active" with no end date or while the dates cover the day, else "Inactive"), which
	the site no longer runs (setup/scheduled_jobs.py). A contract without a start date counts from the
	day itself, as `get_status` reads it. One UPDATE per kind of move, each reading only the contracts it
	may move through an index on (status, end date) or (status, start date), and writing only those whose
	status changes.

	A contract signed ahead waits Inactive until its start date: the move at the start reads only the
	contracts whose start date came since the day the statuses were last moved to (kept in the settings),
	not every contract signed ahead (79,285 of 1,000,000 in the benchmark, read every night and moved
	never: benchmarks/RESULTS.md, #10). With no such day, or one not before `on_date` (a run for an
	earlier day), it reads them all, as the first night after install does."""
	on_date = getdate(on_date)
	contract = frappe.qb.DocType("Contract")
	by_dates = (
		Case()
		.when(contract.end_date.isnull(), "Active")
		.when((Coalesce(contract.start_date, on_date) <= on_date) & (contract.end_date >= on_date), "Active")
		.else_("Inactive")
	)
	moved_to = _statuses_moved_to()
	if moved_to and moved_to < on_date:
		# a start date reached since that day
		started = (
			(contract.status == "Inactive")
			& (contract.start_date > moved_to)
			& (contract.start_date <= on_date)
		)
	else:
		# a start date reached, before the end (an ended contract stays Inactive: the range stops there)
		started = (contract.status == "Inactive") & (contract.end_date >= on_date)
	moves = (
		# an end date passed
		(contract.status == "Active") & (contract.end_date < on_date),
		# a start date moved into the future
		(contract.status == "Active") & (contract.start_date > on_date),
		started,
		# no end date: Active whatever the start (every contract this reads moves)
		(contract.status == "Inactive") & contract.end_date.isnull(),
		# signed with a status of before signing, written past ERPNext's controller
		contract.status.isnull() | (contract.status == "Unsigned"),
	)
	for move in moves:
		(
			frappe.qb.update(contract)
			.set(contract.status, by_dates)
			.set(contract.modified, now_datetime())
			.where(contract.docstatus == 1)
			.where(contract.is_signed == 1)
			.where(contract.cm_managed == 0)
			.where(move)
			.where(Coalesce(contract.status, "") != by_dates)
		).run()
	set_statuses_moved_to(on_date)


def set_statuses_moved_to(day):
	"""Keep `day` as the one ERPNext's statuses were last moved to (None: never)."""
	# a bookmark of the nightly job, not a change of the settings by a person
	frappe.db.set_single_value(SETTINGS, MOVED_TO_FIELD, day, update_modified=False)


def _statuses_moved_to():
	"""The day kept by the last move, as stored: Frappe v16 reads an empty Date of a single doctype as
	0001-01-01, which would make every contract's start date one "since" it."""
	singles = frappe.qb.DocType("Singles")
	stored = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where(singles.doctype == SETTINGS)
		.where(singles.field == MOVED_TO_FIELD)
	).run()
	return getdate(stored[0][0]) if stored and stored[0][0] else None
