"""What a supplementary agreement may change: the terms, the contract field each writes, the kind's own
fields, and a change row's text read as the field's value (typed) or shown (as_text)."""

import frappe
from frappe import _
from frappe.utils import cint, cstr, flt, getdate

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
