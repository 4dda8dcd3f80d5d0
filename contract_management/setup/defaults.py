"""Records a new install starts with; the user edits them freely afterwards."""

import frappe

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
