import frappe
from frappe.tests.utils import FrappeTestCase

from tests import records as r
from tests.contracts import make_contract


class TestConnections(FrappeTestCase):
	def test_contract_lists_documents_made_under_it(self):
		data = frappe.get_meta("Contract").get_dashboard_data()
		self.assertEqual(data.fieldname, "cm_contract")
		items = [item for group in data.transactions for item in group["items"]]
		for doctype in ("Sales Order", "Delivery Note", "Sales Invoice", "Purchase Invoice", "Payment Entry"):
			self.assertIn(doctype, items)

	def test_customer_and_supplier_list_their_contracts(self):
		from frappe.desk.notifications import get_open_count

		def contracts_shown():
			counts = get_open_count("Customer", r.CUSTOMER)["count"]["external_links_found"]
			return next(c for c in counts if c["doctype"] == "Contract")["count"]

		before = contracts_shown()
		make_contract()
		for doctype, fieldname in (("Customer", "cm_customer"), ("Supplier", "cm_supplier")):
			data = frappe.get_meta(doctype).get_dashboard_data()
			self.assertEqual(data.non_standard_fieldnames["Contract"], fieldname)
			self.assertIn("Contract", data.transactions[0]["items"])
		self.assertEqual(contracts_shown(), before + 1)

	def test_customer_and_supplier_list_their_primary_documents(self):
		from frappe.desk.notifications import get_open_count

		from tests.test_primary_documents import new_document, purchase_contract, supply_contract

		def papers_shown(doctype, name):
			counts = get_open_count(doctype, name)["count"]["external_links_found"]
			return next(c for c in counts if c["doctype"] == "Contract Primary Document")["count"]

		for doctype in ("Customer", "Supplier"):
			data = frappe.get_meta(doctype).get_dashboard_data()
			self.assertEqual(data.non_standard_fieldnames["Contract Primary Document"], "party")
			group = next(g for g in data.transactions if "Contract" in g["items"])
			self.assertIn("Contract Primary Document", group["items"])
			self.assertIn("Contract Claim", group["items"])

		for doctype, party, contract in (
			("Customer", r.CUSTOMER, supply_contract()),
			("Supplier", r.SUPPLIER, purchase_contract()),
		):
			before = papers_shown(doctype, party)
			new_document(contract, flow="We Issue" if doctype == "Customer" else "We Receive").insert()
			self.assertEqual(papers_shown(doctype, party), before + 1, doctype)
