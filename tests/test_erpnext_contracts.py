"""ERPNext's own Contract, made as ERPNext's code, another app or an integration makes it: it knows
nothing of the app's fields, and must save, submit and move through ERPNext's statuses exactly as it
does without the app (ERPNext's `crm/doctype/contract/contract.py`: `status` is "Unsigned" until
`is_signed`, then "Active" between the dates and "Inactive" outside them; `fulfilment_status` follows
the fulfilment checklist and its deadline).

The app's stricter checks (amount, direction, visas) apply only where its own flows need them.
"""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management.api import send_for_approval
from contract_management.contracts import lifecycle
from contract_management.contracts.summary import get_contract_summary
from tests import records as r
from tests.factories import make_sales_invoice
from tests.server import ServedSiteTestCase, login
from tests.test_access import MANAGER
from tests.test_approval import make_route
from tests.test_linked_documents import set_policy


def today(days=0):
	return add_days(nowdate(), days)


def erpnext_contract(**fields):
	"""A contract as ERPNext's documentation and its own tests build one: party, dates, terms."""
	contract = frappe.new_doc("Contract")
	contract.party_type = "Customer"
	contract.party_name = r.CUSTOMER
	contract.contract_terms = "The supplier delivers, the customer pays."
	contract.update(fields)
	return contract


def erpnext_name_pattern() -> str:
	"""The name ERPNext's own rule gives a contract of the test customer: ERPNext v15's controller names
	it after the party; v16 names it by the doctype's naming series (CON-.YYYY.-.#####)."""
	from erpnext.crm.doctype.contract.contract import Contract

	if "autoname" in vars(Contract):
		return "^" + re.escape(r.CUSTOMER)
	pattern = ""
	for part in frappe.get_meta("Contract").autoname.split("."):
		if part == "YYYY":
			pattern += str(getdate().year)
		elif part and set(part) == {"#"}:
			pattern += r"\d{" + str(len(part)) + "}"
		else:
			pattern += re.escape(part)
	return f"^{pattern}$"


class TestContractMadeByERPNextCode(FrappeTestCase):
	def test_saves_without_the_apps_fields(self):
		contract = erpnext_contract(start_date=today(-10), end_date=today(100)).insert()
		self.assertEqual(contract.docstatus, 0)
		self.assertEqual(contract.status, "Unsigned")

	def test_keeps_erpnexts_name(self):
		contract = erpnext_contract(start_date=today()).insert()
		self.assertRegex(contract.name, erpnext_name_pattern())
		self.assertNotEqual(contract.name, contract.cm_registry_number)
		# It still gains the registry's data
		self.assertTrue(contract.cm_registry_number)
		self.assertEqual(contract.cm_direction, "Sales")

	def test_signed_within_its_dates_is_active_before_submit_too(self):
		contract = erpnext_contract(is_signed=1, start_date=today(-10), end_date=today(10)).insert()
		self.assertEqual(contract.status, "Active")

	def test_signed_in_the_past_or_the_future_is_inactive(self):
		past = erpnext_contract(is_signed=1, start_date=today(-100), end_date=today(-10)).insert()
		future = erpnext_contract(is_signed=1, start_date=today(10), end_date=today(100)).insert()
		self.assertEqual(past.status, "Inactive")
		self.assertEqual(future.status, "Inactive")

	def test_submitted_unsigned_stays_unsigned(self):
		contract = erpnext_contract(start_date=today(-10), end_date=today(10)).insert()
		contract.submit()
		contract.reload()
		self.assertEqual(contract.docstatus, 1)
		self.assertEqual(contract.status, "Unsigned")
		self.assertFalse(contract.is_signed)
		self.assertEqual(contract.signed_by_company, "Administrator")

	def test_signed_and_submitted_moves_as_erpnext_moves_it(self):
		contract = erpnext_contract(is_signed=1, start_date=today(-10), end_date=today(10)).insert()
		contract.submit()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "status"), "Active")
		# Signed later on, as a user does on a submitted contract (is_signed is allowed on submit)
		later = erpnext_contract(start_date=today(-10), end_date=today(10)).insert()
		later.submit()
		later.is_signed = 1
		later.save()
		self.assertEqual(frappe.db.get_value("Contract", later.name, "status"), "Active")

	def test_the_apps_daily_job_leaves_erpnexts_status_as_erpnext_sets_it(self):
		unsigned = erpnext_contract(start_date=today(-10), end_date=today(10)).insert()
		unsigned.submit()
		lifecycle.update_statuses()
		self.assertEqual(frappe.db.get_value("Contract", unsigned.name, "status"), "Unsigned")

	def test_submits_although_an_approval_route_matches(self):
		make_route(direction="Sales")
		contract = erpnext_contract(start_date=today(-10), end_date=today(10), is_signed=1).insert()
		contract.submit()
		self.assertEqual(contract.docstatus, 1)

	def test_party_can_change_to_a_supplier(self):
		contract = erpnext_contract(start_date=today()).insert()
		contract.party_type = "Supplier"
		contract.party_name = r.SUPPLIER
		contract.save()
		self.assertEqual(contract.cm_direction, "Purchase")

	def test_cancel_leaves_erpnexts_status(self):
		contract = erpnext_contract(is_signed=1, start_date=today(-10), end_date=today(10)).insert()
		contract.submit()
		contract.cancel()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "status"), "Active")
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "cm_status"), "Cancelled")

	def test_saves_without_a_default_company(self):
		frappe.defaults.clear_user_default("company")
		frappe.db.set_single_value("Global Defaults", "default_company", None)
		frappe.local.defaults = {}
		try:
			contract = erpnext_contract(start_date=today()).insert()
		finally:
			frappe.clear_cache()
		self.assertEqual(contract.status, "Unsigned")


