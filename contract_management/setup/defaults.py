"""Records a new install starts with; the user edits them freely afterwards."""

import json
from pathlib import Path

import frappe
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


def create_default_records():
	ensure_settings_defaults()
	load_key_rates()
	for type_name in CONTRACT_TYPES:
		if not frappe.db.exists("Contract Type", type_name):
			frappe.get_doc({"doctype": "Contract Type", "contract_type_name": type_name}).insert(
				ignore_permissions=True
			)


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
