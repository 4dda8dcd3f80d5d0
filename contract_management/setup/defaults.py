"""Records a new install starts with; the user edits them freely afterwards."""

import json
from pathlib import Path

import frappe
from frappe import _
from frappe.utils import getdate

CONTRACT_TYPES = (
	"Supply",
	"Services",
	"Works",
	"Lease",
	"Agency",
	"Non-Disclosure Agreement",
	"Framework",
	"Loan",
	"Licence",
)


# What the shipped contract types are about (Contract Type's Contract Subject): it decides which primary
# documents their deliveries, receipts and invoices expect.
SUBJECT_OF_CONTRACT_TYPE = {"Supply": "Goods", "Services": "Services", "Works": "Works"}

# The kinds of primary documents a Russian contract department exchanges. The record names are English,
# as the app's contract types are: a stored value that is the same in every language (links, filters,
# imports, the settings' rules), shown in Russian by the catalogue (the doctype is translated) with the
# short names the department itself uses: «УПД», «Товарная накладная (ТОРГ-12)», «КС-2».
UPD = "UPD (Universal Transfer Document)"
WAYBILL = "Waybill (TORG-12)"
ACT_OF_WORKS = "Act of Works Performed"
ACT_OF_SERVICES = "Act of Services Rendered"
KS_2 = "KS-2 (Acceptance of Works Performed)"
KS_3 = "KS-3 (Cost of Works and Expenses)"
VAT_INVOICE = "VAT Invoice (Schet-Faktura)"
PRIMARY_DOCUMENT_KINDS = (UPD, WAYBILL, ACT_OF_WORKS, ACT_OF_SERVICES, KS_2, KS_3, VAT_INVOICE)

# What a document under a contract expects, when the settings' table is empty:
# (direction, contract subject, ERPNext document, kind, who issues it, original required)
DEFAULT_PRIMARY_DOCUMENT_RULES = (
	("Sales", "Goods", "Delivery Note", UPD, "We Issue", 1),
	("Sales", "Services", "Sales Invoice", ACT_OF_SERVICES, "We Issue", 1),
	("Sales", "Works", "Sales Invoice", ACT_OF_WORKS, "We Issue", 1),
	("Purchase", "Goods", "Purchase Receipt", UPD, "We Receive", 1),
	("Purchase", "Services", "Purchase Invoice", ACT_OF_SERVICES, "We Receive", 1),
	("Purchase", "Works", "Purchase Invoice", ACT_OF_WORKS, "We Receive", 1),
)


def create_default_records():
	ensure_settings_defaults()
	load_key_rates()
	ensure_reminder_rules()
	ensure_non_accrual_periods()
	ensure_indexes()
	for type_name in CONTRACT_TYPES:
		if not frappe.db.exists("Contract Type", type_name):
			frappe.get_doc(
				{
					"doctype": "Contract Type",
					"contract_type_name": type_name,
					"subject_kind": SUBJECT_OF_CONTRACT_TYPE.get(type_name),
				}
			).insert(ignore_permissions=True)
	ensure_primary_document_kinds()
	ensure_primary_document_rules()


def ensure_contract_type_subjects():
	"""The subject of the shipped contract types that have none (a site installed before subjects)."""
	contract_type = frappe.qb.DocType("Contract Type")
	for type_name, subject in SUBJECT_OF_CONTRACT_TYPE.items():
		(
			frappe.qb.update(contract_type)
			.set(contract_type.subject_kind, subject)
			.where(contract_type.name == type_name)
			.where(contract_type.subject_kind.isnull() | (contract_type.subject_kind == ""))
		).run()


def ensure_primary_document_kinds():
	"""The shipped kinds that are missing; the company's own kinds and its edits stay as they are."""
	doctype = "Contract Primary Document Kind"
	existing = set(frappe.get_all(doctype, pluck="name"))
	for kind in PRIMARY_DOCUMENT_KINDS:
		if kind not in existing:
			frappe.get_doc({"doctype": doctype, "kind_name": kind}).insert(ignore_permissions=True)


