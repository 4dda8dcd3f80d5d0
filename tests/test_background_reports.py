"""Debts by Contract and Contract Fulfilment open at once on a normal site, as the Contract Register
does; they go to the background (Frappe's prepared reports) on a site with as many contracts as
Contract Management Settings name, or where Frappe itself found a run of them slow."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from contract_management.patches.v15_0 import run_heavy_reports_at_once
from contract_management.reporting import background_reports
from tests import records as r
from tests.contracts import make_contract

HEAVY = ("Debts by Contract", "Contract Fulfilment")
FILTERS = {
	"Debts by Contract": {
		"company": r.RUB_COMPANY,
		"debt_type": "Receivable",
		"report_date": frappe.utils.nowdate(),
		"range": "30, 60, 90, 180",
	},
	"Contract Fulfilment": {"company": r.RUB_COMPANY},
}


def prepared(report: str) -> bool:
	return bool(frappe.db.get_value("Report", report, "prepared_report"))


def set_threshold(contracts: int):
	settings = frappe.get_single("Contract Management Settings")
	settings.background_reports_from = contracts
	settings.save()


class TestBackgroundReports(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		make_contract(cm_amount=1000)  # a site with at least one contract
		self.contracts = frappe.db.count("Contract")

	def test_a_site_below_the_setting_runs_them_at_once(self):
		set_threshold(self.contracts + 1000)
		for report in HEAVY:
			result = run(report, FILTERS[report])
			self.assertFalse(result.get("prepared_report"), report)
			self.assertIsInstance(result["result"], list, report)

	def test_a_new_site_gets_them_run_at_once(self):
		for report in HEAVY:
			doc = frappe.get_doc("Report", report)
			path = frappe.get_module_path("Contract Management", "report", frappe.scrub(report))
			from_file = frappe.get_file_json(f"{path}/{frappe.scrub(report)}.json")
			self.assertEqual(from_file["prepared_report"], 0, report)
			self.assertEqual(doc.report_type, "Script Report")

	def test_a_site_with_as_many_contracts_as_the_setting_gets_them_in_the_background(self):
		set_threshold(self.contracts + 1000)
		background_reports.mark_when_large()
		self.assertFalse(any(prepared(report) for report in HEAVY))

		set_threshold(self.contracts)
		for report in HEAVY:
			self.assertTrue(prepared(report), report)
			self.assertTrue(run(report, FILTERS[report]).get("prepared_report"), report)

	def test_the_daily_check_marks_a_site_grown_past_the_setting_and_leaves_the_rest(self):
		set_threshold(self.contracts + 1000)
		frappe.db.set_single_value("Contract Management Settings", "background_reports_from", self.contracts)
		background_reports.mark_when_large()
		self.assertTrue(all(prepared(report) for report in HEAVY))

		# Frappe's own rule (a run over 15 s) or the administrator marked one: the daily check, on a
		# site below the setting, does not undo it.
		frappe.db.set_single_value(
			"Contract Management Settings", "background_reports_from", self.contracts + 1000
		)
		background_reports.mark_when_large()
		self.assertTrue(all(prepared(report) for report in HEAVY))

	def test_zero_leaves_the_choice_to_frappe_and_the_administrator(self):
		set_threshold(self.contracts + 1000)
		set_threshold(0)
		background_reports.mark_when_large()
		self.assertFalse(any(prepared(report) for report in HEAVY))
		# The administrator ticks Prepared Report, or Frappe does after a run over 15 s: it stays.
		frappe.db.set_value("Report", "Debts by Contract", "prepared_report", 1)
		background_reports.mark_when_large()
		self.assertTrue(prepared("Debts by Contract"))

	def test_the_patch_runs_them_at_once_on_a_site_that_had_them_prepared(self):
		for report in HEAVY:
			frappe.db.set_value("Report", report, "prepared_report", 1)
		frappe.db.set_single_value(
			"Contract Management Settings", "background_reports_from", self.contracts + 1000
		)
		run_heavy_reports_at_once.execute()
		self.assertFalse(any(prepared(report) for report in HEAVY))
