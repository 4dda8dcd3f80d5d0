"""Two reminder runs at the same moment (the scheduler's and *Send Reminders Now*), from two database
sessions: nothing is sent twice and neither run fails on the log's unique key. Then a run whose chunk
fails, and one that dies in the middle of a chunk: the next run sends each reminder exactly once.

The sessions must see each other's writes, so these tests commit their records and remove them after.
"""

import threading
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from contract_management.common.settings import get_settings
from contract_management.reminders import engine as reminders
from tests import records as r
from tests.test_amendment_concurrency import Session
from tests.test_reminders import DAY, HEAD, RESPONSIBLE, bells, contract, logs, mails, notice_deadline_on

HOLD_SECONDS = 2


class CommittedRecords(FrappeTestCase):
	"""Each test's contracts are committed for the other sessions, and removed with what the runs wrote."""

	def setUp(self):
		self.site, self.sites_path = frappe.local.site, frappe.local.sites_path
		self.started = now_datetime()
		self.contracts = self.make_contracts()
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		since = {"creation": (">=", self.started)}
		for doctype in ("Contract Reminder Log", "Notification Log", "ToDo", "Error Log"):
			frappe.db.delete(doctype, since)
		queued = frappe.get_all("Email Queue", filters=since, pluck="name")
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued or [""])})
		frappe.db.delete("Email Queue", since)
		names = [due.name for due in self.contracts]
		for doctype in ("Contract Approval Visa", "Contract Obligation"):
			frappe.db.delete(doctype, {"parent": ("in", names)})
		frappe.db.delete("Contract", {"name": ("in", names)})
		frappe.db.commit()


class TestOverlappingRuns(CommittedRecords):
	def make_contracts(self):
		self.due = contract()  # its 30-days-before-the-end reminder is due today
		return [self.due]

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


