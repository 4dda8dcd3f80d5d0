"""The approval route end to end with three roles, rejection, stale visas, and signing gates."""

import unittest

import frappe
from frappe.model.document import Document
from frappe.tests.utils import FrappeTestCase

from contract_management.api import give_visa, send_for_approval
from contract_management.contracts.approval import VisaNotAllowed, find_route
from tests import records as r
from tests.contracts import make_contract

LEGAL = "cm.legal@example.com"
ACCOUNTS = "cm.accounts@example.com"
HEAD_OF_SALES = "cm.head.sales@example.com"
SALES = "cm.sales@example.com"


def make_route(name="CM Sales Route", steps=None, **conditions):
	return frappe.get_doc(
		{
			"doctype": "Contract Approval Route",
			"route_name": name,
			**conditions,
			"steps": steps
			or [
				{
					"step_title": "Legal visa",
					"role": "Legal Counsel",
					"instructions": "Check liability clauses",
				},
				{"step_title": "Accounts visa", "role": "Accounts Manager"},
				{"step_title": "Head of sales", "role": "Sales Manager"},
			],
		}
	).insert()


def as_user(user, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def visas(name):
	return frappe.get_all(
		"Contract Approval Visa",
		filters={"parent": name},
		fields=["approval_round", "step_title", "visa", "user", "remarks", "visa_on"],
		order_by="idx",
	)


class TestApprovalRoute(FrappeTestCase):
	def setUp(self):
		make_route(direction="Sales")
		self.contract = make_contract(cm_responsible=SALES)

	def test_end_to_end_with_three_roles(self):
		name = self.contract.name
		self.assertEqual(as_user(SALES, send_for_approval, name)["status"], "On Approval")
		self.assertEqual([v.visa for v in visas(name)], ["Pending"] * 3)

		# Out of turn: the accounts step is not current yet, and the legal step needs Legal Counsel.
		with self.assertRaises(VisaNotAllowed):
			as_user(ACCOUNTS, give_visa, name, "Approved")
		with self.assertRaisesRegex(frappe.ValidationError, "remarks"):
			as_user(LEGAL, give_visa, name, "Approved with Remarks", "  ")

		as_user(LEGAL, give_visa, name, "Approved with Remarks", "Cap the penalty at 10%")
		as_user(ACCOUNTS, give_visa, name, "Approved")
		self.assertEqual(frappe.db.get_value("Contract", name, "cm_status"), "On Approval")
		self.assertEqual(as_user(HEAD_OF_SALES, give_visa, name, "Approved")["status"], "Approved")

		sheet = visas(name)
		self.assertEqual([v.visa for v in sheet], ["Approved with Remarks", "Approved", "Approved"])
		self.assertEqual([v.user for v in sheet], [LEGAL, ACCOUNTS, HEAD_OF_SALES])
		self.assertEqual(sheet[0].remarks, "Cap the penalty at 10%")
		self.assertTrue(all(v.visa_on for v in sheet))

		contract = frappe.get_doc("Contract", name)
		contract.submit()
		self.assertEqual(contract.cm_status, "Active")

	def test_rejection_sends_back_to_draft_with_remarks_and_a_new_round(self):
		name = self.contract.name
		send_for_approval(name)
		as_user(LEGAL, give_visa, name, "Rejected", "Liability is unlimited: unacceptable")
		self.assertEqual(frappe.db.get_value("Contract", name, "cm_status"), "Rejected")
		self.assertEqual([v.visa for v in visas(name)], ["Rejected", "Not Required", "Not Required"])
		self.assertEqual(visas(name)[0].remarks, "Liability is unlimited: unacceptable")

		contract = frappe.get_doc("Contract", name)
		with self.assertRaisesRegex(frappe.ValidationError, "visa"):
			contract.submit()

		contract.reload()
		contract.contract_terms = "Liability is capped at the contract price."
		contract.save()
		self.assertEqual(contract.cm_status, "Draft")

		send_for_approval(name)
		rounds = [v.approval_round for v in visas(name)]
		self.assertEqual(rounds, [1, 1, 1, 2, 2, 2], "the first round stays on the sheet")
		self.assertEqual(frappe.db.get_value("Contract", name, "cm_status"), "On Approval")

	def test_signing_without_visas_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "CM Sales Route"):
			self.contract.submit()
		send_for_approval(self.contract.name)
		contract = frappe.get_doc("Contract", self.contract.name)
		with self.assertRaisesRegex(frappe.ValidationError, "Legal visa"):
			contract.submit()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "docstatus"), 0)

	def test_visa_by_a_user_without_the_role_changes_nothing(self):
		send_for_approval(self.contract.name)
		with self.assertRaises(VisaNotAllowed):
			as_user(SALES, give_visa, self.contract.name, "Approved")
		self.assertEqual([v.visa for v in visas(self.contract.name)], ["Pending"] * 3)

	def test_a_user_who_cannot_read_the_contract_gets_a_permission_error(self):
		send_for_approval(self.contract.name)
		with self.assertRaises(frappe.PermissionError):
			as_user("cm.nobody@example.com", give_visa, self.contract.name, "Approved")

	def test_unknown_decision_is_refused(self):
		send_for_approval(self.contract.name)
		with self.assertRaisesRegex(frappe.ValidationError, "Maybe"):
			as_user(LEGAL, give_visa, self.contract.name, "Maybe")

	def test_changing_terms_after_approval_makes_it_a_draft_again(self):
		name = self.contract.name
		send_for_approval(name)
		for user in (LEGAL, ACCOUNTS, HEAD_OF_SALES):
			as_user(user, give_visa, name, "Approved")
		contract = frappe.get_doc("Contract", name)
		contract.cm_amount = 999999
		contract.save()
		self.assertEqual(contract.cm_status, "Draft")
		contract.cm_original_received = 1  # not a term: no new approval needed for it
		contract.save()
		self.assertEqual(contract.cm_status, "Draft")

	def test_sending_needs_write_permission(self):
		with self.assertRaises(frappe.PermissionError):
			as_user(LEGAL, send_for_approval, self.contract.name)
		self.assertEqual(frappe.db.get_value("Contract", self.contract.name, "cm_status"), "Draft")


