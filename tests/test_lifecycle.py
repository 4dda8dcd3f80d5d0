"""One status people read, kept true as dates pass, and never contradicted by ERPNext's own job."""

from datetime import datetime, time

import frappe
from erpnext.crm.doctype.contract.contract import update_status_for_contracts
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, getdate, nowdate
from frappe.utils.background_jobs import generate_qname, get_queues_timeout

from contract_management.api import mark_fulfilled
from contract_management.contracts.lifecycle import update_statuses
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


class TestDailyJobQueue(FrappeTestCase):
	"""The daily lifecycle work (prolongation, status moves, No Answer) may take longer than the default
	queue's 300 seconds: it runs on the long queue, after ERPNext's own daily Contract status job."""

	DAILY = "contract_management.jobs.daily"
	ENQUEUE = "contract_management.jobs.enqueue_daily"
	ERPNEXT_JOB = "erpnext.crm.doctype.contract.contract.update_status_for_contracts"

	def test_no_scheduled_job_runs_the_daily_work_on_a_short_queue(self):
		for job in frappe.get_all("Scheduled Job Type", {"method": self.DAILY, "stopped": 0}, pluck="name"):
			self.assertEqual(frappe.get_doc("Scheduled Job Type", job).get_queue_name(), "long")
		events = frappe.get_hooks("scheduler_events", app_name="contract_management")
		for event, methods in events.items():
			if event == "cron":  # Frappe runs every cron event on the default queue
				for cron_methods in methods.values():
					self.assertNotIn(self.DAILY, cron_methods)
			elif self.DAILY in methods:
				self.assertIn("long", event)

	def test_a_quarter_past_midnight_it_is_put_on_the_long_queue_after_erpnexts_job(self):
		cron = frappe.get_hooks("scheduler_events", app_name="contract_management")["cron"]
		self.assertEqual(cron["15 0 * * *"], [self.ENQUEUE])
		ours = frappe.get_doc("Scheduled Job Type", {"method": self.ENQUEUE})
		erpnext = frappe.get_doc("Scheduled Job Type", {"method": self.ERPNEXT_JOB})
		self.assertEqual((ours.frequency, ours.cron_format), ("Cron", "15 0 * * *"))
		midnight = datetime.combine(TODAY, time.min)
		ours.last_execution = erpnext.last_execution = add_to_date(midnight, hours=-1)
		self.assertEqual(erpnext.next_execution, midnight)
		self.assertEqual(ours.next_execution, add_to_date(midnight, minutes=15))

		from contract_management.jobs import enqueue_daily

		job = enqueue_daily()
		try:
			self.assertEqual(job.origin, generate_qname("long"))
			self.assertEqual(job.kwargs["method"], self.DAILY)
			self.assertEqual(job.timeout, get_queues_timeout()["long"])
			self.assertIsNone(enqueue_daily(), "not queued twice while it waits")
		finally:
			job.delete()
