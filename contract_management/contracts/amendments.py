"""Supplementary agreements (Contract Amendment): they change a signed contract without cancelling it.

Every change an agreement makes is a row (field, old value, new value); the kind's own fields (new end
date, new amount, ...) become rows on save. Old values are taken from the contract when the agreement
is drafted (a term added to the draft later takes its own then) and again when it is sent for approval
or when the user refreshes them; never silently at signing. Signing applies the rows under a row lock
on the contract, so agreements signed at the same moment apply one after the other; an agreement whose
old values no longer match the contract (another agreement changed the same term meanwhile) is refused.
Cancelling restores the old values unless an agreement signed after it changed the same terms;
"after" is by signing time, not by number. Cancelling a prolongation the system made records our
refusal of that prolongation on the contract, so the daily job does not make it again.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Max
from frappe.utils import cint, cstr, flt, getdate

from contract_management.common.validation import refuse_date_before
from contract_management.contracts import approval
from contract_management.contracts.amendment_terms import (
	AMENDABLE_TERMS,
	CLAUSE,
	KIND_FIELDS,
	KIND_ONLY_TERMS,
	TERM_BY_FIELD,
	as_text,
	field_label,
	typed,
)
from contract_management.contracts.summary import invoice_doctype, invoiced_and_paid

# ---------------------------------------------------------------- validate (draft)


def validate(amendment):
	contract = frappe.get_doc("Contract", amendment.contract)
	validate_contract_state(amendment, contract)
	set_kind_rows(amendment)
	validate_rows(amendment)
	take_old_values(amendment, contract)
	validate_dates(amendment, contract)
	validate_amount_not_below_invoiced(amendment, contract)


def set_amendment_no(amendment):
	"""1, 2, 3, ... within the contract; the contract's row lock keeps two new agreements apart."""
	lock_contract(amendment.contract)
	table = frappe.qb.DocType("Contract Amendment")
	last = (
		frappe.qb.from_(table)
		.select(Coalesce(Max(table.amendment_no), 0))
		.where(table.contract == amendment.contract)
	).run()[0][0]
	amendment.amendment_no = cint(last) + 1


def validate_contract_state(amendment, contract):
	problem = None
	if contract.docstatus == 0:
		problem = _("it is not signed yet: change the draft itself")
	elif contract.docstatus == 2:
		problem = _("it is cancelled")
	elif contract.cm_terminated_on:
		problem = _("it is terminated as of {0}").format(frappe.format(contract.cm_terminated_on, "Date"))
	elif contract.cm_status == "Fulfilled":
		problem = _("it is fulfilled")
	elif (
		contract.cm_status == "Expired"
		and not may_still_be_prolonged(amendment, contract)
		and not in_force_when_signed_on_paper(amendment, contract)
	):
		problem = _("it expired on {0} without prolongation").format(frappe.format(contract.end_date, "Date"))
	if problem:
		frappe.throw(
			_("Contract {0} cannot be amended: {1}.").format(frappe.bold(contract.name), problem),
			title=_("Contract Cannot Be Amended"),
		)


def in_force_when_signed_on_paper(amendment, contract) -> bool:
	"""An agreement recorded from paper (the import's history) was signed while the contract was in
	force: its effective date falls within the contract's validity as it then stood."""
	return bool(
		amendment.get("recorded_from_paper")
		and amendment.effective_date
		and contract.end_date
		and getdate(amendment.effective_date) <= getdate(contract.end_date)
	)


def may_still_be_prolonged(amendment, contract) -> bool:
	"""An auto-prolonged contract whose end passed on a day the scheduler missed is still prolonged."""
	return (
		amendment.kind == "Prolongation"
		and contract.cm_auto_prolongation
		and not contract.cm_prolongation_refused
	)