class TestFulfilmentStatusOfAnERPNextContract(FrappeTestCase):
	def checklist(self, *fulfilled, **fields):
		return erpnext_contract(
			start_date=today(-10),
			requires_fulfilment=1,
			fulfilment_terms=[
				{"requirement": f"Stage {n}", "fulfilled": done} for n, done in enumerate(fulfilled, 1)
			],
			**fields,
		)

	def test_no_fulfilment_terms(self):
		self.assertEqual(erpnext_contract(start_date=today()).insert().fulfilment_status, "N/A")

	def test_unfulfilled_partially_and_fulfilled(self):
		self.assertEqual(self.checklist(0, 0).insert().fulfilment_status, "Unfulfilled")
		self.assertEqual(self.checklist(1, 0).insert().fulfilment_status, "Partially Fulfilled")
		self.assertEqual(self.checklist(1, 1).insert().fulfilment_status, "Fulfilled")

	def test_lapsed_after_its_deadline(self):
		contract = self.checklist(1, 0, fulfilment_deadline=today(-1)).insert()
		self.assertEqual(contract.fulfilment_status, "Lapsed")

	def test_fulfilled_on_a_submitted_contract(self):
		contract = self.checklist(0, is_signed=1).insert()
		contract.submit()
		contract.fulfilment_terms[0].fulfilled = 1
		contract.save()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "fulfilment_status"), "Fulfilled")


class TestTheAppsFlowsStillRefuse(FrappeTestCase):
	def test_sending_for_approval_needs_an_amount(self):
		make_route(direction="Sales")
		contract = erpnext_contract(start_date=today(), end_date=today(100)).insert()
		with self.assertRaises(frappe.ValidationError) as refused:
			send_for_approval(contract.name)
		self.assertIn("Contract Amount", str(refused.exception))
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "cm_status"), "Draft")

	def test_a_contract_the_app_manages_needs_an_amount(self):
		with self.assertRaises(frappe.ValidationError):
			erpnext_contract(start_date=today(), cm_managed=1).insert()

	def test_a_contract_with_the_apps_terms_is_managed(self):
		contract = erpnext_contract(start_date=today(), end_date=today(100), cm_amount=1000).insert()
		self.assertTrue(contract.cm_managed)
		self.assertEqual(contract.name, contract.cm_registry_number)
		contract.cm_amount = 0
		with self.assertRaises(frappe.ValidationError):
			contract.save()

	def test_without_an_amount_it_counts_as_a_framework_contract(self):
		contract = erpnext_contract(is_signed=1, start_date=today(-10), end_date=today(100)).insert()
		contract.submit()
		self.assertTrue(get_contract_summary(contract.name)["is_framework"])


