import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, nowdate

from tests import records as r
from tests.contracts import make_contract


class TestRegistryNumber(FrappeTestCase):
	def test_number_from_the_default_series_becomes_the_name(self):
		contract = make_contract()
		year = getdate(nowdate()).year
		self.assertRegex(contract.cm_registry_number, rf"^Д-{year}-\d{{4}}$")
		self.assertEqual(contract.name, contract.cm_registry_number)
		self.assertEqual(contract.cm_company, r.RUB_COMPANY)
		self.assertEqual(contract.cm_direction, "Sales")

	def test_numbering_rule_of_company_and_direction_wins(self):
		settings = frappe.get_single("Contract Management Settings")
		settings.append(
			"numbering_rules", {"company": r.RUB_COMPANY, "direction": "Purchase", "series": "ДЗ-.####"}
		)
		settings.save()
		purchase = make_contract(party_type="Supplier", party_name=r.SUPPLIER)
		sales = make_contract()
		self.assertRegex(purchase.cm_registry_number, r"^ДЗ-\d{4}$")
		self.assertTrue(sales.cm_registry_number.startswith("Д-"))
		self.assertEqual(purchase.cm_direction, "Purchase")

	def test_registry_number_typed_by_the_user_is_kept(self):
		contract = make_contract(cm_registry_number="  ВХ-77/2026 ")
		self.assertEqual(contract.cm_registry_number, "ВХ-77/2026")

	def test_duplicate_number_in_one_company_is_refused_and_nothing_saved(self):
		make_contract(cm_registry_number="ВХ-1")
		with self.assertRaisesRegex(frappe.ValidationError, "ВХ-1"):
			make_contract(cm_registry_number="ВХ-1", party_name=r.CUSTOMER_2)
		self.assertEqual(frappe.db.count("Contract", {"cm_registry_number": "ВХ-1"}), 1)

	def test_same_number_in_another_company_is_allowed(self):
		first = make_contract(cm_registry_number="ВХ-2")
		second = make_contract(cm_registry_number="ВХ-2", cm_company=r.EUR_COMPANY, party_name=r.EUR_CUSTOMER)
		self.assertEqual(second.cm_registry_number, "ВХ-2")
		self.assertNotEqual(first.name, second.name)

	def test_direction_must_match_the_party_type(self):
		with self.assertRaises(frappe.ValidationError):
			make_contract(cm_direction="Purchase", cm_registry_number="ВХ-3")
		self.assertFalse(frappe.db.exists("Contract", {"cm_registry_number": "ВХ-3"}))

	def test_series_without_a_counter_is_refused(self):
		settings = frappe.get_single("Contract Management Settings")
		settings.default_registry_series = "Д-.YYYY."
		with self.assertRaises(frappe.ValidationError):
			settings.save()


class TestContractMadeBeforeInstall(FrappeTestCase):
	def test_plain_erpnext_contract_gains_registry_data_and_still_submits(self):
		contract = frappe.get_doc(
			{
				"doctype": "Contract",
				"name": "Legacy contract",
				"party_type": "Customer",
				"party_name": r.CUSTOMER,
				"contract_terms": "Terms written before the app",
				"start_date": "2025-01-01",
			}
		)
		# Written as ERPNext alone wrote it: no registry fields, none of the app's hooks run.
		contract.db_insert()
		self.assertIsNone(frappe.db.get_value("Contract", "Legacy contract", "cm_registry_number"))

		legacy = frappe.get_doc("Contract", "Legacy contract")
		legacy.save()
		self.assertEqual(legacy.cm_company, r.RUB_COMPANY)
		self.assertEqual(legacy.cm_direction, "Sales")
		self.assertTrue(legacy.cm_registry_number)
		legacy.submit()
		self.assertEqual(legacy.docstatus, 1)
		self.assertEqual(legacy.name, "Legacy contract", "an existing contract keeps its name")
