"""Auto-prolongation: a contract that reaches its end date, with auto-prolongation and no refusal by
the notice deadline, is prolonged for its renewal term by a supplementary agreement the system makes
and signs, never by editing its dates in place.

Idempotent: a prolonged contract's end date moves past today, so the next run does not find it; a
system agreement left unsigned by a crash is signed by the next run rather than made again; a system
prolongation a user cancelled is recorded as our refusal of it, so it is not made again.
"""

import frappe
from dateutil.relativedelta import relativedelta
from frappe import _
from frappe.utils import add_days, date_diff, getdate, nowdate

KIND = "Prolongation"
SAVEPOINT = "cm_prolong_contract"


def contracts_due(on_date) -> list[str]:
	"""One set-based query, on indexed columns."""
	contract = frappe.qb.DocType("Contract")
	return (
		frappe.qb.from_(contract)
		.select(contract.name)
		.where(contract.docstatus == 1)
		.where(contract.cm_auto_prolongation == 1)
		.where((contract.cm_prolongation_refused == 0) | contract.cm_prolongation_refused.isnull())
		.where(contract.end_date <= on_date)
		.where(contract.cm_terminated_on.isnull())
		.where(contract.cm_fulfilled_on.isnull())
		.orderby(contract.end_date)
	).run(pluck=True)


def prolong_due_contracts(on_date=None) -> list[str]:
	"""The daily job. Each contract is prolonged and committed on its own, so what was done stays done;
	a contract that fails is undone to where it started, goes to the Error Log with its name, and the
	job goes on with the others."""
	on_date = getdate(on_date or nowdate())
	made = []
	for name in contracts_due(on_date):
		frappe.db.savepoint(SAVEPOINT)
		try:
			made += prolong_contract(name, on_date)
		except Exception:
			frappe.db.rollback(save_point=SAVEPOINT)
			frappe.log_error(
				title=_("Auto-prolongation of contract {0} failed").format(name),
				reference_doctype="Contract",
				reference_name=name,
			)
		_commit()
	return made


def _commit():
	# Tests run the job inside the transaction they roll back; the savepoint above does the rest.
	if frappe.flags.in_test:
		return
	# One transaction per contract: a later contract's failure must not undo the prolongations (and
	# the error logs) already made, and the next run must not find them due again.
	frappe.db.commit()  # nosemgrep: frappe-manual-commit


def prolong_contract(name: str, on_date) -> list[str]:
	"""Prolong until the contract is in force on `on_date` again (several renewals if the job was
	not run for longer than a renewal term). Returns the agreements made."""
	made = []
	while True:
		contract = frappe.get_doc("Contract", name, for_update=True)
		if not contract.end_date or getdate(contract.end_date) > on_date or contract.cm_prolongation_refused:
			return made
		amendment = _pending_system_prolongation(name) or _new_prolongation(contract)
		frappe.flags.cm_system_prolongation = True
		try:
			amendment.submit()
		finally:
			frappe.flags.cm_system_prolongation = False
		made.append(amendment.name)


def next_end_date(contract):
	"""The renewal term, else the contract's own term: whole months when the term is whole months."""
	start, end = getdate(contract.start_date), getdate(contract.end_date)
	following = add_days(end, 1)
	if contract.cm_renewal_term_months:
		return add_days(following + relativedelta(months=contract.cm_renewal_term_months), -1)
	months = relativedelta(following, start)
	if not months.days:
		return add_days(following + relativedelta(years=months.years, months=months.months), -1)
	return add_days(end, date_diff(end, start) + 1)


def _pending_system_prolongation(contract: str):
	name = frappe.db.get_value(
		"Contract Amendment", {"contract": contract, "made_by_system": 1, "docstatus": 0, "kind": KIND}
	)
	return frappe.get_doc("Contract Amendment", name) if name else None


def _new_prolongation(contract):
	frappe.flags.cm_system_prolongation = True
	try:
		amendment = frappe.get_doc(
			{
				"doctype": "Contract Amendment",
				"contract": contract.name,
				"kind": KIND,
				"amendment_date": add_days(contract.end_date, 1),
				"effective_date": add_days(contract.end_date, 1),
				"new_end_date": next_end_date(contract),
				"made_by_system": 1,
				"reason": _("Automatic prolongation: no party refused by the notice deadline {0}.").format(
					frappe.format(contract.cm_notice_deadline, "Date")
				),
			}
		)
		# The job acts for the contract department; it is not a user who may lack permission.
		amendment.flags.ignore_permissions = True
		amendment.insert()
	finally:
		frappe.flags.cm_system_prolongation = False
	return amendment