def open_approval_todos(name):
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": "Contract", "reference_name": name, "status": "Open"},
		fields=["allocated_to", "role"],
		order_by="allocated_to",
	)


class TestApproversHearOfTheirStep(FrappeTestCase):
	"""Whoever holds the role of the step now pending gets a bell notification and a ToDo; a step done
	closes its ToDos."""

	def setUp(self):
		make_route(direction="Sales")
		self.contract = make_contract(cm_responsible=SALES)

	def holders(self, role):
		"""Enabled desk users holding the role (the site may have more than the fixtures' users)."""
		users = frappe.get_all(
			"Has Role", filters={"role": role, "parenttype": "User"}, pluck="parent", distinct=True
		)
		desk_users = frappe.get_all(
			"User", filters={"name": ("in", users), "enabled": 1, "user_type": "System User"}, pluck="name"
		)
		return sorted(set(desk_users) - {"Administrator", "Guest"})

	def test_each_step_is_announced_to_the_holders_of_its_role(self):
		name = self.contract.name
		# The bell's dot: the approver has seen every notification so far.
		frappe.get_doc("Notification Settings", LEGAL).db_set("seen", 1, update_modified=False)
		as_user(SALES, send_for_approval, name)
		self.assertEqual(
			frappe.db.get_value("Notification Settings", LEGAL, "seen"), 0, "the bell shows a dot"
		)
		todos = open_approval_todos(name)
		self.assertIn((LEGAL, "Legal Counsel"), [(t.allocated_to, t.role) for t in todos])
		self.assertEqual({t.role for t in todos}, {"Legal Counsel"})
		self.assertEqual(sorted(t.allocated_to for t in todos), self.holders("Legal Counsel"))
		bell = frappe.get_all(
			"Notification Log",
			filters={"for_user": LEGAL, "document_type": "Contract", "document_name": name},
			fields=["subject", "read"],
		)
		self.assertEqual(len(bell), 1)
		self.assertIn(name, bell[0].subject)
		self.assertIn("Legal visa", bell[0].subject)
		self.assertEqual(bell[0].read, 0)
		self.assertIn(LEGAL, frappe.parse_json(frappe.db.get_value("Contract", name, "_assign")))

		as_user(LEGAL, give_visa, name, "Approved")
		todos = open_approval_todos(name)
		self.assertEqual({t.role for t in todos}, {"Accounts Manager"})
		self.assertIn(ACCOUNTS, [t.allocated_to for t in todos])
		self.assertNotIn(LEGAL, frappe.parse_json(frappe.db.get_value("Contract", name, "_assign")))
		self.assertEqual(
			frappe.db.count(
				"Notification Log",
				{"for_user": ACCOUNTS, "document_type": "Contract", "document_name": name},
			),
			1,
		)

		as_user(ACCOUNTS, give_visa, name, "Approved")
		as_user(HEAD_OF_SALES, give_visa, name, "Approved")
		self.assertEqual(open_approval_todos(name), [])
		self.assertEqual(frappe.parse_json(frappe.db.get_value("Contract", name, "_assign") or "[]"), [])

	def test_a_rejection_closes_the_todos_of_the_step(self):
		name = self.contract.name
		send_for_approval(name)
		as_user(LEGAL, give_visa, name, "Rejected", "Liability is unlimited")
		self.assertEqual(open_approval_todos(name), [])


