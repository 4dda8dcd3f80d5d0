"""The contract card's Fulfilment tab shows the contract's primary documents (issue 20): how many in each
status, and the awaited ones with the days they have waited. Every figure follows the paper's own
permission: a paper the user may not read is neither counted nor listed."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from contract_management.api import get_summary
from contract_management.setup.defaults import ACT_OF_SERVICES, UPD, WAYBILL
from tests import factories as f
from tests.amendments import TODAY
from tests.test_primary_documents import MANAGER, SALES, new_document, supply_contract

DOCTYPE = "Contract Primary Document"
SALES_MANAGER = "cm.head.sales@example.com"  # reads contracts (ERPNext's role), not their papers


def contract_with_papers():
	"""A supply contract with a UPD expected by a delivery of 10 days ago, an act sent 5 days ago, a UPD
	whose original came, and a cancelled waybill."""
	contract = supply_contract(start_date=add_days(TODAY, -100))
	f.make_delivery_note(date=add_days(TODAY, -10), cm_contract=contract.name)
	earlier = add_days(TODAY, -20)
	new_document(
		contract, kind=ACT_OF_SERVICES, number="A-5", document_date=earlier, sent_on=add_days(TODAY, -5)
	).insert()
	new_document(
		contract,
		document_date=earlier,
		flow="We Receive",
		number="U-1",
		received_on=add_days(TODAY, -3),
		received_via="Scan",
		original_received_on=TODAY,
	).insert()
	new_document(contract, kind=WAYBILL, number="W-1", status="Cancelled").insert()
	return contract


def counts(summary) -> dict:
	return {row["status"]: row["count"] for row in summary["primary_documents"]["by_status"]}


def awaited(summary) -> list[tuple]:
	return [
		(row["kind"], row["status"], row["days_waiting"]) for row in summary["primary_documents"]["awaited"]
	]


class TestFulfilmentTab(FrappeTestCase):
	def test_counts_by_status_and_the_awaited_papers_with_their_days(self):
		contract = contract_with_papers()
		summary = get_summary(contract.name)
		self.assertEqual(counts(summary), {"Expected": 1, "Sent": 1, "Original Received": 1, "Cancelled": 1})
		self.assertEqual(summary["primary_documents"]["total"], 4)
		self.assertEqual(awaited(summary), [(UPD, "Expected", 10), (ACT_OF_SERVICES, "Sent", 5)])
		self.assertEqual(summary["primary_documents"]["awaited_count"], 2)
		# the card's first view has them too (Contract's onload)
		doc = frappe.get_doc("Contract", contract.name)
		doc.run_method("onload")
		self.assertEqual(counts(doc.get_onload().cm_summary), counts(summary))

	def test_a_contract_without_papers_says_none(self):
		contract = supply_contract()
		papers = get_summary(contract.name)["primary_documents"]
		self.assertEqual((papers["total"], papers["by_status"], papers["awaited"]), (0, [], []))

	def test_a_user_who_cannot_read_papers_sees_none_of_them(self):
		contract = contract_with_papers()
		frappe.set_user(SALES_MANAGER)
		summary = get_summary(contract.name)
		self.assertIsNone(summary["primary_documents"])

	def test_each_figure_follows_the_papers_own_permission(self):
		contract = contract_with_papers()
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": SALES,
				"allow": "Contract Primary Document Kind",
				"for_value": UPD,
				"apply_to_all_doctypes": 0,
				"applicable_for": DOCTYPE,
			}
		).insert(ignore_permissions=True)
		frappe.set_user(SALES)
		summary = get_summary(contract.name)
		self.assertEqual(counts(summary), {"Expected": 1, "Original Received": 1})
		self.assertEqual(awaited(summary), [(UPD, "Expected", 10)])
		frappe.set_user(MANAGER)
		self.assertEqual(summary["primary_documents"]["total"], 2)
		self.assertEqual(get_summary(contract.name)["primary_documents"]["total"], 4)

	def test_the_papers_cost_the_same_queries_however_many_there_are(self):
		from contract_management.fulfilment.card import primary_documents
		from tests.test_indexes import queries_of

		contract = contract_with_papers()
		frappe.set_user(SALES)
		primary_documents(contract.name)  # warms the caches (roles, settings, meta)
		for_four = queries_of(lambda: primary_documents(contract.name))
		for number in range(10):
			new_document(
				contract,
				number=f"S-{number}",
				document_date=add_days(TODAY, -20),
				sent_on=add_days(TODAY, -2),
			).insert(ignore_permissions=True)
		for_fourteen = queries_of(lambda: primary_documents(contract.name))
		self.assertEqual(len(for_four), len(for_fourteen), for_fourteen)
		# Two lists: the counts and the awaited papers (v16 also reads the user's shared papers for each,
		# where v15 reads them once a request).
		self.assertLessEqual(len(for_four), 4, for_four)
		self.assertEqual(primary_documents(contract.name)["awaited_count"], 12)
