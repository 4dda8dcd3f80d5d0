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
from frappe.utils import cint, cstr, flt, get_datetime, getdate, now_datetime, nowdate

from contract_management.services import approval
from contract_management.services.summary import invoice_doctype, invoiced_and_paid
from contract_management.services.validation import refuse_date_before

# The terms a user may change by an agreement, as the change row names them, and the contract field
# each one writes. "Wording of a Clause" records a clause's new wording without changing a field.
AMENDABLE_TERMS = {
	"End Date": "end_date",
	"Contract Amount": "cm_amount",
	"VAT": "cm_vat_mode",
	"VAT Rate": "cm_vat_rate",
	"Payment Terms": "cm_payment_terms_template",
	"Contract Terms": "contract_terms",
	"Contract Subject": "cm_subject",
	"Auto-Prolongation": "cm_auto_prolongation",
	"Renewal Term (Months)": "cm_renewal_term_months",
	"Notice Period (Days)": "cm_notice_period_days",
	"Claim Period (Days)": "cm_claim_period_days",
	"Wording of a Clause": "clause",
}
# Terms only a kind writes: a termination by agreement records its date and reason.
KIND_ONLY_TERMS = {"Terminated On": "cm_terminated_on", "Termination Reason": "cm_termination_reason"}
TERM_BY_FIELD = {field: term for term, field in {**AMENDABLE_TERMS, **KIND_ONLY_TERMS}.items()}
CLAUSE = "clause"
PROLONGATION = "Prolongation"

KIND_FIELDS = {
	"new_end_date": "end_date",
	"new_amount": "cm_amount",
	"new_payment_terms_template": "cm_payment_terms_template",
	"new_terms": "contract_terms",
}


class AmendmentConflict(frappe.ValidationError):
	pass


def field_label(fieldname: str) -> str:
	return _(TERM_BY_FIELD.get(fieldname, fieldname))


def typed(fieldname: str, value):
	"""A change row's text as the contract field's value."""
	if fieldname == CLAUSE:
		return value
	fieldtype = frappe.get_meta("Contract").get_field(fieldname).fieldtype
	if value in (None, ""):
		return (
			None
			if fieldtype in ("Date", "Link", "Select")
			else (0 if fieldtype in ("Int", "Check", "Currency", "Float", "Percent") else "")
		)
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype in ("Int", "Check"):
		return cint(value)
	if fieldtype in ("Currency", "Float", "Percent"):
		return flt(value)
	return cstr(value)


def as_text(fieldname: str, value) -> str:
	value = typed(fieldname, value)
	return "" if value is None else cstr(value)


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


def check_before_signing(amendment):
	"""Under the contract's row lock, held until the transaction ends: the contract still has the old
	values the agreement recorded. The signing time is taken here too, so that the order of signing
	times is the order in which agreements really applied."""
	contract = lock_contract(amendment.contract)
	validate_contract_state(amendment, contract)
	stale = next(
		(
			row
			for row in amendment.changes
			if row.fieldname != CLAUSE
			and as_text(row.fieldname, contract.get(row.fieldname)) != cstr(row.old_value)
		),
		None,
	)
	if stale:
		refuse_changed_meanwhile(amendment, contract, stale)
	validate_dates(amendment, contract)
	validate_amount_not_below_invoiced(amendment, contract, lock=True)
	# Recorded from paper: signed on its agreement date, so the history orders it among the others.
	amendment.signed_on = (
		get_datetime(amendment.amendment_date) if amendment.get("recorded_from_paper") else now_datetime()
	)


def refuse_changed_meanwhile(amendment, contract, row):
	values = (
		frappe.bold(contract.name),
		frappe.bold(field_label(row.fieldname)),
		frappe.bold(as_text(row.fieldname, contract.get(row.fieldname)) or _("empty")),
		frappe.bold(row.old_value or _("empty")),
	)
	changed_by = agreement_that_last_changed(amendment, row.fieldname)
	if not changed_by:
		message = _(
			"Contract {0} changed after this agreement took its old values: {1} is now {2}, not {3}. Refresh the old values and sign again."
		).format(*values)
	elif changed_by.docstatus == 2:
		message = _(
			"Contract {0} changed after this agreement took its old values: {1} is now {2}, not {3}, since supplementary agreement {4} was cancelled. Refresh the old values and sign again."
		).format(*values, frappe.bold(changed_by.name))
	else:
		message = _(
			"Contract {0} changed after this agreement took its old values: {1} is now {2}, not {3}, by supplementary agreement {4}. Refresh the old values and sign again."
		).format(*values, frappe.bold(changed_by.name))
	frappe.throw(message, exc=AmendmentConflict, title=_("Contract Changed Meanwhile"))


