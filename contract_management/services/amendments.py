"""Supplementary agreements (Contract Amendment): they change a signed contract without cancelling it.

Every change an agreement makes is a row (field, old value, new value); the kind's own fields (new end
date, new amount, ...) become rows on save. On submit the rows apply to the contract under a row lock
on it, so two agreements submitted at once apply one after the other; an agreement whose old values
no longer match the contract (another agreement changed the same field meanwhile) is refused.
Cancelling restores the old values unless a later agreement changed the same fields.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Max, Sum
from frappe.utils import cint, cstr, flt, getdate

from contract_management.services.documents import INVOICE_DOCTYPES
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
	fill_old_values(amendment, contract)
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
	elif contract.cm_status == "Expired" and not may_still_be_prolonged(amendment, contract):
		problem = _("it expired on {0} without prolongation").format(frappe.format(contract.end_date, "Date"))
	if problem:
		frappe.throw(
			_("Contract {0} cannot be amended: {1}.").format(frappe.bold(contract.name), problem),
			title=_("Contract Cannot Be Amended"),
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


def fill_old_values(amendment, contract):
	"""Old values come from the contract, never from the user."""
	for row in amendment.changes:
		row.old_value = "" if row.fieldname == CLAUSE else as_text(row.fieldname, contract.get(row.fieldname))


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


def validate_amount_not_below_invoiced(amendment, contract):
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
	invoiced = invoiced_under(contract)
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


def invoiced_under(contract) -> float:
	doctype = INVOICE_DOCTYPES[1] if contract.cm_direction == "Purchase" else INVOICE_DOCTYPES[0]
	invoice = frappe.qb.DocType(doctype)
	return flt(
		(
			frappe.qb.from_(invoice)
			.select(Coalesce(Sum(invoice.grand_total), 0))
			.where(invoice.cm_contract == contract.name)
			.where(invoice.docstatus == 1)
		).run()[0][0]
	)


# ---------------------------------------------------------------- submit and cancel


def lock_contract(name: str):
	"""The contract, read with a row lock held until the transaction ends: the latest committed
	values, and any other agreement of this contract waits here until this one is done."""
	return frappe.get_doc("Contract", name, for_update=True)


def apply_on_submit(amendment):
	contract = lock_contract(amendment.contract)
	validate_contract_state(amendment, contract)
	stale = [
		row
		for row in amendment.changes
		if row.fieldname != CLAUSE
		and as_text(row.fieldname, contract.get(row.fieldname)) != cstr(row.old_value)
	]
	if stale:
		row = stale[0]
		frappe.throw(
			_(
				"Contract {0} changed since this agreement was drafted: {1} is now {2}, not {3}. Open the agreement again to take the current values."
			).format(
				frappe.bold(contract.name),
				frappe.bold(field_label(row.fieldname)),
				frappe.bold(as_text(row.fieldname, contract.get(row.fieldname)) or _("empty")),
				frappe.bold(row.old_value or _("empty")),
			),
			exc=AmendmentConflict,
			title=_("Contract Changed Meanwhile"),
		)
	validate_dates(amendment, contract)
	validate_amount_not_below_invoiced(amendment, contract)
	_write(
		contract,
		{
			row.fieldname: typed(row.fieldname, row.new_value)
			for row in amendment.changes
			if row.fieldname != CLAUSE
		},
	)


def restore_on_cancel(amendment):
	contract = lock_contract(amendment.contract)
	fields = [row.fieldname for row in amendment.changes if row.fieldname != CLAUSE]
	later = later_amendment_changing(amendment, fields)
	if later:
		frappe.throw(
			_(
				"Cancel {0} first: it is a later agreement that changed the same terms of contract {1} ({2})."
			).format(
				frappe.bold(later.name),
				frappe.bold(contract.name),
				", ".join(field_label(f) for f in later.fields),
			),
			exc=AmendmentConflict,
			title=_("A Later Agreement Depends on This One"),
		)
	_write(
		contract,
		{
			row.fieldname: typed(row.fieldname, row.old_value)
			for row in amendment.changes
			if row.fieldname != CLAUSE
		},
	)


def later_amendment_changing(amendment, fields):
	if not fields:
		return None
	table = frappe.qb.DocType("Contract Amendment")
	change = frappe.qb.DocType("Contract Amendment Change")
	rows = (
		frappe.qb.from_(table)
		.join(change)
		.on(change.parent == table.name)
		.select(table.name, table.amendment_no, change.fieldname)
		.where(table.contract == amendment.contract)
		.where(table.docstatus == 1)
		.where(table.amendment_no > amendment.amendment_no)
		.where(change.fieldname.isin(fields))
		.orderby(table.amendment_no, order=frappe.qb.desc)
	).run(as_dict=True)
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