def ensure_primary_document_rules():
	"""The default rules, only when the settings have none: a table the user emptied on purpose is
	filled again, one they changed is theirs."""
	settings = frappe.get_single("Contract Management Settings")
	if settings.get("primary_document_rules"):
		return
	for direction, subject, document_type, kind, flow, original_required in DEFAULT_PRIMARY_DOCUMENT_RULES:
		settings.append(
			"primary_document_rules",
			{
				"direction": direction,
				"subject_kind": subject,
				"document_type": document_type,
				"kind": kind,
				"flow": flow,
				"original_required": original_required,
			},
		)
	settings.flags.ignore_permissions = True
	settings.save()


def ensure_settings_defaults():
	"""Give every settings field its default where the site has no value yet. Frappe applies a single
	doctype's defaults only when it has no record at all, so fields added by an upgrade would
	otherwise read as empty."""
	doctype = "Contract Management Settings"
	stored = frappe.db.get_singles_dict(doctype)
	for field in frappe.get_meta(doctype).fields:
		if field.default is not None and stored.get(field.fieldname) is None:
			frappe.db.set_single_value(doctype, field.fieldname, field.default)
	frappe.clear_document_cache(doctype, doctype)


KEY_RATES_FILE = Path(__file__).parent / "data" / "key_rates.json"


def load_key_rates():
	"""The Bank of Russia key-rate history shipped with the app; rates already on the site (the user's
	own corrections included) are left as they are."""
	data = json.loads(KEY_RATES_FILE.read_text())
	existing = {str(date) for date in frappe.get_all("Key Rate", pluck="effective_from")}
	for effective_from, rate in data["rates"]:
		if effective_from in existing:
			continue
		frappe.get_doc(
			{"doctype": "Key Rate", "effective_from": effective_from, "rate": rate, "source": data["source"]}
		).insert(ignore_permissions=True)
	settings = "Contract Management Settings"
	complete_until = frappe.db.get_single_value(settings, "key_rates_complete_until")
	if not complete_until or getdate(complete_until) < getdate(data["complete_until"]):
		frappe.db.set_single_value(settings, "key_rates_complete_until", data["complete_until"])


# Government Resolution No. 497 of 28.03.2022: in force from 1 April 2022 for six months, to
# 1 October 2022 inclusive, for claims that arose before it (Federal Law No. 127-FZ, art. 9.1).
MORATORIUM_2022 = {"from_date": "2022-04-01", "to_date": "2022-10-01"}
# Constants, so that the extractor (babel_extractors.csv) puts them in main.pot.
MORATORIUM_2022_TITLE = "Moratorium of 2022"
MORATORIUM_2022_BASIS = "Moratorium on bankruptcy petitions: Government Resolution No. 497 of 28.03.2022, Federal Law No. 127-FZ, art. 9.1"


def ensure_non_accrual_periods():
	"""The 2022 moratorium, unless a period with its dates or its name is on the site (however the user
	edited or disabled it). Worded in the site's language when it is made."""
	lang = frappe.db.get_single_value("System Settings", "language") or "en"
	title = _(MORATORIUM_2022_TITLE, lang=lang)
	doctype = "Contract Non-Accrual Period"
	if frappe.db.exists(doctype, MORATORIUM_2022) or frappe.db.exists(doctype, title):
		return
	basis = _(MORATORIUM_2022_BASIS, lang=lang)
	frappe.get_doc(
		{
			"doctype": doctype,
			**MORATORIUM_2022,
			"title": title,
			"applies_to": "Arose Before the Period",
			"basis": basis,
		}
	).insert(ignore_permissions=True)


