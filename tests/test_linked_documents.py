"""ERPNext documents under a contract: party, company, currency, validity, auto-fill, invoicing ceiling."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management.contracts import documents
from contract_management.contracts.documents import ContractMismatchError
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract

TODAY = getdate(nowdate())


def signed_contract(**fields):
	values = {"start_date": add_days(TODAY, -30), "end_date": add_days(TODAY, 300), **fields}
	return make_contract(submit=True, **values)


def set_policy(**values):
	settings = frappe.get_single("Contract Management Settings")
	settings.update(values)
	settings.save()


class TestContractLink(FrappeTestCase):
	def test_order_delivery_and_invoice_carry_the_contract(self):
		contract = signed_contract()
		order = f.make_sales_order(cm_contract=contract.name)
		delivery = f.make_delivery_note(order, qty=2)
		invoice = f.make_sales_invoice_from_order(order)
		self.assertEqual((delivery.cm_contract, invoice.cm_contract), (contract.name, contract.name))

	def test_contract_of_another_party_is_refused(self):
		contract = signed_contract()
		with self.assertRaisesRegex(ContractMismatchError, r.CUSTOMER):
			f.make_sales_order(customer=r.CUSTOMER_2, cm_contract=contract.name)
		self.assertFalse(frappe.db.exists("Sales Order", {"cm_contract": contract.name}))

	def test_contract_of_another_company_is_refused(self):
		contract = signed_contract(cm_company=r.EUR_COMPANY, party_name=r.EUR_CUSTOMER)
		with self.assertRaisesRegex(ContractMismatchError, r.EUR_COMPANY):
			f.make_sales_invoice(customer=r.EUR_CUSTOMER, currency="EUR", cm_contract=contract.name)

	def test_contract_in_another_currency_is_refused(self):
		contract = signed_contract(cm_currency="EUR", cm_amount=1000)
		with self.assertRaisesRegex(ContractMismatchError, "EUR"):
			f.make_sales_invoice(currency="RUB", cm_contract=contract.name)

	def test_purchase_documents_are_checked_against_the_supplier(self):
		contract = signed_contract(party_type="Supplier", party_name=r.SUPPLIER)
		order = f.make_purchase_order(cm_contract=contract.name)
		self.assertEqual(order.cm_contract, contract.name)
		with self.assertRaises(ContractMismatchError):
			f.make_purchase_invoice(supplier=r.SUPPLIER_2, cm_contract=contract.name)

	def test_payment_entry_is_checked_too(self):
		contract = signed_contract()
		invoice = f.make_sales_invoice(cm_contract=contract.name)
		payment = f.make_payment_entry(invoice, submit=False)
		payment.cm_contract = contract.name
		payment.save()
		other = signed_contract(party_name=r.CUSTOMER_2)
		payment.cm_contract = other.name
		with self.assertRaises(ContractMismatchError):
			payment.save()


class TestValidityOfDocuments(FrappeTestCase):
	def test_document_after_the_end_is_blocked_or_warned_by_setting(self):
		contract = signed_contract(start_date=add_days(TODAY, -60), end_date=add_days(TODAY, -10))
		set_policy(out_of_force_action="Refuse")
		with self.assertRaisesRegex(ContractMismatchError, "not in force"):
			f.make_sales_invoice(cm_contract=contract.name)

		set_policy(out_of_force_action="Allow with a Warning")
		frappe.clear_messages()
		invoice = f.make_sales_invoice(cm_contract=contract.name)
		self.assertEqual(invoice.docstatus, 1)
		self.assertIn("not in force", str(frappe.get_message_log()))

	def test_document_before_the_start_or_on_an_unsigned_contract(self):
		set_policy(out_of_force_action="Refuse")
		future = signed_contract(start_date=add_days(TODAY, 10), end_date=add_days(TODAY, 100))
		with self.assertRaisesRegex(ContractMismatchError, "starts on"):
			f.make_sales_order(cm_contract=future.name)
		draft = make_contract()
		with self.assertRaisesRegex(ContractMismatchError, "not signed"):
			f.make_sales_order(cm_contract=draft.name)

	def test_quotation_may_refer_to_a_contract_still_negotiated(self):
		draft = make_contract()
		quotation = frappe.get_doc(
			{
				"doctype": "Quotation",
				"quotation_to": "Customer",
				"party_name": r.CUSTOMER,
				"company": r.RUB_COMPANY,
				"transaction_date": TODAY,
				"cm_contract": draft.name,
				"items": [{"item_code": r.SERVICE_ITEM, "qty": 1, "rate": 100}],
			}
		).insert()
		self.assertEqual(quotation.cm_contract, draft.name)


class TestAutoFill(FrappeTestCase):
	def test_single_contract_in_force_is_filled_in(self):
		contract = signed_contract()
		self.assertEqual(f.make_sales_order().cm_contract, contract.name)

	def test_two_contracts_in_force_leave_the_choice_to_the_user(self):
		signed_contract()
		signed_contract()
		self.assertFalse(f.make_sales_order().cm_contract)

	def test_expired_or_other_company_contracts_do_not_count(self):
		signed_contract(start_date=add_days(TODAY, -60), end_date=add_days(TODAY, -1))
		self.assertFalse(f.make_sales_order().cm_contract)

	def test_setting_turns_it_off(self):
		signed_contract()
		set_policy(auto_link_single_contract=0)
		self.assertFalse(f.make_sales_order().cm_contract)


class TestInvoicingCeiling(FrappeTestCase):
	def test_invoicing_beyond_the_amount_warns_or_blocks(self):
		contract = signed_contract(cm_amount=12000)
		f.make_sales_invoice(items=[(r.SERVICE_ITEM, 1, 10000)], cm_contract=contract.name)

		set_policy(over_invoicing_action="Refuse")
		with self.assertRaisesRegex(ContractMismatchError, "above its amount"):
			f.make_sales_invoice(items=[(r.SERVICE_ITEM, 1, 3000)], cm_contract=contract.name)
		f.make_sales_invoice(
			items=[(r.SERVICE_ITEM, 1, 2000)], cm_contract=contract.name
		)  # exactly the amount

		set_policy(over_invoicing_action="Allow with a Warning")
		frappe.clear_messages()
		invoice = f.make_sales_invoice(items=[(r.SERVICE_ITEM, 1, 500)], cm_contract=contract.name)
		self.assertEqual(invoice.docstatus, 1)
		self.assertIn("above its amount", str(frappe.get_message_log()))

	def test_framework_contract_has_no_ceiling(self):
		contract = signed_contract(cm_is_framework=1)
		set_policy(over_invoicing_action="Refuse")
		invoice = f.make_sales_invoice(items=[(r.SERVICE_ITEM, 1, 10_000_000)], cm_contract=contract.name)
		self.assertEqual(invoice.docstatus, 1)

	def test_document_without_contract_runs_no_query_of_the_app(self):
		set_policy(auto_link_single_contract=0)
		invoice = f.make_sales_invoice(submit=False)
		with self.assertQueryCount(0):
			from contract_management.contracts.documents import validate_contract_link

			validate_contract_link(invoice)


class TestCardDocuments(FrappeTestCase):
	def test_the_boot_gives_the_card_each_document_with_its_party_field(self):
		# public/js/contract.js has no copy of its own: its Create menu is this list, in this order.
		bootinfo = frappe._dict()
		documents.boot_session(bootinfo)
		self.assertEqual(
			list(bootinfo.cm_party_fields.items()),
			[
				("Quotation", "party_name"),
				("Sales Order", "customer"),
				("Delivery Note", "customer"),
				("Sales Invoice", "customer"),
				("Purchase Order", "supplier"),
				("Purchase Receipt", "supplier"),
				("Purchase Invoice", "supplier"),
			],
		)
		self.assertIn(
			"contract_management.contracts.documents.boot_session",
			frappe.get_hooks("boot_session", app_name="contract_management"),
		)
