"""One primary document (Contract Primary Document): what it is checked against and how its status
follows the dates of its steps.

Steps: Expected → Sent (a document we issue) or Received (one we receive, as a scan, by EDI or on paper)
→ Signed by Both → Original Sent / Original Received; or Cancelled. Each step has its date; the status
is the furthest step with a date, so it can never claim a step nobody dated. A status chosen by hand
beyond the dates is refused with the date it lacks; Cancelled is chosen by hand or comes with the
cancelled ERPNext document.
"""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

DOCTYPE = "Contract Primary Document"
# The ERPNext documents a primary document accompanies, and the party field of each.
REFERENCE_PARTY_FIELD = {
	"Delivery Note": "customer",
	"Purchase Receipt": "supplier",
	"Sales Invoice": "customer",
	"Purchase Invoice": "supplier",
}
REFERENCE_DOCTYPES = tuple(REFERENCE_PARTY_FIELD)

CANCELLED = "Cancelled"
EXPECTED = "Expected"
# The furthest step first: the status is the first of these with a date.
STEP_DATES = (
	("Original Received", "original_received_on"),
	("Original Sent", "original_sent_on"),
	("Signed by Both", "signed_on"),
	("Sent", "sent_on"),
	("Received", "received_on"),
)
RANK = {
	EXPECTED: 0,
	"Sent": 1,
	"Received": 1,
	"Signed by Both": 2,
	"Original Sent": 3,
	"Original Received": 4,
}
CONTRACT_FIELDS = ("party_type", "party_name", "cm_company", "cm_currency", "cm_responsible", "start_date")


def missing_date_message(status: str) -> str:
	return {
		"Sent": _("A document sent needs the date it was sent."),
		"Received": _("A document received needs the date it was received."),
		"Signed by Both": _("A document signed by both parties needs the date it was signed."),
		"Original Sent": _("An original sent needs the date it was sent."),
		"Original Received": _("An original received needs the date it was received."),
	}[status]


def validate(doc):
	contract = frappe.db.get_value("Contract", doc.contract, CONTRACT_FIELDS, as_dict=True)
	if not contract:
		return  # the Link validation reports a contract that does not exist
	# Company and party are the contract's, whatever the row brought.
	doc.company = contract.cm_company
	doc.party_type = contract.party_type
	doc.party = contract.party_name
	doc.currency = contract.cm_currency
	if not doc.responsible:
		doc.responsible = contract.cm_responsible
	validate_steps_of_flow(doc)
	validate_dates(doc, contract)
	validate_obligation(doc)
	validate_reference(doc)
	set_status(doc)


def validate_steps_of_flow(doc):
	if doc.flow == "We Receive" and doc.sent_on:
		frappe.throw(
			_("Sent On is for a document we issue; for one we receive, give the date it was received.")
		)
	if doc.flow == "We Issue" and (doc.received_on or doc.received_via):
		frappe.throw(
			_("Scan Received On is for a document we receive; for one we issue, give the date it was sent.")
		)


def _date_label(doc, fieldname: str) -> str:
	return _(doc.meta.get_label(fieldname))


def validate_dates(doc, contract):
	start = getdate(contract.start_date) if contract.start_date else None
	if doc.document_date and start and getdate(doc.document_date) < start:
		frappe.throw(
			_("The document is dated {0}, before the contract starts ({1}).").format(
				frappe.format(doc.document_date, "Date"), frappe.format(start, "Date")
			)
		)
	today = getdate(nowdate())
	earliest = getdate(doc.document_date) if doc.document_date else start
	for _status, fieldname in STEP_DATES:
		value = doc.get(fieldname)
		if not value:
			continue
		if getdate(value) > today:
			frappe.throw(
				_("{0} cannot be in the future ({1}).").format(
					_date_label(doc, fieldname), frappe.format(value, "Date")
				)
			)
		if earliest and getdate(value) < earliest:
			frappe.throw(
				_("{0} ({1}) is before the document's date or the contract's start ({2}).").format(
					_date_label(doc, fieldname), frappe.format(value, "Date"), frappe.format(earliest, "Date")
				)
			)
	first = doc.sent_on or doc.received_on
	if not first:
		return
	for fieldname in ("signed_on", "original_sent_on", "original_received_on"):
		value = doc.get(fieldname)
		if value and getdate(value) < getdate(first):
			frappe.throw(
				_("{0} ({1}) is before the document was first sent or received as a scan ({2}).").format(
					_date_label(doc, fieldname), frappe.format(value, "Date"), frappe.format(first, "Date")
				)
			)


def validate_obligation(doc):
	if not doc.obligation:
		return
	obligation = frappe.qb.DocType("Contract Obligation")
	found = (
		frappe.qb.from_(obligation)
		.select(obligation.name)
		.where(obligation.name == doc.obligation)
		.where(obligation.parenttype == "Contract")
		.where(obligation.parent == doc.contract)
	).run()
	if not found:
		frappe.throw(
			_("{0} is not an obligation of contract {1}.").format(
				frappe.bold(doc.obligation), frappe.bold(doc.contract)
			)
		)


def validate_reference(doc):
	doc.reference_date = None
	if not doc.reference_doctype:
		doc.reference_name = None
		return
	if doc.reference_doctype not in REFERENCE_DOCTYPES:
		frappe.throw(
			_(
				"A primary document accompanies a Delivery Note, Purchase Receipt, Sales Invoice or Purchase Invoice, not a {0}."
			).format(_(doc.reference_doctype))
		)
	if not doc.reference_name:
		return
	party_field = REFERENCE_PARTY_FIELD[doc.reference_doctype]
	reference = frappe.db.get_value(
		doc.reference_doctype, doc.reference_name, ["cm_contract", party_field, "posting_date"], as_dict=True
	)
	if not reference:
		return  # the Dynamic Link validation reports it
	# Kept on the paper: the reminder of an expected paper counts from it, reading one table.
	doc.reference_date = reference.posting_date
	if reference.cm_contract != doc.contract or reference.get(party_field) != doc.party:
		frappe.throw(
			_("{0} {1} is not under contract {2} of {3}.").format(
				_(doc.reference_doctype),
				frappe.bold(doc.reference_name),
				frappe.bold(doc.contract),
				frappe.bold(doc.party),
			)
		)


def implied_status(doc) -> str:
	return next((status for status, fieldname in STEP_DATES if doc.get(fieldname)), EXPECTED)


def set_status(doc):
	if doc.status == CANCELLED:
		doc.cancelled_on = doc.cancelled_on or nowdate()
		return
	doc.cancelled_on = None
	implied = implied_status(doc)
	if doc.status and RANK.get(doc.status, 0) > RANK[implied]:
		frappe.throw(missing_date_message(doc.status))
	doc.status = implied