class TestDeliveryAtOnceAndAfterFailures(CommittedRecords):
	"""Two contracts whose notice deadline is today: each reminder is a log entry, a bell and an e-mail
	for the responsible person and the head, and a ToDo of the responsible person, whose writing updates
	the contract's assignees, the last statement of a chunk before its commit."""

	def make_contracts(self):
		return [notice_deadline_on(DAY), notice_deadline_on(DAY, party_name=r.CUSTOMER_2)]

	def run_in_sessions(self, *works):
		sessions = [Session(self.site, self.sites_path, work) for work in works]
		for session in sessions:
			session.start()
		for session in sessions:
			session.join(timeout=120)
		frappe.db.rollback()  # a fresh snapshot for this session's reads
		for session in sessions:
			self.assertFalse(session.is_alive())
			self.assertIsNone(session.error)

	def send_reminders(self, lock_wait_seconds=None):
		if lock_wait_seconds:
			frappe.db.sql("set session innodb_lock_wait_timeout = %s", lock_wait_seconds)
		reminders.send_reminders(DAY)
		frappe.db.commit()

	def hold_contract(self, contract, holding, release):
		"""A session that holds the contract's row (a user saving it, say) until `release`."""

		def hold():
			frappe.db.sql("select name from `tabContract` where name = %s for update", contract.name)
			holding.set()
			release.wait(timeout=90)
			frappe.db.rollback()

		return Session(self.site, self.sites_path, hold)

	def errors_of(self, contract):
		return frappe.get_all(
			"Error Log",
			filters={"reference_name": contract.name, "creation": (">=", self.started)},
			fields=["method", "error"],
		)

	def assert_each_sent_once(self, contracts=None):
		for due in contracts or self.contracts:
			self.assertEqual(
				[(log.kind, log.offset_days) for log in logs(due.name)], [("Notice Deadline", 0)]
			)
			for user in (RESPONSIBLE, HEAD):
				self.assertEqual(len(bells(user, due.name)), 1)
				mailed = [
					mail
					for mail in mails(creation=(">=", self.started))
					if due.name in mail.text and user in mail.recipients
				]
				self.assertEqual(len(mailed), 1)
			self.assertEqual(frappe.db.count("ToDo", {"reference_name": due.name}), 1)
			self.assertEqual(
				frappe.parse_json(frappe.db.get_value("Contract", due.name, "_assign")), [RESPONSIBLE]
			)

	def test_two_runs_delivering_at_once_send_once_by_the_log_key_alone(self):
		"""Past the named lock: both runs find the same reminders due before either writes. The log's
		unique key lets one of them deliver; the other sends nothing, and neither fails."""
		ours = {due.name for due in self.contracts}
		found, delivered = threading.Barrier(2, timeout=30), threading.Barrier(2, timeout=60)
		sent = []

		def run():
			frappe.flags.cm_email_ready = True
			rules = reminders.rules_by_kind(get_settings())["Notice Deadline"]
			due = [d for d in reminders.due_reminders("Notice Deadline", rules, DAY, 7) if d.name in ours]
			found.wait()
			sent.append(reminders.deliver(due, rules, DAY))
			frappe.db.commit()
			delivered.wait()
			reminders.send_digests("Notice Deadline", DAY)
			frappe.db.commit()

		self.run_in_sessions(run, run)
		self.assertEqual(sorted(len(names) for names in sent), [0, 2])
		self.assert_each_sent_once()
		for due in self.contracts:
			self.assertEqual(self.errors_of(due), [])

	def test_a_failing_chunk_is_undone_and_its_documents_go_one_by_one(self):
		"""The chunk's last statement waits for a contract a user holds until the lock wait times out:
		the chunk is undone, then its documents go one by one; the held one goes to the Error Log and
		the next run sends it, once."""
		free, held = self.contracts
		holding, release = threading.Event(), threading.Event()
		holder = self.hold_contract(held, holding, release)
		holder.start()
		holding.wait(timeout=30)
		try:
			self.run_in_sessions(lambda: self.send_reminders(lock_wait_seconds=1))
		finally:
			release.set()
			holder.join(timeout=60)
		self.assert_each_sent_once([free])
		self.assertEqual(logs(held.name, status=None), [])
		self.assertEqual(bells(RESPONSIBLE, held.name), [])
		[error] = self.errors_of(held)
		self.assertIn(held.name, error.method)

		self.run_in_sessions(self.send_reminders)
		self.assert_each_sent_once()
		self.assertEqual(len(self.errors_of(held)), 1)

	def test_a_run_that_dies_in_the_middle_of_a_chunk_sends_nothing_and_the_next_sends_each_once(self):
		"""The run has written its chunk's log entries, bells and ToDos when it waits for a contract a
		user holds; there its connection dies (the worker killed). The database undoes the chunk and
		releases the run's lock; the next run sends each reminder once."""
		holding, release = threading.Event(), threading.Event()
		holder = self.hold_contract(self.contracts[1], holding, release)
		dying = {}

		def run():
			dying["connection"] = frappe.db.sql("select connection_id()")[0][0]
			holding.wait(timeout=30)
			try:
				reminders.send_reminders(DAY)
			except Exception as error:
				dying["error"] = error

		runner = Session(self.site, self.sites_path, run)
		holder.start()
		runner.start()
		try:
			waiting = None
			for _attempt in range(600):
				waiting = frappe.db.sql(
					"""select info from information_schema.processlist
					where id = %s and time_ms > 500 and info like 'UPDATE `tabContract`%%'""",
					dying.get("connection", 0),
				)
				if waiting:
					break
				time.sleep(0.1)
			self.assertTrue(waiting, "the run waits for the held contract")
			self.assertIn("_assign", waiting[0][0])
			frappe.db.sql(f"kill connection {int(dying['connection'])}")
			runner.join(timeout=60)
		finally:
			release.set()
			holder.join(timeout=60)
		self.assertIn("error", dying, "the run died")
		frappe.db.rollback()
		for due in self.contracts:
			self.assertEqual(logs(due.name, status=None), [])
			self.assertEqual(frappe.db.count("ToDo", {"reference_name": due.name}), 0)

		self.run_in_sessions(self.send_reminders)
		self.assert_each_sent_once()