class TestERPNextDocumentsWithoutTheAppsFields(FrappeTestCase):
	"""An invoice made without a contract link is linked to the party's single contract in force (a
	setting); a link the app chose itself never refuses the document."""

	def single_contract(self, **fields):
		contract = frappe.get_doc(
			{
				"doctype": "Contract",
				"party_type": "Customer",
				"party_name": r.CUSTOMER,
				"cm_company": r.RUB_COMPANY,
				"contract_terms": "Terms",
				"start_date": today(-30),
				"end_date": today(300),
				**fields,
			}
		).insert()
		contract.submit()
		return contract

	def setUp(self):
		set_policy(auto_link_single_contract=1, over_invoicing_action="Refuse")

	def test_invoice_above_the_single_contracts_amount_is_saved(self):
		contract = self.single_contract(cm_amount=1000)
		invoice = make_sales_invoice(date=getdate(nowdate()), submit=True)
		self.assertEqual(invoice.docstatus, 1)
		self.assertNotEqual(invoice.get("cm_contract"), contract.name)

	def test_invoice_in_another_currency_is_saved(self):
		self.single_contract(cm_amount=10_000, cm_currency="EUR")
		invoice = make_sales_invoice(date=getdate(nowdate()), submit=True)
		self.assertEqual(invoice.docstatus, 1)
		self.assertFalse(invoice.get("cm_contract"))

	def test_invoice_that_fits_is_linked(self):
		contract = self.single_contract(cm_amount=1_000_000)
		invoice = make_sales_invoice(date=getdate(nowdate()), submit=True)
		self.assertEqual(invoice.cm_contract, contract.name)

	def test_russian_supplier_made_by_code_with_a_wrong_inn_is_saved(self):
		supplier = frappe.get_doc(
			{
				"doctype": "Supplier",
				"supplier_name": "CM Integration Supplier",
				"supplier_group": frappe.db.get_value("Supplier Group", {"is_group": 0}),
				"country": "Russian Federation",
				"tax_id": "7707083894",
			}
		).insert()
		self.assertEqual(supplier.tax_id, "7707083894")


class TestContractMadeThroughTheRestApi(ServedSiteTestCase):
	"""An integration that knows only ERPNext's Contract posts party, dates and terms, then submits."""

	TERMS = "Posted by an integration through the REST API"

	def tearDown(self):
		frappe.db.rollback()
		frappe.db.delete("Contract", {"contract_terms": self.TERMS})
		frappe.db.commit()

	def test_saves_and_submits_as_erpnext_alone(self):
		session = login(self.url, MANAGER, r.PASSWORD)
		payload = {
			"party_type": "Customer",
			"party_name": r.CUSTOMER,
			"contract_terms": self.TERMS,
			"start_date": today(-5),
			"end_date": today(60),
			"is_signed": 1,
		}
		made = session.post(f"{self.url}/api/resource/Contract", json=payload, timeout=30)
		self.assertEqual(made.status_code, 200, made.text)
		contract = made.json()["data"]
		self.assertEqual(contract["status"], "Active")
		self.assertRegex(contract["name"], erpnext_name_pattern())

		submitted = session.put(
			f"{self.url}/api/resource/Contract/{contract['name']}", json={"docstatus": 1}, timeout=30
		)
		self.assertEqual(submitted.status_code, 200, submitted.text)
		self.assertEqual(submitted.json()["data"]["docstatus"], 1)
		self.assertEqual(submitted.json()["data"]["status"], "Active")
