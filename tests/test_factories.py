"""The factories make real documents: submitted, posted to the ledgers, linked as ERPNext links them."""

import frappe
from frappe.tests.utils import FrappeTestCase

from tests import factories as f
from tests import records as r


class TestFactories(FrappeTestCase):
	def test_sales_order_to_delivery_invoice_and_part_payment(self):
		order = f.make_sales_order(items=[(r.STOCK_ITEM, 10, 1000)])
		self.assertEqual(order.docstatus, 1)
		self.assertEqual(order.grand_total, 10000)

		delivery = f.make_delivery_note(order, qty=4)
		self.assertEqual(delivery.items[0].against_sales_order, order.name)
		self.assertEqual(frappe.db.get_value("Sales Order", order.name, "per_delivered"), 40)

		invoice = f.make_sales_invoice_from_order(order)
		self.assertEqual(invoice.items[0].sales_order, order.name)
		self.assertTrue(frappe.db.exists("GL Entry", {"voucher_no": invoice.name, "is_cancelled": 0}))

		payment = f.make_payment_entry(invoice, amount=3000)
		self.assertEqual(payment.docstatus, 1)
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice.name, "outstanding_amount"), 7000)

	def test_purchase_order_to_receipt_invoice_and_payment(self):
		order = f.make_purchase_order(items=[(r.STOCK_ITEM, 6, 500)])
		receipt = f.make_purchase_receipt(order, qty=6)
		self.assertEqual(receipt.items[0].purchase_order, order.name)
		self.assertEqual(frappe.db.get_value("Purchase Order", order.name, "per_received"), 100)

		invoice = f.make_purchase_invoice(items=[(r.SERVICE_ITEM, 1, 3000)])
		f.make_payment_entry(invoice)
		self.assertEqual(frappe.db.get_value("Purchase Invoice", invoice.name, "outstanding_amount"), 0)

	def test_invoice_in_euro_for_the_rouble_company(self):
		invoice = f.make_sales_invoice(
			customer=r.EUR_CUSTOMER, items=[(r.SERVICE_ITEM, 1, 50)], currency="EUR"
		)
		self.assertEqual(invoice.currency, "EUR")
		self.assertEqual(invoice.base_grand_total, 50 * r.EUR_TO_RUB)

	def test_second_company_has_its_own_currency(self):
		self.assertEqual(frappe.db.get_value("Company", r.EUR_COMPANY, "default_currency"), "EUR")
		self.assertEqual(frappe.db.get_value("Company", r.RUB_COMPANY, "default_currency"), "RUB")
		self.assertTrue(frappe.db.exists("Sales Taxes and Charges Template", r.SALES_TAX_TEMPLATE))

	def test_each_test_starts_clean(self):
		"""The rollback fixture removed what the tests above made."""
		self.assertFalse(frappe.db.exists("Payment Entry", {"reference_no": ("like", "CM-TEST-%")}))
