"""The primary documents a delivery, receipt or invoice under a contract expects, made for the user when
it is submitted, and cancelled with it.

The settings' table Primary Documents Expected (Contract Primary Document Rule) decides: a rule names the
contract's direction, its subject (goods, works, services, or any), the ERPNext document, the kind of
paper, who issues it and whether its original is required. The subject is the contract type's; a
contract without one takes it from the document: a delivery or receipt is goods, an invoice that moves
stock or sells a stock item is goods, any other invoice is services. A return expects nothing.

Deleting the document (once cancelled) deletes the papers it expected that record nothing.

This runs on the submit of every such document: one without a contract costs no query at all; one under
a contract reads the rules from the cached settings and writes every paper it expects in one insert,
named from the doctype's series with one counter update for all of them.
"""

import frappe
from frappe.model.dynamic_links import invalidate_distinct_link_doctypes
from frappe.model.naming import parse_naming_series
from frappe.query_builder.functions import Coalesce
from frappe.utils import flt, now_datetime, nowdate

from contract_management.common.settings import get_settings
from contract_management.fulfilment.primary_document import CANCELLED, DOCTYPE, EXPECTED

# The doctype's autoname (contract_primary_document.json), as a series of one counter.
NAMING_SERIES = "CPD-.YYYY.-.#####"
GOODS, SERVICES, ANY = "Goods", "Services", "Any"
# A delivery or a receipt moves goods whatever the contract says it is about.
GOODS_DOCUMENTS = ("Delivery Note", "Purchase Receipt")
INVOICES = ("Sales Invoice", "Purchase Invoice")
_PLACEHOLDER = "\x00"
# What a user records on a paper besides its number: a paper with any of them is not deleted with its
# document.
RECORDED_DATES = (
	"document_date",
	"sent_on",
	"received_on",
	"signed_on",
	"original_sent_on",
	"original_received_on",
)

COLUMNS = (
	"name",
	"owner",
	"modified_by",
	"creation",
	"modified",
	"docstatus",
	"idx",
	"kind",
	"flow",
	"status",
	"original_required",
	"contract",
	"company",
	"party_type",
	"party",
	"currency",
	"responsible",
	"reference_doctype",
	"reference_name",
	"reference_date",
	"amount",
	"vat_amount",
)


def rules_for(doctype: str) -> list:
	return [
		rule for rule in get_settings().get("primary_document_rules") or [] if rule.document_type == doctype
	]


def make_expected_documents(doc):
	"""Make the Expected primary documents of the submitted `doc` (a Delivery Note, Purchase Receipt,
	Sales Invoice or Purchase Invoice with `cm_contract`)."""
	# A return is corrected by documents of its own (a corrective UPD, an act of return), not by the
	# papers of a sale or purchase.
	if not doc.get("cm_contract") or doc.get("is_return"):
		return
	rules = rules_for(doc.doctype)
	if not rules:
		return
	contract = _contract(doc.cm_contract)
	if not contract:
		return
	subject = contract.subject_kind or subject_of_document(doc)
	rules = [
		rule
		for rule in rules
		if rule.direction == contract.cm_direction and rule.subject_kind in (ANY, subject)
	]
	if not rules:
		return
	now, user = now_datetime(), frappe.session.user
	amount = flt(doc.get("grand_total"))
	vat_amount = flt(doc.get("total_taxes_and_charges"))
	rows = [
		(
			name,
			user,
			user,
			now,
			now,
			0,
			0,
			rule.kind,
			rule.flow,
			EXPECTED,
			rule.original_required,
			contract.name,
			contract.cm_company,
			contract.party_type,
			contract.party_name,
			contract.cm_currency or doc.get("currency"),
			contract.cm_responsible,
			doc.doctype,
			doc.name,
			doc.get("posting_date"),
			amount,
			vat_amount,
		)
		for name, rule in zip(reserve_names(len(rules)), rules, strict=True)
	]
	# System work: the papers expected of a document its submitter may make, whatever their rights on
	# primary documents; who may read them afterwards is the contract's rule (access/rule.py).
	frappe.db.bulk_insert(DOCTYPE, COLUMNS, rows)
	# As a document's own insert does: Frappe caches which doctypes a dynamic link points at, and its check
	# before deleting a delivery or invoice reads only those (a raw insert does not tell the cache).
	invalidate_distinct_link_doctypes(DOCTYPE, "reference_doctype", doc.doctype)


