"""ERPNext documents made under a contract: orders, deliveries, receipts, invoices, payments.

Their `cm_contract` link is checked on validate: same party, same company, same currency, and the
contract in force on the document's date. This runs on the validate of every such document, so it
does nothing at all when there is no contract to check, and one indexed query when there is.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce
from frappe.utils import flt, fmt_money, getdate

from contract_management.common.settings import get_settings
from contract_management.contracts.summary import invoiced_and_paid

PARTY_FIELD = {
	"Quotation": "party_name",
	"Sales Order": "customer",
	"Delivery Note": "customer",
	"Sales Invoice": "customer",
	"Purchase Order": "supplier",
	"Purchase Receipt": "supplier",
	"Purchase Invoice": "supplier",
	"Payment Entry": "party",
}
DATE_FIELD = {
	"Quotation": "transaction_date",
	"Sales Order": "transaction_date",
	"Purchase Order": "transaction_date",
}
INVOICE_DOCTYPES = ("Sales Invoice", "Purchase Invoice")
CONTRACT_FIELDS = (
	"name",
	"docstatus",
	"cm_status",
	"party_type",
	"party_name",
	"cm_company",
	"cm_currency",
	"start_date",
	"end_date",
	"cm_terminated_on",
	"cm_is_framework",
	"cm_amount_with_vat",
)


class ContractMismatchError(frappe.ValidationError):
	pass


def boot_session(bootinfo):
	"""The documents the contract card makes (its Create menu, Connections' "+"), each with the field
	naming its party, for public/js/contract.js: those of PARTY_FIELD but the Payment Entry, which the
	card does not offer."""
	bootinfo.cm_party_fields = {
		doctype: field for doctype, field in PARTY_FIELD.items() if doctype != "Payment Entry"
	}


def document_party(doc) -> tuple[str | None, str | None]:
	if doc.doctype == "Quotation":
		return (doc.quotation_to, doc.party_name) if doc.quotation_to in ("Customer",) else (None, None)
	if doc.doctype == "Payment Entry":
		return doc.party_type, doc.party
	party_type = "Supplier" if PARTY_FIELD[doc.doctype] == "supplier" else "Customer"
	return party_type, doc.get(PARTY_FIELD[doc.doctype])


def document_date(doc):
	return getdate(doc.get(DATE_FIELD.get(doc.doctype, "posting_date")))


def document_currency(doc) -> str | None:
	if doc.doctype == "Payment Entry":
		return (
			doc.paid_from_account_currency if doc.payment_type == "Receive" else doc.paid_to_account_currency
		)
	return doc.currency


def validate_contract_link(doc, method=None):
	if not doc.get("cm_contract"):
		if doc.flags.in_insert and not pays_documents(doc) and get_settings().auto_link_single_contract:
			# A link the app chooses itself is one the document fits: a document made without the app's
			# fields is never refused for it.
			fill_single_contract_in_force(doc)
		return
	contract = frappe.db.get_value("Contract", doc.cm_contract, CONTRACT_FIELDS, as_dict=True)
	if not contract:
		return  # the Link validation of the document reports a contract that does not exist
	validate_party_and_company(doc, contract)
	validate_currency(doc, contract)
	validate_in_force(doc, contract)
	if doc.doctype in INVOICE_DOCTYPES:
		validate_invoiced_within_amount(doc, contract)


def pays_documents(doc) -> bool:
	"""A payment that settles invoices or orders follows their contracts (the debt report and the
	reconciliation act read the contract of the document paid), so it is not linked to the party's single
	contract in force: only an advance is, and a payment of documents without a contract costs no query."""
	return doc.doctype == "Payment Entry" and bool(doc.get("references"))


def fill_single_contract_in_force(doc):
	"""The party's one contract in force on the document's date, in the document's currency, linked
	when the document fits it (an invoice within its amount); otherwise no link, and no message."""
	party_type, party = document_party(doc)
	if party_type not in ("Customer", "Supplier") or not party:
		return
	on_date = document_date(doc)
	currency = document_currency(doc)
	contract = frappe.qb.DocType("Contract")
	party_field = contract.cm_customer if party_type == "Customer" else contract.cm_supplier
	in_force = (
		frappe.qb.from_(contract)
		.select(*(contract[field] for field in CONTRACT_FIELDS))
		.where(party_field == party)
		.where(contract.cm_company == doc.company)
		.where(contract.docstatus == 1)
		.where(contract.start_date <= on_date)
		.where(Coalesce(contract.end_date, "9999-12-31") >= on_date)
		.where(Coalesce(contract.cm_terminated_on, "9999-12-31") > on_date)
		.where(contract.cm_fulfilled_on.isnull())
		.limit(2)
	).run(as_dict=True)
	if len(in_force) != 1:
		return
	found = in_force[0]
	if currency and found.cm_currency and currency != found.cm_currency:
		return
	if doc.doctype in INVOICE_DOCTYPES and invoiced_beyond_amount(doc, found):
		return
	doc.cm_contract = found.name


def invoiced_beyond_amount(doc, contract, lock: bool = False) -> float:
	"""How far the contract's amount is passed with this invoice (0 when it is not, or has no amount)."""
	if contract.cm_is_framework or not flt(contract.cm_amount_with_vat):
		return 0
	invoiced_before = invoiced_and_paid(contract.name, doc.doctype, excluding=doc.name, lock=lock).total
	beyond = flt(invoiced_before) + flt(doc.grand_total) - flt(contract.cm_amount_with_vat)
	return beyond if beyond > 0.005 else 0


def validate_party_and_company(doc, contract):
	party_type, party = document_party(doc)
	check_contract_parties(contract, party_type, party, doc.company)


def check_contract_parties(contract, party_type: str | None, party: str | None, company: str):
	"""A document or claim under a contract must have the contract's party and company."""
	if (party_type, party) != (contract.party_type, contract.party_name):
		_refuse_mismatch(
			contract,
			_("{0}: contract {1} is made with {2} {3}, not with {4} {5}."),
			_("Contract of Another Party"),
			_(contract.party_type),
			frappe.bold(contract.party_name),
			_(party_type) if party_type else "",
			frappe.bold(party or ""),
		)
	if contract.cm_company != company:
		_refuse_mismatch(
			contract,
			_("{0}: contract {1} belongs to company {2}, not to {3}."),
			_("Contract of Another Company"),
			contract.cm_company,
			company,
		)


def validate_currency(doc, contract):
	currency = document_currency(doc)
	if contract.cm_currency and currency and currency != contract.cm_currency:
		_refuse_mismatch(
			contract,
			_("{0}: contract {1} is in {2}, this document is in {3}."),
			_("Currency Does Not Match"),
			contract.cm_currency,
			currency,
		)


def _refuse_mismatch(contract, message: str, title: str, *details):
	"""Refuse a document that does not match its contract. Every such message opens the same way,
	«Contract: contract N ...», so `message` has the contract in {0} and {1} and `details` after."""
	frappe.throw(
		message.format(frappe.bold(_("Contract")), frappe.bold(contract.name), *details),
		exc=ContractMismatchError,
		title=title,
	)


def validate_in_force(doc, contract):
	if doc.doctype == "Quotation" and contract.docstatus == 0:
		return  # a quotation is often made while the contract is still negotiated
	on_date = document_date(doc)
	reason = None
	if contract.docstatus != 1:
		reason = _("it is not signed")
	elif contract.start_date and on_date < getdate(contract.start_date):
		reason = _("it starts on {0}").format(frappe.format(contract.start_date, "Date"))
	elif contract.cm_terminated_on and on_date >= getdate(contract.cm_terminated_on):
		reason = _("it was terminated on {0}").format(frappe.format(contract.cm_terminated_on, "Date"))
	elif contract.end_date and on_date > getdate(contract.end_date):
		reason = _("it ended on {0}").format(frappe.format(contract.end_date, "Date"))
	if not reason:
		return
	message = _("{0}: contract {1} is not in force on {2}: {3}.").format(
		frappe.bold(_("Contract")), frappe.bold(contract.name), frappe.format(on_date, "Date"), reason
	)
	if get_settings().out_of_force_action == "Refuse":
		frappe.throw(message, exc=ContractMismatchError, title=_("Contract Not in Force"))
	frappe.msgprint(message, indicator="orange", alert=True)


def validate_invoiced_within_amount(doc, contract):
	"""On submit the check runs under the contract's row lock, so two invoices submitted at the same
	moment are checked one after the other and cannot both pass the ceiling."""
	if contract.cm_is_framework or not flt(contract.cm_amount_with_vat) or doc.docstatus == 2:
		return
	submitting = doc.docstatus == 1
	if submitting:
		# A locking read: the amount as last committed (an agreement may have just changed it), and
		# any other invoice of this contract being submitted waits here until this one is done.
		contract = frappe._dict(contract)
		contract.update(
			frappe.db.get_value(
				"Contract",
				contract.name,
				["cm_is_framework", "cm_amount_with_vat"],
				as_dict=True,
				for_update=True,
			)
		)
	beyond = invoiced_beyond_amount(doc, contract, lock=submitting)
	if not beyond:
		return
	total = flt(contract.cm_amount_with_vat) + beyond
	message = _(
		"{0}: with this invoice, {1} is invoiced under contract {2}, above its amount of {3} by {4}."
	).format(
		frappe.bold(_("Contract")),
		fmt_money(total, currency=contract.cm_currency),
		frappe.bold(contract.name),
		fmt_money(contract.cm_amount_with_vat, currency=contract.cm_currency),
		fmt_money(beyond, currency=contract.cm_currency),
	)
	if get_settings().over_invoicing_action == "Refuse":
		frappe.throw(message, exc=ContractMismatchError, title=_("Invoiced Beyond the Contract Amount"))
	frappe.msgprint(message, indicator="orange", alert=True)
