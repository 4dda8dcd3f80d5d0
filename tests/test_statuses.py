"""The statuses and bases people filter by are defined once: the Contract's status field (from
setup/custom_fields.py) and the Contract Claim doctype's Select options. The desk gets them in the boot
(common/statuses.py), and the report scripts and the workspace read them from there."""

from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management.common import statuses
from contract_management.reporting import workspace

APP = Path(__file__).resolve().parents[1] / "contract_management"


def options(doctype: str, fieldname: str) -> list[str]:
	return frappe.get_meta(doctype).get_options(fieldname).split("\n")


class TestStatusesFromOneSource(FrappeTestCase):
	def test_the_boot_gives_the_desk_the_fields_options(self):
		bootinfo = frappe._dict()
		statuses.boot_session(bootinfo)
		given = bootinfo.contract_management
		self.assertEqual(given["contract_statuses"], options("Contract", "cm_status"))
		self.assertEqual(
			given["signed_statuses"], ["Not Started", "Active", "Expired", "Terminated", "Fulfilled"]
		)
		self.assertEqual(
			given["claim_statuses"],
			[
				"Draft",
				"Sent",
				"Received",
				"Answered",
				"Satisfied",
				"Partly Satisfied",
				"Rejected",
				"No Answer",
				"In Court",
				"Closed",
				"Cancelled",
			],
		)
		# The Claims Register's basis filter used to miss this one: its list was a copy.
		self.assertIn("Advance Not Returned", given["claim_bases"])
		self.assertEqual(given["claim_bases"], options("Contract Claim", "basis"))

	def test_the_boot_session_hook_is_registered(self):
		self.assertIn(
			"contract_management.common.statuses.boot_session",
			frappe.get_hooks("boot_session", app_name="contract_management"),
		)

	def test_the_workspace_counts_claims_by_the_doctypes_statuses(self):
		self.assertEqual(list(workspace.claim_statuses()), options("Contract Claim", "status"))

	def test_no_script_keeps_its_own_copy_of_a_status_list(self):
		scripts = [
			APP / "public/js/report_filters.js",
			APP / "contract_management/report/claims_register/claims_register.js",
			APP / "reporting/workspace.py",
		]
		for script in scripts:
			text = script.read_text()
			for value in ('"Partly Satisfied"', '"On Approval"', '"Non-Delivery"', '"Not Started"'):
				self.assertNotIn(value, text, f"{script.name} lists {value} itself")
