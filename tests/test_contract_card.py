"""The contract card's rules: money with VAT, validity, prolongation notice, claim period, paper."""

import frappe
from frappe.tests.utils import FrappeTestCase

from tests import records as r
from tests.contracts import make_contract
from tests.factories import make_sales_invoice


class TestMoney(FrappeTestCase):
	def test_vat_included_is_extracted_from_the_amount(self):
		contract = make_contract(cm_amount=120000, cm_vat_mode="Included", cm_vat_rate=20)
		self.assertEqual(contract.cm_vat_amount, 20000)  # 120000 * 20 / 120
		self.assertEqual(contract.cm_amount_with_vat, 120000)
		self.assertEqual(contract.cm_currency, "RUB")

	def test_vat_on_top_is_added(self):
		contract = make_contract(cm_amount=100000, cm_vat_mode="On Top", cm_vat_rate=20)
		self.assertEqual(contract.cm_vat_amount, 20000)
		self.assertEqual(contract.cm_amount_with_vat, 120000)

	def test_no_vat(self):
		contract = make_contract(cm_amount=50000, cm_vat_mode="Without VAT")
		self.assertEqual((contract.cm_vat_amount, contract.cm_amount_with_vat), (0, 50000))

	def test_framework_contract_has_no_amount(self):
		contract = make_contract(cm_is_framework=1, cm_amount=0)
		self.assertEqual((contract.cm_amount, contract.cm_amount_with_vat), (0, 0))

	def test_currency_follows_the_company(self):
		contract = make_contract(cm_company=r.EUR_COMPANY, party_name=r.EUR_CUSTOMER)
		self.assertEqual(contract.cm_currency, "EUR")

	def test_zero_or_negative_amount_is_refused_and_nothing_saved(self):
		for amount in (0, -5):
			with self.assertRaisesRegex(frappe.ValidationError, "Contract Amount"):
				make_contract(cm_amount=amount, cm_registry_number=f"BAD-{amount}")
			self.assertFalse(frappe.db.exists("Contract", {"cm_registry_number": f"BAD-{amount}"}))

	def test_party_links_let_customer_and_supplier_list_their_contracts(self):
		sales = make_contract()
		purchase = make_contract(party_type="Supplier", party_name=r.SUPPLIER)
		self.assertEqual((sales.cm_customer, sales.cm_supplier), (r.CUSTOMER, None))
		self.assertEqual((purchase.cm_customer, purchase.cm_supplier), (None, r.SUPPLIER))


class TestValidity(FrappeTestCase):
	def test_end_before_start_is_refused_naming_the_fields(self):
		with self.assertRaisesRegex(frappe.ValidationError, "End Date"):
			make_contract(start_date="2026-06-01", end_date="2026-05-31", cm_registry_number="BAD-DATES")
		self.assertFalse(frappe.db.exists("Contract", {"cm_registry_number": "BAD-DATES"}))

	def test_end_without_start_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Start Date"):
			make_contract(start_date=None, end_date="2026-05-31")

	def test_open_ended_contract_is_allowed(self):
		contract = make_contract(end_date=None)
		self.assertIsNone(contract.end_date)

	def test_notice_deadline_is_end_minus_notice_period(self):
		contract = make_contract(
			start_date="2026-01-01", end_date="2026-12-31", cm_auto_prolongation=1, cm_notice_period_days=30
		)
		self.assertEqual(str(contract.cm_notice_deadline), "2026-12-01")

	def test_notice_deadline_before_start_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Notice Deadline"):
			make_contract(
				start_date="2026-01-01",
				end_date="2026-01-20",
				cm_auto_prolongation=1,
				cm_notice_period_days=30,
				cm_registry_number="BAD-NOTICE",
			)
		self.assertFalse(frappe.db.exists("Contract", {"cm_registry_number": "BAD-NOTICE"}))

	def test_auto_prolongation_needs_an_end_date(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Auto-Prolongation"):
			make_contract(end_date=None, cm_auto_prolongation=1)

	def test_claim_period_defaults_to_thirty_days_then_the_type_then_the_contract(self):
		self.assertEqual(make_contract().cm_claim_period_days, 30)
		frappe.db.set_value("Contract Type", "Lease", "default_claim_period_days", 15)
		self.assertEqual(make_contract(cm_contract_type="Lease").cm_claim_period_days, 15)
		self.assertEqual(
			make_contract(cm_contract_type="Lease", cm_claim_period_days=10).cm_claim_period_days, 10
		)


class TestNegotiationAndPaper(FrappeTestCase):
	def test_open_disagreement_blocks_signing_until_settled(self):
		contract = make_contract(
			cm_disagreements=[
				{
					"clause": "5.2",
					"our_wording": "0.1% per day",
					"their_wording": "0.01% per day",
					"status": "Open",
				}
			]
		)
		with self.assertRaisesRegex(frappe.ValidationError, "5.2"):
			contract.submit()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "docstatus"), 0)

		contract.reload()
		contract.cm_disagreements[0].agreed_wording = "0.05% per day"
		contract.cm_disagreements[0].status = "Agreed"
		contract.save()
		contract.submit()
		self.assertEqual(contract.docstatus, 1)

	def test_obligations_and_paper_are_updated_after_signing(self):
		contract = make_contract(
			cm_obligations=[
				{
					"obligor": "Counterparty",
					"kind": "Payment",
					"description": "Advance 30%",
					"due_date": "2026-02-01",
					"amount": 36000,
				},
				{
					"obligor": "We",
					"kind": "Delivery",
					"description": "First batch",
					"due_date": "2026-03-01",
					"qty": 10,
				},
			],
			submit=True,
		)
		payment_invoice = make_sales_invoice(items=[(r.SERVICE_ITEM, 1, 36000)], cm_contract=contract.name)
		# A status given by hand is kept with its reason; a linked document is one of the contract's.
		contract.cm_obligations[0].set_by_hand = 1
		contract.cm_obligations[0].hand_reason = "Paid in cash, see the act"
		contract.cm_obligations[0].status = "Fulfilled"
		contract.cm_obligations[0].reference_doctype = "Sales Invoice"
		contract.cm_obligations[0].reference_name = payment_invoice.name
		contract.cm_obligations[0].fulfilled_on = "2026-01-30"
		contract.cm_obligations[1].primary_document = "УПД № 15 от 28.02.2026"
		contract.cm_original_received = 1
		contract.cm_original_received_on = "2026-01-15"
		contract.save()
		contract.reload()
		self.assertEqual(contract.cm_obligations[0].status, "Fulfilled")
		self.assertEqual(contract.cm_obligations[1].primary_document, "УПД № 15 от 28.02.2026")
		self.assertEqual(str(contract.cm_original_received_on), "2026-01-15")
		self.assertEqual(contract.cm_obligations[0].reference_name, payment_invoice.name)