def agreement_that_last_changed(amendment, fieldname):
	"""The other agreement whose signing or cancelling last wrote the term. A locking read, as it runs
	under the contract's lock: it sees an agreement another session signed a moment ago."""
	table = frappe.qb.DocType("Contract Amendment")
	change = frappe.qb.DocType("Contract Amendment Change")
	rows = (
		frappe.qb.from_(table)
		.join(change)
		.on(change.parent == table.name)
		.select(table.name, table.docstatus, table.signed_on, table.modified)
		.where(table.contract == amendment.contract)
		.where(table.name != amendment.name)
		.where(table.docstatus.isin([1, 2]))
		.where(change.fieldname == fieldname)
		.for_update()
	).run(as_dict=True)
	if not rows:
		return None
	return max(
		rows, key=lambda row: row.modified if row.docstatus == 2 or not row.signed_on else row.signed_on
	)


def apply_on_submit(amendment):
	"""Writes the new values; check_before_signing took the contract's lock and checked them."""
	contract = lock_contract(amendment.contract)
	_write(
		contract,
		{
			row.fieldname: typed(row.fieldname, row.new_value)
			for row in amendment.changes
			if row.fieldname != CLAUSE
		},
	)


def restore_on_cancel(amendment):
	"""Check and write under the contract's row lock."""
	contract = lock_contract(amendment.contract)
	fields = [row.fieldname for row in amendment.changes if row.fieldname != CLAUSE]
	later = agreement_signed_after(amendment, fields)
	if later:
		frappe.throw(
			_(
				"Cancel {0} first: it was signed after this agreement and changed the same terms of contract {1} ({2})."
			).format(
				frappe.bold(later.name),
				frappe.bold(contract.name),
				", ".join(field_label(f) for f in later.fields),
			),
			exc=AmendmentConflict,
			title=_("A Later Agreement Depends on This One"),
		)
	values = {
		row.fieldname: typed(row.fieldname, row.old_value)
		for row in amendment.changes
		if row.fieldname != CLAUSE
	}
	if amendment.made_by_system and amendment.kind == PROLONGATION:
		# Cancelling the prolongation the system made is our refusal of it: without this record the
		# next night's job would find the contract due and make the same prolongation again.
		values.update(
			{
				"cm_prolongation_refused": 1,
				"cm_prolongation_refused_by": "We",
				"cm_prolongation_refused_on": getdate(nowdate()),
				"cm_prolongation_refusal_recorded_by": frappe.session.user,
				"cm_prolongation_refusal_agreement": amendment.name,
			}
		)
	_write(contract, values)


def agreement_signed_after(amendment, fields):
	"""The latest signed agreement signed after this one that changed any of the fields. By signing
	time, not by number: a draft numbered earlier may be signed later. A locking read, as it runs under
	the contract's lock: it sees an agreement another session signed a moment ago."""
	if not fields:
		return None
	table = frappe.qb.DocType("Contract Amendment")
	change = frappe.qb.DocType("Contract Amendment Change")
	query = (
		frappe.qb.from_(table)
		.join(change)
		.on(change.parent == table.name)
		.select(table.name, table.signed_on, change.fieldname)
		.where(table.contract == amendment.contract)
		.where(table.docstatus == 1)
		.where(table.name != amendment.name)
		.where(change.fieldname.isin(fields))
		.orderby(table.signed_on, order=frappe.qb.desc)
		.for_update()
	)
	# An agreement signed before signing times were kept is older than any that has one.
	query = query.where(
		table.signed_on > amendment.signed_on if amendment.signed_on else table.signed_on.isnotnull()
	)
	rows = query.run(as_dict=True)
	if not rows:
		return None
	latest = rows[0].name
	return frappe._dict(name=latest, fields=sorted({row.fieldname for row in rows if row.name == latest}))


def _write(contract, values: dict):
	contract.update(values)
	contract.flags.ignore_validate_update_after_submit = True
	# Whoever may submit or cancel the agreement may apply it to its contract.
	contract.flags.ignore_permissions = True
	contract.save()


# ---------------------------------------------------------------- history


def effective_terms_history(contract: str) -> list[dict]:
	"""For each signed agreement of the contract, in the order they were signed: which fields changed,
	from what to what, from which date, by whom. One query."""
	table = frappe.qb.DocType("Contract Amendment")
	change = frappe.qb.DocType("Contract Amendment Change")
	return (
		frappe.qb.from_(table)
		.join(change)
		.on(change.parent == table.name)
		.select(
			table.name.as_("amendment"),
			table.amendment_no,
			table.kind,
			table.effective_date,
			table.amendment_date,
			table.made_by_system,
			table.recorded_from_paper,
			table.signed_on,
			table.modified_by.as_("by"),
			change.fieldname,
			change.term,
			change.clause,
			change.old_value,
			change.new_value,
		)
		.where(table.contract == contract)
		.where(table.docstatus == 1)
		.orderby(table.signed_on)
		.orderby(table.amendment_no)
		.orderby(change.idx)
	).run(as_dict=True)