def _contract(name: str):
	contract = frappe.qb.DocType("Contract")
	contract_type = frappe.qb.DocType("Contract Type")
	found = (
		frappe.qb.from_(contract)
		.left_join(contract_type)
		.on(contract_type.name == contract.cm_contract_type)
		.select(
			contract.name,
			contract.cm_direction,
			contract.cm_company,
			contract.party_type,
			contract.party_name,
			contract.cm_currency,
			contract.cm_responsible,
			contract_type.subject_kind,
		)
		.where(contract.name == name)
	).run(as_dict=True)
	return found[0] if found else None


def subject_of_document(doc) -> str:
	"""Goods or services, as the document shows it, for a contract whose type does not say."""
	if doc.doctype in GOODS_DOCUMENTS or doc.get("update_stock"):
		return GOODS
	item_codes = list({row.item_code for row in doc.get("items") or [] if row.get("item_code")})
	if not item_codes:
		return SERVICES
	stock_item = frappe.get_all(
		"Item", filters={"name": ("in", item_codes), "is_stock_item": 1}, pluck="name", limit=1
	)
	return GOODS if stock_item else SERVICES


def reserve_names(count: int) -> list[str]:
	"""`count` names of the doctype's series, taken with one counter update (and one read) for all."""
	series_of = {}

	def counter(prefix: str, digits: int) -> str:
		series_of.update(prefix=prefix, digits=digits)
		return _PLACEHOLDER

	template = parse_naming_series(NAMING_SERIES, number_generator=counter)
	prefix, digits = series_of["prefix"], series_of["digits"]
	series = frappe.qb.DocType("Series")
	(
		frappe.qb.into(series)
		.columns(series.name, series.current)
		.insert(prefix, count)
		.on_duplicate_key_update(series.current, series.current + count)
	).run()
	last = (frappe.qb.from_(series).select(series.current).where(series.name == prefix)).run()[0][0]
	first = int(last) - count + 1
	return [
		template.replace(_PLACEHOLDER, str(number).zfill(digits)) for number in range(first, first + count)
	]


def delete_unrecorded_documents(doc):
	"""The papers made for a document being deleted that record nothing (no number, date, step or
	attachment) go with it; a paper that records anything stays, and Frappe's link check then keeps the
	document from deletion, naming the paper."""
	if not doc.get("cm_contract"):
		return
	table = frappe.qb.DocType(DOCTYPE)
	file = frappe.qb.DocType("File")
	attached = frappe.qb.from_(file).select(file.attached_to_name).where(file.attached_to_doctype == DOCTYPE)
	query = (
		frappe.qb.from_(table)
		.delete()
		.where(table.reference_doctype == doc.doctype)
		.where(table.reference_name == doc.name)
		.where(table.status.isin((EXPECTED, CANCELLED)))
		.where(Coalesce(table.number, "") == "")
		.where(table.name.notin(attached))
	)
	for fieldname in RECORDED_DATES:
		query = query.where(table[fieldname].isnull())
	query.run()


def cancel_expected_documents(doc):
	"""The papers of a cancelled document are Cancelled, never deleted: whatever was recorded on them
	(dates, number, attachments, comments) stays, and a list of cancelled ERPNext documents still shows
	what they expected."""
	if not doc.get("cm_contract"):
		return
	table = frappe.qb.DocType(DOCTYPE)
	(
		frappe.qb.update(table)
		.set(table.status, CANCELLED)
		.set(table.cancelled_on, nowdate())
		.set(table.modified, now_datetime())
		.set(table.modified_by, frappe.session.user)
		.where(table.reference_doctype == doc.doctype)
		.where(table.reference_name == doc.name)
		.where(table.status != CANCELLED)
	).run()
