"""Install, migrate and uninstall: everything the app adds to other apps' doctypes."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from contract_management.setup.custom_fields import get_custom_fields
from contract_management.setup.property_setters import get_property_setters
from contract_management.setup.roles import create_roles
from contract_management.setup.translations import compile_app_translations

APP_MODULE = "Contract Management"


def after_install():
	create_roles()
	apply_custom_fields()
	apply_property_setters()
	compile_app_translations()


def after_migrate():
	# Compiling is a no-op when the .mo is newer than ru.po, so repeated migrates write nothing.
	compile_app_translations()


def before_uninstall():
	delete_custom_fields()
	delete_property_setters()


def apply_custom_fields():
	"""Create the app's custom fields, or bring existing ones up to date. Safe to re-run."""
	create_custom_fields(get_custom_fields(), ignore_validate=True)


def apply_property_setters():
	for setter in get_property_setters():
		existing = frappe.db.get_value(
			"Property Setter",
			{
				"doc_type": setter["doc_type"],
				"field_name": setter.get("field_name"),
				"property": setter["property"],
			},
			["name", "value"],
			as_dict=True,
		)
		if existing and existing.value == str(setter["value"]):
			continue
		frappe.make_property_setter(
			{
				"doctype": setter["doc_type"],
				"doctype_or_field": "DocField" if setter.get("field_name") else "DocType",
				"fieldname": setter.get("field_name"),
				"property": setter["property"],
				"value": setter["value"],
				"property_type": setter.get("property_type", "Data"),
			},
			is_system_generated=False,
		)
		frappe.db.set_value(
			"Property Setter",
			{
				"doc_type": setter["doc_type"],
				"field_name": setter.get("field_name"),
				"property": setter["property"],
			},
			"module",
			APP_MODULE,
		)
		frappe.clear_cache(doctype=setter["doc_type"])


def delete_custom_fields():
	for doctype, fields in get_custom_fields().items():
		fieldnames = [field["fieldname"] for field in fields]
		frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": ("in", fieldnames)})
		frappe.clear_cache(doctype=doctype)


def delete_property_setters():
	frappe.db.delete("Property Setter", {"module": APP_MODULE})
	for doctype in {setter["doc_type"] for setter in get_property_setters()}:
		frappe.clear_cache(doctype=doctype)
