"""Two reminder runs at the same moment (the scheduler's and *Send Reminders Now*), from two database
sessions: nothing is sent twice and neither run fails on the log's unique key.

The sessions must see each other's writes, so this test commits its records and removes them after.
"""

import threading
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from contract_management.reminders import engine as reminders
from tests.test_amendment_concurrency import Session
from tests.test_reminders import DAY, RESPONSIBLE, contract

HOLD_SECONDS = 2


class TestOverlappingRuns(FrappeTestCase):
	def setUp(self):
		self.site, self.sites_path = frappe.local.site, frappe.local.sites_path
		self.started = now_datetime()
		self.due = contract()  # its 30-days-before-the-end reminder is due today
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		since = {"creation": (">=", self.started)}
		for doctype in ("Contract Reminder Log", "Notification Log", "ToDo", "Error Log"):
			frappe.db.delete(doctype, since)
		queued = frappe.get_all("Email Queue", filters=since, pluck="name")
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued or [""])})
		frappe.db.delete("Email Queue", since)
		frappe.db.delete("Contract Approval Visa", {"parent": self.due.name})
		frappe.db.delete("Contract", {"name": self.due.name})
		frappe.db.commit()

	def run_twice_at_once(self, hold_the_log_row: bool):
		"""Two sessions run the job at once. With `hold_the_log_row`, a third session first holds an
		uncommitted log row under the reminder's key for a while, so that both runs are certainly under
		way before either can write it."""
		holding, runs_started = threading.Event(), threading.Barrier(2, timeout=30)

		def hold():
			frappe.get_doc(
				{
					"doctype": "Contract Reminder Log",
					"kind": "Contract End",
					"reference_doctype": "Contract",
					"reference_name": self.due.name,
					"offset_days": 30,
					"target_date": add_days(DAY, 30),
				}
			).insert(ignore_permissions=True)
			holding.set()
			time.sleep(HOLD_SECONDS)
			frappe.db.rollback()

		def run():
			if hold_the_log_row:
				holding.wait(timeout=30)
			runs_started.wait()
			reminders.send_reminders(DAY)
			frappe.db.commit()

		sessions = [Session(self.site, self.sites_path, run), Session(self.site, self.sites_path, run)]
		if hold_the_log_row:
			sessions.insert(0, Session(self.site, self.sites_path, hold))
		for session in sessions:
			session.start()
		for session in sessions:
			session.join(timeout=120)
		frappe.db.rollback()  # a fresh snapshot for this session's reads
		return sessions

	def assert_sent_once(self, sessions):
		for session in sessions:
			self.assertFalse(session.is_alive())
			self.assertIsNone(session.error)
		logs = frappe.get_all(
			"Contract Reminder Log", {"reference_name": self.due.name}, ["kind", "offset_days", "status"]
		)
		self.assertEqual(
			[(log.kind, log.offset_days, log.status) for log in logs], [("Contract End", 30, "Sent")]
		)
		bells = frappe.get_all(
			"Notification Log", {"document_name": self.due.name, "for_user": RESPONSIBLE, "type": "Alert"}
		)
		self.assertEqual(len(bells), 1)

	def test_while_one_run_writes_the_other_waits_and_sends_nothing_twice(self):
		self.assert_sent_once(self.run_twice_at_once(hold_the_log_row=True))

	def test_two_runs_started_together(self):
		self.assert_sent_once(self.run_twice_at_once(hold_the_log_row=False))