class TestRouteChoice(FrappeTestCase):
	def test_most_specific_route_applies(self):
		make_route("CM Any Contract", steps=[{"step_title": "Legal", "role": "Legal Counsel"}])
		make_route(
			"CM Big Sales",
			steps=[{"step_title": "Director", "role": "Sales Manager"}],
			direction="Sales",
			min_amount=1_000_000,
		)
		small = make_contract(cm_amount=100_000)
		big = make_contract(cm_amount=2_000_000)
		framework = make_contract(cm_is_framework=1)
		purchase = make_contract(party_type="Supplier", party_name=r.SUPPLIER, cm_amount=5_000_000)
		self.assertEqual(find_route(small), "CM Any Contract")
		self.assertEqual(find_route(big), "CM Big Sales")
		self.assertEqual(find_route(framework), "CM Big Sales")
		self.assertEqual(find_route(purchase), "CM Any Contract")

	def test_without_any_route_a_contract_is_signed_directly(self):
		contract = make_contract()
		self.assertIsNone(find_route(contract))
		contract.submit()
		self.assertEqual(contract.docstatus, 1)
		with self.assertRaisesRegex(frappe.ValidationError, "route"):
			send_for_approval(make_contract().name)


@unittest.skipUnless(hasattr(Document, "discard"), "Discard of drafts came with Frappe v16")
class TestDiscardEndsTheRound(FrappeTestCase):
	"""Frappe v16's «Discard» of a draft on approval ends its round as a cancellation would: no visa
	stays pending, the approvers' ToDos close, and the document reads Cancelled."""

	def assert_round_ended(self, doctype, name):
		self.assertEqual(frappe.db.get_value(doctype, name, "cm_status"), "Cancelled")
		self.assertEqual(frappe.db.get_value(doctype, name, "docstatus"), 2)
		self.assertNotIn("Pending", [row.visa for row in visas(name)])
		open_todos = frappe.get_all(
			"ToDo", filters={"reference_type": doctype, "reference_name": name, "status": "Open"}
		)
		self.assertEqual(open_todos, [])
		self.assertEqual(frappe.parse_json(frappe.db.get_value(doctype, name, "_assign") or "[]"), [])

	def test_a_discarded_contract_on_approval(self):
		make_route(direction="Sales")
		contract = make_contract(cm_responsible=SALES)
		as_user(SALES, send_for_approval, contract.name)
		self.assertTrue(open_approval_todos(contract.name))
		as_user(SALES, lambda: frappe.get_doc("Contract", contract.name).discard())
		self.assert_round_ended("Contract", contract.name)
		# ERPNext v16's own status for a discarded contract stays.
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "status"), "Cancelled")

	def test_a_discarded_agreement_on_approval(self):
		from tests.amendments import TODAY, make_amendment, signed_contract

		contract = signed_contract(cm_responsible=SALES)
		make_route(
			"CM Agreement Route",
			steps=[{"step_title": "Legal visa", "role": "Legal Counsel"}],
			applies_to="Supplementary Agreement",
		)
		draft = make_amendment(contract, new_end_date=frappe.utils.add_days(TODAY, 400))
		send_for_approval(draft.name, doctype="Contract Amendment")
		self.assertEqual(frappe.db.get_value("Contract Amendment", draft.name, "cm_status"), "On Approval")
		self.assertTrue(
			frappe.get_all(
				"ToDo",
				filters={
					"reference_type": "Contract Amendment",
					"reference_name": draft.name,
					"status": "Open",
				},
			)
		)
		frappe.get_doc("Contract Amendment", draft.name).discard()
		self.assert_round_ended("Contract Amendment", draft.name)
