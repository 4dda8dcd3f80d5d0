import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management import install
from contract_management.setup.custom_fields import get_custom_fields
from contract_management.setup.property_setters import get_property_setters
from contract_management.setup.roles import APP_ROLES


class TestInstall(FrappeTestCase):
	def test_every_custom_field_exists_on_its_doctype(self):
		for doctype, fields in get_custom_fields().items():
			meta = frappe.get_meta(doctype)
			for field in fields:
				self.assertIsNotNone(
					meta.get_field(field["fieldname"]), f"{doctype}.{field['fieldname']} is missing"
				)

	def test_property_setters_are_applied_and_tagged_with_the_module(self):
		for setter in get_property_setters():
			row = frappe.db.get_value(
				"Property Setter",
				{
					"doc_type": setter["doc_type"],
					"field_name": setter.get("field_name") or ("is", "not set"),
					"property": setter["property"],
				},
				["value", "module"],
				as_dict=True,
			)
			self.assertEqual(row.value, setter["value"])
			self.assertEqual(row.module, install.APP_MODULE)

	def test_roles_exist_with_desk_access(self):
		for role in APP_ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1, role)

	def test_settings_have_their_defaults(self):
		settings = frappe.get_single("Contract Management Settings")
		self.assertEqual(settings.default_claim_period_days, 30)
		self.assertEqual(settings.default_registry_series, "Д-.YYYY.-.####")

	def test_reapplying_changes_nothing(self):
		"""What the migrate patch runs is idempotent: a second run writes no row."""
		install.apply_custom_fields()
		install.apply_property_setters()
		before = self._snapshot()
		install.apply_custom_fields()
		install.apply_property_setters()
		self.assertEqual(self._snapshot(), before)

	def test_uninstall_removes_exactly_what_the_app_added(self):
		"""That ERPNext's Contract still saves and submits after a real uninstall is checked by .ci/run on a
		throwaway site: in this process the app's hooks stay loaded."""
		# A Property Setter, not a Custom Field: creating a field alters the table, which commits.
		frappe.make_property_setter(
			{
				"doctype": "Contract",
				"fieldname": "signee",
				"property": "bold",
				"value": "1",
				"property_type": "Check",
			},
			validate_fields_for_doctype=False,
		)
		user_setter = frappe.db.get_value("Property Setter", {"doc_type": "Contract", "property": "bold"})
		install.before_uninstall()
		frappe.clear_cache(doctype="Contract")

		self.assertFalse(
			frappe.db.exists("Custom Field", {"dt": "Contract", "fieldname": ("like", "cm\\_%")})
		)
		self.assertFalse(frappe.db.exists("Property Setter", {"module": install.APP_MODULE}))
		self.assertTrue(frappe.db.exists("Property Setter", user_setter), "a user's own setting must survive")

	def _snapshot(self):
		return (
			frappe.get_all(
				"Custom Field", filters={"fieldname": ("like", "cm\\_%")}, fields=["name", "modified"]
			),
			frappe.get_all(
				"Property Setter", filters={"module": install.APP_MODULE}, fields=["name", "modified"]
			),
		)


class TestFieldDefinitions(FrappeTestCase):
	def test_every_property_of_a_definition_is_one_custom_field_stores(self):
		"""A property Custom Field lacks would differ on every migrate and make it rewrite the field."""
		meta = frappe.get_meta("Custom Field")
		unknown = [
			f"{doctype}.{field['fieldname']}.{key}"
			for doctype, fields in get_custom_fields().items()
			for field in fields
			for key in field
			if not meta.has_field(key)
		]
		self.assertEqual(unknown, [])
