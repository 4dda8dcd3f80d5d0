"""Install, migrate and uninstall: everything the app adds to other apps' doctypes."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_field
from frappe.utils import cstr

from contract_management.onboarding.registry_backfill import backfill_contracts
from contract_management.setup.custom_fields import get_custom_fields
from contract_management.setup.defaults import create_default_records
from contract_management.setup.desk_sidebar import sync_workspace_sidebar
from contract_management.setup.permissions import apply_contract_permissions, remove_contract_permissions
from contract_management.setup.property_setters import get_property_setters
from contract_management.setup.roles import create_roles
from contract_management.setup.scheduled_jobs import (
	start_erpnext_contract_status_job,
	stop_erpnext_contract_status_job,
)
from contract_management.setup.scorecard_variables import (
	ensure_scorecard_variables,
	remove_scorecard_variables,
)
from contract_management.setup.translations import compile_app_translations

APP_MODULE = "Contract Management"


def after_install():
	# The site's caches may predate the app: v16 keeps the list of app modules and the doctypes' meta
	# cached, and a property setter checked against a stale meta fails (WrongOptionsDoctypeLinkError on
	# a link to one of the app's doctypes). The install starts from fresh caches.
	frappe.clear_cache()
	apply_app_setup()
	backfill_contracts()
	compile_app_translations()


def apply_app_setup():
	"""Everything the app adds to a site outside its own doctypes. Idempotent: install runs it, and
	the migrate patch re-runs it when it changes."""
	create_roles()
	apply_custom_fields()
	apply_property_setters()
	apply_contract_permissions()
	create_default_records()
	ensure_scorecard_variables()
	sync_workspace_sidebar()
	# The app's daily move keeps ERPNext's contract status itself (contracts/lifecycle.py).
	stop_erpnext_contract_status_job()


def after_migrate():
	# Every step writes only what is missing or changed, so a second migrate writes nothing.
	apply_app_setup()
	backfill_contracts()
	compile_app_translations()


def before_uninstall():
	delete_custom_fields()
	delete_property_setters()
	remove_contract_permissions()
	remove_scorecard_variables()
	start_erpnext_contract_status_job()


def apply_custom_fields():
	"""Create the app's custom fields, or bring existing ones in line with their definition in code.

	Unlike Frappe's create_custom_fields, a field whose definition did not change is not saved
	again, so running this on every migrate leaves the site untouched when nothing changed."""
	for doctype, fields in get_custom_fields().items():
		changed = False
		for definition in fields:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": definition["fieldname"]})
			if not name:
				create_custom_field(doctype, {**definition, "owner": "Administrator"}, ignore_validate=True)
				changed = True
				continue
			field = frappe.get_doc("Custom Field", name)
			if all(cstr(field.get(key)) == cstr(value) for key, value in definition.items()):
				continue
			field.update(definition)
			field.flags.ignore_validate = True
			field.save()
			changed = True
		if changed:
			frappe.clear_cache(doctype=doctype)
			frappe.db.updatedb(doctype)


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
		# The setter is validated against the doctype's meta with the custom fields just made.
		frappe.clear_cache(doctype=setter["doc_type"])
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
