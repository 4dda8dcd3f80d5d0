"""One status people read, kept true as dates pass, and never contradicted by ERPNext's own job."""

import frappe
from erpnext.crm.doctype.contract.contract import update_status_for_contracts
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management.api import mark_fulfilled
from contract_management.services.lifecycle import update_statuses
from tests.contracts import make_contract

TODAY = getdate(nowdate())


def status(name):
	return frappe.db.get_value("Contract", name, ["cm_status", "status"])


class TestStatus(FrappeTestCase):
	def test_draft_is_unsigned(self):
		contract = make_contract()
		self.assertEqual(status(contract.name), ("Draft", "Unsigned"))

	def test_signing_sets_the_status_by_the_dates(self):
		active = make_contract(start_date=add_days(TODAY, -10), end_date=add_days(TODAY, 10), submit=True)
		not_started = make_contract(start_date=add_days(TODAY, 5), end_date=add_days(TODAY, 100), submit=True)
		expired = make_contract(start_date=add_days(TODAY, -100), end_date=add_days(TODAY, -1), submit=True)
		self.assertEqual(status(active.name), ("Active", "Active"))
		self.assertEqual(status(not_started.name), ("Not Started", "Inactive"))
		self.assertEqual(status(expired.name), ("Expired", "Inactive"))
		self.assertTrue(active.is_signed)
		self.assertTrue(active.signed_on)

	def test_daily_update_moves_statuses_as_dates_pass_and_is_idempotent(self):
		contract = make_contract(start_date=add_days(TODAY, 1), end_date=add_days(TODAY, 30), submit=True)
		self.assertEqual(status(contract.name)[0], "Not Started")

		update_statuses(on_date=add_days(TODAY, 1))
		self.assertEqual(status(contract.name), ("Active", "Active"))
		modified = frappe.db.get_value("Contract", contract.name, "modified")
		update_statuses(on_date=add_days(TODAY, 1))
		self.assertEqual(
			frappe.db.get_value("Contract", contract.name, "modified"), modified, "second run wrote"
		)

		update_statuses(on_date=add_days(TODAY, 31))
		self.assertEqual(status(contract.name), ("Expired", "Inactive"))

	def test_erpnext_job_never_leaves_the_card_contradicting_itself(self):
		contract = make_contract(start_date=add_days(TODAY, -10), end_date=add_days(TODAY, 10), submit=True)
		# Terminated (as a termination agreement records it) while its dates still cover today.
		frappe.db.set_value("Contract", contract.name, "cm_terminated_on", add_days(TODAY, -1))
		update_statuses()
		self.assertEqual(status(contract.name), ("Terminated", "Inactive"))

		# ERPNext's own job looks only at the dates and would call it Active ...
		update_status_for_contracts()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "cm_status"), "Terminated")
		# ... the card never shows that field, and the app's daily run puts it back in line.
		self.assertTrue(frappe.get_meta("Contract").get_field("status").hidden)
		update_statuses()
		self.assertEqual(status(contract.name), ("Terminated", "Inactive"))

	def test_fulfilled_and_cancelled(self):
		contract = make_contract(start_date=add_days(TODAY, -10), end_date=add_days(TODAY, 10), submit=True)
		mark_fulfilled(contract.name)
		self.assertEqual(status(contract.name), ("Fulfilled", "Inactive"))
		with self.assertRaises(frappe.ValidationError):
			mark_fulfilled(contract.name)

		other = make_contract(submit=True)
		other.cancel()
		self.assertEqual(status(other.name)[0], "Cancelled")

	def test_mark_fulfilled_needs_write_permission(self):
		contract = make_contract(start_date=add_days(TODAY, -10), end_date=add_days(TODAY, 10), submit=True)
		frappe.set_user("cm.viewer@example.com")
		with self.assertRaises(frappe.PermissionError):
			mark_fulfilled(contract.name)
		frappe.set_user("Administrator")
		self.assertEqual(status(contract.name)[0], "Active")
