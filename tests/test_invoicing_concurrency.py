"""Two invoices under one contract submitted at the same moment, from two database sessions: together
they would pass the contract's amount, so the ceiling lets only one through.

The sessions must see each other's writes, so this test commits its records and removes them after.
"""

import threading
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from contract_management.contracts.documents import ContractMismatchError
from tests import factories as f
from tests import records as r
from tests.amendments import TODAY
from tests.contracts import make_contract
from tests.test_amendment_concurrency import HOLD_SECONDS, Session

INVOICE = "Sales Invoice"


class TestConcurrentInvoicing(FrappeTestCase):
	def setUp(self):
		self.site, self.sites_path = frappe.local.site, frappe.local.sites_path
		self.settings = frappe.get_single("Contract Management Settings")
		self.action_before = self.settings.over_invoicing_action
		self.settings.over_invoicing_action = "Refuse"
		self.settings.save()
		self.contract = make_contract(
			submit=True, cm_amount=10000, start_date=add_days(TODAY, -30), end_date=add_days(TODAY, 300)
		)
		self.invoices = [
			f.make_sales_invoice(
				items=[(r.SERVICE_ITEM, 1, 6000)], cm_contract=self.contract.name, submit=False
			)
			for _ in range(2)
		]
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		names = [invoice.name for invoice in self.invoices]
		for doctype in ("GL Entry", "Payment Ledger Entry"):
			frappe.db.delete(doctype, {"voucher_type": INVOICE, "voucher_no": ("in", names)})
		for table in frappe.get_meta(INVOICE).get_table_fields():
			frappe.db.delete(table.options, {"parent": ("in", names), "parenttype": INVOICE})
		frappe.db.delete(INVOICE, {"name": ("in", names)})
		frappe.db.delete("Contract", {"name": self.contract.name})
		frappe.db.set_single_value(
			"Contract Management Settings", "over_invoicing_action", self.action_before
		)
		frappe.db.commit()
		frappe.clear_cache(doctype="Contract Management Settings")

	def test_two_invoices_at_once_cannot_both_pass_the_ceiling(self):
		first_is_submitting = threading.Event()

		def first():
			frappe.get_doc(INVOICE, self.invoices[0].name).submit()
			first_is_submitting.set()
			time.sleep(HOLD_SECONDS)
			frappe.db.commit()

		def second():
			first_is_submitting.wait(timeout=60)
			frappe.get_doc(INVOICE, self.invoices[1].name).submit()
			frappe.db.commit()

		sessions = [Session(self.site, self.sites_path, work) for work in (first, second)]
		for session in sessions:
			session.start()
		for session in sessions:
			session.join(timeout=120)
		frappe.db.rollback()  # a fresh snapshot for this session's reads

		self.assertIsNone(sessions[0].error)
		self.assertIsInstance(sessions[1].error, ContractMismatchError)
		self.assertIn("above its amount", str(sessions[1].error))
		self.assertGreaterEqual(sessions[1].seconds, HOLD_SECONDS - 0.2, "the second waited for the first")
		self.assertEqual(
			frappe.get_all(INVOICE, {"cm_contract": self.contract.name}, pluck="docstatus", order_by="name"),
			[1, 0],
		)
