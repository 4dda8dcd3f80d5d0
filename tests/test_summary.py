"""The money summary of a contract, in the contract's currency and the company's, in fixed queries."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management.api import get_summary
from contract_management.contracts.summary import get_contract_summary
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract

TODAY = getdate(nowdate())


class TestSummary(FrappeTestCase):
	def test_euro_contract_of_the_rouble_company(self):
		contract = make_contract(
			party_name=r.EUR_CUSTOMER,
			cm_currency="EUR",
			cm_amount=1000,
			start_date=add_days(TODAY, -60),
			end_date=add_days(TODAY, 300),
			submit=True,
		)
		order = f.make_sales_order(
			customer=r.EUR_CUSTOMER,
			items=[(r.STOCK_ITEM, 10, 50)],
			currency="EUR",
			date=add_days(TODAY, -40),
			cm_contract=contract.name,
		)
		f.make_delivery_note(order, qty=4, date=add_days(TODAY, -35))
		invoice = f.make_sales_invoice_from_order(
			order, date=add_days(TODAY, -30), due_date=add_days(TODAY, -5)
		)
		f.make_payment_entry(invoice, amount=150, date=add_days(TODAY, -3))

		s = get_contract_summary(contract.name)
		rate = r.EUR_TO_RUB
		self.assertEqual((s["currency"], s["company_currency"]), ("EUR", "RUB"))
		self.assertEqual((s["ordered"], s["base_ordered"]), (500, 500 * rate))
		self.assertEqual((s["delivered"], s["base_delivered"]), (200, 200 * rate))
		self.assertEqual((s["invoiced"], s["base_invoiced"]), (500, 500 * rate))
		self.assertEqual((s["paid"], s["base_paid"]), (150, 150 * rate))
		self.assertEqual((s["outstanding"], s["base_outstanding"]), (350, 350 * rate))
		self.assertEqual((s["overdue"], s["base_overdue"]), (350, 350 * rate))
		self.assertEqual(s["remaining"], 500)
		self.assertEqual((s["orders"], s["deliveries"], s["invoices"]), (1, 1, 1))

	def test_rouble_contract_with_part_payments_and_an_advance(self):
		contract = make_contract(
			cm_amount=30000, start_date=add_days(TODAY, -60), end_date=add_days(TODAY, 300), submit=True
		)
		first = f.make_sales_invoice(
			items=[(r.SERVICE_ITEM, 1, 10000)],
			date=add_days(TODAY, -20),
			due_date=add_days(TODAY, -1),
			cm_contract=contract.name,
		)
		f.make_sales_invoice(
			items=[(r.SERVICE_ITEM, 1, 8000)], due_date=add_days(TODAY, 10), cm_contract=contract.name
		)
		f.make_payment_entry(first, amount=4000)
		advance = frappe.get_doc(
			{
				"doctype": "Payment Entry",
				"payment_type": "Receive",
				"company": r.RUB_COMPANY,
				"party_type": "Customer",
				"party": r.CUSTOMER,
				"paid_from": frappe.get_cached_value("Company", r.RUB_COMPANY, "default_receivable_account"),
				"paid_to": frappe.get_cached_value("Company", r.RUB_COMPANY, "default_cash_account"),
				"paid_amount": 2500,
				"received_amount": 2500,
				"reference_no": "CM-ADVANCE",
				"reference_date": TODAY,
				"cm_contract": contract.name,
			}
		).insert()
		advance.submit()

		s = get_contract_summary(contract.name)
		self.assertEqual(s["invoiced"], 18000)
		self.assertEqual(s["paid"], 4000 + 2500)
		self.assertEqual(s["outstanding"], 14000)
		self.assertEqual(s["overdue"], 6000)
		self.assertEqual(s["remaining"], 12000)
		self.assertEqual(s["base_paid"], s["paid"])

	def test_query_count_does_not_grow_with_the_documents(self):
		contract = make_contract(
			cm_amount=10_000_000, start_date=add_days(TODAY, -60), end_date=add_days(TODAY, 300), submit=True
		)
		f.make_sales_invoice(cm_contract=contract.name)
		frappe.clear_cache()
		get_contract_summary(contract.name)  # warm the caches
		with self.assertQueryCount(6):
			get_contract_summary(contract.name)
		for _i in range(5):
			f.make_sales_invoice(cm_contract=contract.name)
			f.make_sales_order(cm_contract=contract.name)
		with self.assertQueryCount(6):
			self.assertEqual(get_contract_summary(contract.name)["invoices"], 6)

	def test_summary_ceiling_and_agreement_check_agree_on_what_is_invoiced(self):
		"""One function says what was invoiced under a contract; a credit note counts against it."""
		from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

		from contract_management.contracts.amendments import invoiced_under
		from tests.amendments import make_amendment
		from tests.test_linked_documents import set_policy

		contract = make_contract(
			cm_amount=20000, start_date=add_days(TODAY, -60), end_date=add_days(TODAY, 300), submit=True
		)
		invoice = f.make_sales_invoice(items=[(r.SERVICE_ITEM, 3, 4000)], cm_contract=contract.name)
		credit_note = make_sales_return(invoice.name)
		credit_note.items[0].qty = -1
		credit_note.insert()
		credit_note.submit()
		self.assertEqual(credit_note.cm_contract, contract.name)

		self.assertEqual(get_contract_summary(contract.name)["invoiced"], 8000)
		self.assertEqual(invoiced_under(contract), 8000)
		with self.assertRaisesRegex(frappe.ValidationError, "already invoiced"):
			make_amendment(contract, kind="Change of Amount", new_amount=7999)
		make_amendment(contract, kind="Change of Amount", new_amount=8000)

		set_policy(over_invoicing_action="Refuse")
		f.make_sales_invoice(items=[(r.SERVICE_ITEM, 1, 12000)], cm_contract=contract.name)  # exactly
		with self.assertRaisesRegex(frappe.ValidationError, "above its amount"):
			f.make_sales_invoice(items=[(r.SERVICE_ITEM, 1, 1)], cm_contract=contract.name)
		self.assertEqual(get_contract_summary(contract.name)["remaining"], 0)

	def test_summary_needs_read_permission(self):
		contract = make_contract(submit=True)
		frappe.set_user("cm.nobody@example.com")
		# Refused as forbidden, or answered as a missing contract would be: either way, no data.
		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			get_summary(contract.name)
