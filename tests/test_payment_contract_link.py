"""A Payment Entry that pays documents follows their contracts: it is not linked to the party's single
contract in force, and when what it pays has no contract the app's validate runs no query. An advance
(paying nothing yet) is still linked to the party's single contract in force."""

import frappe
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management.contracts.documents import validate_contract_link
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract

TODAY = getdate(nowdate())


def signed_contract(**fields):
	return make_contract(
		submit=True, start_date=add_days(TODAY, -30), end_date=add_days(TODAY, 300), **fields
	)


class TestPaymentContractLink(FrappeTestCase):
	def setUp(self):
		settings = frappe.get_single("Contract Management Settings")
		settings.auto_link_single_contract = 1
		settings.save()

	def test_payment_of_an_invoice_without_contract_stays_without_and_costs_no_query(self):
		invoice = f.make_sales_invoice(date=add_days(TODAY, -5))
		self.assertFalse(invoice.cm_contract)
		signed_contract()  # the customer's single contract in force, signed after the invoice
		payment = get_payment_entry("Sales Invoice", invoice.name)
		payment.reference_no, payment.reference_date = "CM-PAYMENT-LINK", TODAY
		payment.flags.in_insert = True
		with self.assertQueryCount(0):
			validate_contract_link(payment)
		payment.insert()
		payment.submit()
		self.assertFalse(payment.cm_contract)

	def test_advance_is_linked_to_the_single_contract_in_force(self):
		contract = signed_contract(party_type="Supplier", party_name=r.SUPPLIER)
		advance = f.make_advance_payment(supplier=r.SUPPLIER, amount=5_000)
		self.assertEqual(advance.cm_contract, contract.name)