def set_kind_rows(amendment):
	"""Rows for the kind's own fields, made anew on every save, first; rows the user added follow."""
	user_rows = [row for row in amendment.changes if not row.from_kind]
	kind_values = [
		(fieldname, amendment.get(source))
		for source, fieldname in KIND_FIELDS.items()
		if amendment.get(source)
	]
	if amendment.kind == "Termination by Agreement":
		kind_values += [
			("cm_terminated_on", amendment.effective_date),
			("cm_termination_reason", amendment.reason),
		]
	amendment.set("changes", [])
	for fieldname, value in kind_values:
		amendment.append(
			"changes",
			{
				"term": TERM_BY_FIELD[fieldname],
				"fieldname": fieldname,
				"new_value": as_text(fieldname, value),
				"from_kind": 1,
			},
		)
	for row in user_rows:
		amendment.append("changes", row)


def validate_rows(amendment):
	required = {
		"Prolongation": "new_end_date",
		"Change of Dates": "new_end_date",
		"Change of Amount": "new_amount",
		"Change of Terms": None,
	}.get(amendment.kind)
	if required and not amendment.get(required):
		frappe.throw(
			_("A {0} needs the {1}.").format(
				frappe.bold(_(amendment.kind)), frappe.bold(_(amendment.meta.get_label(required)))
			),
			title=_("Missing Value"),
		)
	if not amendment.changes:
		frappe.throw(
			_(
				"The agreement changes nothing: fill in what it changes for its kind {0}, or add rows under {1}."
			).format(frappe.bold(_(amendment.kind)), frappe.bold(_("Changes"))),
			title=_("Nothing to Change"),
		)
	seen = set()
	for row in amendment.changes:
		allowed = {**AMENDABLE_TERMS, **(KIND_ONLY_TERMS if row.from_kind else {})}
		if row.term not in allowed:
			frappe.throw(
				_("Row {0}: {1} cannot be changed by a supplementary agreement. Allowed: {2}.").format(
					row.idx,
					frappe.bold(row.term or row.fieldname or ""),
					", ".join(_(term) for term in AMENDABLE_TERMS),
				),
				title=_("Field Not Amendable"),
			)
		row.fieldname = allowed[row.term]
		if row.fieldname == CLAUSE:
			if not (row.clause and row.new_value):
				frappe.throw(
					_("Row {0}: a clause's new wording needs the clause number and the new wording.").format(
						row.idx
					),
					title=_("Missing Value"),
				)
			continue
		if row.fieldname in seen:
			frappe.throw(
				_("Row {0}: {1} is changed twice in one agreement.").format(
					row.idx, frappe.bold(field_label(row.fieldname))
				),
				title=_("Duplicate Change"),
			)
		seen.add(row.fieldname)
		row.new_value = as_text(row.fieldname, row.new_value)


def take_old_values(amendment, contract):
	"""Old values come from the contract, never from the user. They are taken when the agreement is
	drafted, for a term added to the draft later, and anew when it is sent for approval or refreshed
	on purpose; otherwise a save keeps the ones taken, so that signing can tell whether the contract
	changed meanwhile. What the request sends as old values is never read."""
	taken = {}
	before = None if amendment.is_new() else amendment.get_doc_before_save()
	if before and not (amendment.flags.cm_take_old_values or is_being_sent_for_approval(amendment, before)):
		taken = {row.fieldname: row.old_value for row in before.changes if row.fieldname != CLAUSE}
	for row in amendment.changes:
		if row.fieldname == CLAUSE:
			row.old_value = ""
		elif row.fieldname in taken:
			row.old_value = taken[row.fieldname]
		else:
			row.old_value = as_text(row.fieldname, contract.get(row.fieldname))


def is_being_sent_for_approval(amendment, before) -> bool:
	return amendment.cm_status == "On Approval" and before.cm_status != "On Approval"