# kind: (days, responsible, head of department, roles, bell, e-mail, ToDo)
DEFAULT_REMINDER_RULES = {
	"Contract End": ("60, 30, 7, 0", 1, 1, "", 1, 1, 0),
	"Notice Deadline": ("14, 3, 0", 1, 1, "", 1, 1, 1),
	"Obligation Due": ("7, 0, -1", 1, 0, "", 1, 0, 0),
	"Incoming Claim Response Due": ("5, 0, -1", 1, 0, "Legal Counsel", 1, 1, 1),
	"Outgoing Claim Court Date": ("0", 1, 0, "Legal Counsel", 1, 1, 0),
	"Overdue Invoice": ("-1, -15, -30", 1, 0, "", 1, 1, 0),
	"Original Not Returned": ("-30", 1, 0, "", 1, 0, 0),
	"Stuck on Approval": ("-5", 1, 0, "Contract Manager", 1, 0, 0),
	# The primary documents' (reminders/kinds.py): days after the scan, the sending, the ERPNext document.
	"Primary Document Original Not Received": ("-30", 1, 0, "", 1, 0, 0),
	"Primary Document Not Signed by Counterparty": ("-14", 1, 0, "", 1, 0, 0),
	"Expected Primary Document Missing": ("-7", 1, 0, "", 1, 0, 0),
}


def ensure_reminder_rules():
	"""A rule for every kind of reminder; kinds the user already configured are left as they are."""
	settings = frappe.get_single("Contract Management Settings")
	present = {rule.kind for rule in settings.reminder_rules if not rule.company}
	missing = [kind for kind in DEFAULT_REMINDER_RULES if kind not in present]
	if not missing:
		return
	for kind in missing:
		days, responsible, head, roles, bell, email, todo = DEFAULT_REMINDER_RULES[kind]
		settings.append(
			"reminder_rules",
			{
				"kind": kind,
				# Explicitly empty: Frappe would fill a new row's Company with the user's default one.
				"company": "",
				"enabled": 1,
				"days": days,
				"to_responsible": responsible,
				"to_department_head": head,
				"to_roles": roles,
				"by_bell": bell,
				"by_email": email,
				"by_todo": todo,
			},
		)
	settings.flags.ignore_permissions = True
	settings.save()


# What the daily jobs' due-queries read through, so that none reads a whole table
# (tests/test_indexes.py EXPLAINs them).
REMINDER_INDEXES = {
	"Contract": (
		["end_date"],
		["signed_on"],
		# prolongation: the auto-renewing contracts that have ended
		["cm_auto_prolongation", "end_date"],
		# the status moves (contracts/lifecycle.py)
		["cm_status", "end_date"],
		["cm_status", "start_date"],
		["cm_status", "cm_terminated_on"],
		["cm_status", "cm_fulfilled_on"],
		["cm_status", "status"],
		# ERPNext's own status of the contracts the app does not keep, moved by the dates
		["status", "end_date"],
		["status", "start_date"],
		["cm_terminated_on"],
		["cm_fulfilled_on"],
	),
	# The Overdue Invoice reminder reads a range of due dates; the contract comes after the join.
	"Sales Invoice": (["cm_contract", "due_date"], ["due_date"]),
	"Purchase Invoice": (["cm_contract", "due_date"],),
	# The primary documents' reminders: a status, then the range of the date counted from.
	"Contract Primary Document": (
		["status", "received_on"],
		["status", "sent_on"],
		["status", "reference_date"],
	),
	# The open obligations past due, whose days late the daily job moves (fulfilment/obligations.py), and
	# the obligations due that the reminders read.
	"Contract Obligation": (["status", "due_date"],),
}


# What the reports, cards and charts sum per contract, read from the index alone: the invoices' and
# payments' money columns after the contract, so a grouped query over many contracts does not read the
# documents' wide rows (benchmarks/RESULTS.md, issue 10).
REPORT_INDEXES = {
	"Sales Invoice": {
		"cm_contract_money": [
			"cm_contract",
			"docstatus",
			"due_date",
			"grand_total",
			"outstanding_amount",
			"conversion_rate",
		]
	},
	"Payment Entry": {"cm_contract_money": ["cm_contract", "docstatus", "unallocated_amount"]},
}
# A purchase invoice is summed as a sales invoice is.
REPORT_INDEXES["Purchase Invoice"] = REPORT_INDEXES["Sales Invoice"]


def ensure_indexes():
	for doctype, index_sets in REMINDER_INDEXES.items():
		for fields in index_sets:
			frappe.db.add_index(doctype, fields, index_name="cm_" + "_".join(fields))
	for doctype, indexes in REPORT_INDEXES.items():
		for index_name, fields in indexes.items():
			frappe.db.add_index(doctype, fields, index_name=index_name)