def refresh_old_values(amendment) -> list[str]:
	"""Take the contract's current values as the old values of a draft agreement: the user's answer to
	"changed meanwhile". An agreement on approval or approved goes back for approval when a route
	applies, since its approvers saw other old values. Returns the terms refreshed."""
	if amendment.docstatus != 0:
		frappe.throw(
			_("Only a draft agreement takes the contract's current values; {0} is {1}.").format(
				frappe.bold(amendment.name), _(amendment.cm_status)
			),
			title=_("Not Allowed"),
		)
	contract = frappe.get_doc("Contract", amendment.contract)
	stale = [
		row.fieldname
		for row in amendment.changes
		if row.fieldname != CLAUSE
		and as_text(row.fieldname, contract.get(row.fieldname)) != cstr(row.old_value)
	]
	if not stale:
		return []
	amendment.flags.cm_take_old_values = True
	if amendment.cm_status in ("On Approval", "Approved") and approval.find_route(amendment):
		for row in approval.current_round_visas(amendment):
			if row.visa == "Pending":
				row.visa = "Not Required"
		amendment.cm_status = "Draft"
		approval.send_for_approval(amendment)  # saves, taking the old values as it sends
	else:
		amendment.save()
	amendment.add_comment(
		"Info",
		_("Old values taken from contract {0} again: {1}.").format(
			amendment.contract, ", ".join(field_label(fieldname) for fieldname in stale)
		),
	)
	return [TERM_BY_FIELD.get(fieldname, fieldname) for fieldname in stale]


def validate_dates(amendment, contract):
	start = getdate(contract.start_date) if contract.start_date else None
	new_end = next(
		(typed("end_date", row.new_value) for row in amendment.changes if row.fieldname == "end_date"), None
	)
	before_start = _("{0} {1} is before the contract's {2} {3}.")
	for later, label in ((amendment.effective_date, _("Effective From")), (new_end, _("New End Date"))):
		refuse_date_before(
			later, label, start, _("Start Date"), title=_("Invalid Date"), message=before_start
		)
	if amendment.kind == "Prolongation":
		if not contract.end_date:
			frappe.throw(
				_("Contract {0} is open-ended: there is nothing to prolong.").format(
					frappe.bold(contract.name)
				),
				title=_("Not a Prolongation"),
			)
		if not new_end or new_end <= getdate(contract.end_date):
			frappe.throw(
				_("A prolongation must move the end date past {0}; {1} does not.").format(
					frappe.format(contract.end_date, "Date"), frappe.format(new_end, "Date")
				),
				title=_("Not a Prolongation"),
			)


def validate_amount_not_below_invoiced(amendment, contract, lock: bool = False):
	rows = {row.fieldname: row.new_value for row in amendment.changes}
	if not {"cm_amount", "cm_vat_mode", "cm_vat_rate"} & rows.keys() or contract.cm_is_framework:
		return
	new_amount = (
		flt(typed("cm_amount", rows["cm_amount"])) if "cm_amount" in rows else flt(contract.cm_amount)
	)
	vat_mode = rows.get("cm_vat_mode") or contract.cm_vat_mode
	vat_rate = (
		flt(typed("cm_vat_rate", rows["cm_vat_rate"])) if "cm_vat_rate" in rows else flt(contract.cm_vat_rate)
	)
	with_vat = new_amount * (1 + vat_rate / 100) if vat_mode == "On Top" else new_amount
	if new_amount <= 0:
		frappe.throw(
			_("{0} must be greater than zero.").format(frappe.bold(_("New Contract Amount"))),
			title=_("Invalid Amount"),
		)
	invoiced = invoiced_under(contract, lock=lock)
	if with_vat + 0.005 < invoiced:
		frappe.throw(
			_(
				"The new amount including VAT, {0}, is below what is already invoiced under contract {1}: {2}."
			).format(
				frappe.format(with_vat, {"fieldtype": "Currency", "options": contract.cm_currency}),
				frappe.bold(contract.name),
				frappe.format(invoiced, {"fieldtype": "Currency", "options": contract.cm_currency}),
			),
			title=_("Amount Below Invoiced"),
		)


def invoiced_under(contract, lock: bool = False) -> float:
	return invoiced_and_paid(contract.name, invoice_doctype(contract.cm_direction), lock=lock).total


# ---------------------------------------------------------------- submit and cancel


def lock_contract(name: str):
	"""The contract, read with a row lock held until the transaction ends: the latest committed
	values, and any other agreement of this contract waits here until this one is done."""
	return frappe.get_doc("Contract", name, for_update=True)
