"""The daily work shared by workers (common/daily_chunks.py, jobs.py): the due prolongations planned in
chunks, each a job of its own on the long queue under a job id per work, day and chunk; the chunks run
by two workers at once give what one gives running them in turn; a failing chunk is marked failed with
its error and its work is done by the next run; the settings form reads the day's progress.

The workers are processes of their own (or, where a test holds rows meanwhile, database sessions of their
own: tests/test_amendment_concurrency.Session), which must see each other's writes: this test commits its
records and removes them after.
"""

import multiprocessing
import os
import threading
import time

import frappe
from frappe.core.doctype.log_settings.log_settings import _supports_log_clearing
from frappe.model.base_document import get_controller
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime
from frappe.utils.background_jobs import create_job_id, get_queue, is_job_enqueued
from rq.job import Job

from contract_management import jobs
from contract_management.common import daily_chunks
from contract_management.common.settings import get_settings
from contract_management.contracts.prolongation import contracts_due
from contract_management.reminders import engine as reminders
from tests import records as r
from tests import test_reminder_concurrency as concurrency
from tests.amendments import TODAY
from tests.test_amendment_concurrency import Session
from tests.test_prolongation import auto_contract
from tests.test_reminders import DAY, notice_deadline_on
from tests.worker_process import run_prolongation_chunks

PROGRESS = (
	"contract_management.contract_management.doctype.contract_management_settings."
	"contract_management_settings.daily_work_progress"
)


class TestDailyChunks(FrappeTestCase):
	def setUp(self):
		self.site, self.sites_path = frappe.local.site, frappe.local.sites_path
		self.started = now_datetime()
		self.names = []
		# What other tests left due is prolonged first, so that the plans below hold only these.
		self.in_session(lambda: jobs.daily(now=True))
		frappe.db.delete(daily_chunks.DOCTYPE, {"day": TODAY})
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		agreements = frappe.get_all(
			"Contract Amendment", {"contract": ("in", self.names or [""])}, pluck="name"
		)
		frappe.db.delete("Contract Amendment Change", {"parent": ("in", agreements or [""])})
		frappe.db.delete("Contract Approval Visa", {"parent": ("in", [*agreements, *self.names, ""])})
		frappe.db.delete("Version", {"docname": ("in", [*agreements, *self.names, ""])})
		frappe.db.delete("Contract Amendment", {"contract": ("in", self.names or [""])})
		frappe.db.delete("Contract", {"name": ("in", self.names or [""])})
		frappe.db.delete("Error Log", {"creation": (">=", self.started)})
		frappe.db.delete(daily_chunks.DOCTYPE, {"day": TODAY})
		frappe.db.commit()

	def make_contracts(self, count: int) -> list[str]:
		made = [
			auto_contract(
				party_name=(r.CUSTOMER, r.CUSTOMER_2)[number % 2],
				start_date=add_days(TODAY, -800),
				end_date=add_days(TODAY, -1 - number * 50),
				cm_renewal_term_months=12,
			).name
			for number in range(count)
		]
		self.names += made
		frappe.db.commit()
		return made

	def in_session(self, *works):
		sessions = [Session(self.site, self.sites_path, work) for work in works]
		for session in sessions:
			session.start()
		for session in sessions:
			session.join(timeout=180)
		frappe.db.rollback()  # a fresh snapshot
		for session in sessions:
			self.assertFalse(session.is_alive())
			self.assertIsNone(session.error)
		return sessions

	def plan(self):
		return frappe.get_all(
			daily_chunks.DOCTYPE,
			{"day": TODAY, "work": jobs.PROLONGATION},
			["name", "chunk_no", "status", "item_count", "error"],
			order_by="chunk_no",
		)

	def state(self, names):
		"""Each contract as the day left it, and its agreements."""
		return [
			(
				frappe.db.get_value(
					"Contract", name, ["end_date", "cm_status", "status", "cm_notice_deadline"]
				),
				frappe.get_all(
					"Contract Amendment",
					{"contract": name},
					["amendment_no", "docstatus", "effective_date", "new_end_date"],
					order_by="amendment_no",
					as_list=True,
				),
			)
			for name in names
		]

	def test_chunks_are_enqueued_on_the_long_queue_once_under_their_job_ids(self):
		names = self.make_contracts(5)
		self.assertEqual(sorted(contracts_due(TODAY)), sorted(names))
		queue = get_queue("long")
		ids = [create_job_id(daily_chunks.job_id(jobs.PROLONGATION, TODAY, number)) for number in (1, 2, 3)]
		try:
			jobs.daily(now=False, chunk_size=2)
			jobs.daily(now=False, chunk_size=2)  # a second run while the first's chunks wait
			self.assertEqual([queue.job_ids.count(job_id) for job_id in ids], [1, 1, 1])
			queued = [Job.fetch(job_id, connection=queue.connection) for job_id in ids]
			self.assertEqual({job.kwargs["method"] for job in queued}, {jobs.PROLONG_CHUNK_JOB})
			self.assertEqual(
				sorted(name for job in queued for name in job.kwargs["kwargs"]["items"]), sorted(names)
			)
			self.assertEqual([len(job.kwargs["kwargs"]["items"]) for job in queued], [2, 2, 1])
			self.assertTrue(
				all(is_job_enqueued(daily_chunks.job_id(jobs.PROLONGATION, TODAY, n)) for n in (1, 2, 3))
			)
			self.assertEqual(
				[(row.name, row.status, row.item_count) for row in self.plan()],
				[
					(daily_chunks.job_id(jobs.PROLONGATION, TODAY, n), "Queued", size)
					for n, size in ((1, 2), (2, 2), (3, 1))
				],
			)
		finally:
			for job_id in ids:
				if job_id in queue.job_ids:
					Job.fetch(job_id, connection=queue.connection).delete()

	def test_two_workers_at_once_give_what_one_gives_in_turn(self):
		in_turn = self.make_contracts(5)
		self.in_session(lambda: jobs.daily(now=True, chunk_size=2))
		expected = self.state(in_turn)
		self.assertEqual([row.status for row in self.plan()], ["Done"] * 3)

		parallel = self.make_contracts(5)
		frappe.db.delete(daily_chunks.DOCTYPE, {"day": TODAY})
		frappe.db.commit()
		chunks = daily_chunks.split(contracts_due(TODAY), 2)
		self.assertEqual(sorted(name for chunk in chunks for name in chunk), sorted(parallel))
		self.in_session(lambda: daily_chunks._plan(jobs.PROLONGATION, TODAY, chunks))
		# Two workers, each a process of its own, taking chunks; both take the second (a job run twice),
		# and it is done once.
		context = multiprocessing.get_context("spawn")
		at_once = context.Barrier(2, timeout=120)
		workers = [
			context.Process(
				target=run_prolongation_chunks,
				args=(self.site, os.path.abspath(self.sites_path), TODAY, numbers, chunks, at_once),
			)
			for numbers in ([1, 2], [2, 3])
		]
		for worker in workers:
			worker.start()
		for worker in workers:
			worker.join(timeout=240)
		frappe.db.rollback()  # a fresh snapshot
		self.assertEqual([worker.exitcode for worker in workers], [0, 0])
		self.assertEqual(self.state(parallel), expected)
		self.assertEqual([row.status for row in self.plan()], ["Done"] * 3)
		self.assertEqual(contracts_due(TODAY), [])
		self.assertEqual(frappe.db.count("Error Log", {"creation": (">=", self.started)}), 0)

	def test_a_failing_chunk_is_marked_failed_and_the_next_run_does_its_work(self):
		names = self.make_contracts(3)
		held = sorted(names)[0]
		holding, released = threading.Event(), threading.Event()

		def hold():
			# A user holds one contract until its chunk has failed on it.
			frappe.db.sql("select name from `tabContract` where name = %s for update", held)
			holding.set()
			released.wait(timeout=60)
			frappe.db.rollback()

		def watch():
			try:
				while not frappe.db.exists(daily_chunks.DOCTYPE, {"day": TODAY, "status": "Failed"}):
					time.sleep(0.05)
					frappe.db.rollback()  # a fresh snapshot
			finally:
				released.set()

		def run():
			holding.wait(timeout=30)
			frappe.db.sql("set session innodb_lock_wait_timeout = 2")
			jobs.daily(now=True, chunk_size=1)

		self.in_session(hold, watch, run)
		plan = self.plan()
		self.assertEqual(sorted(row.status for row in plan), ["Done", "Done", "Failed"])
		[failed] = [row for row in plan if row.status == "Failed"]
		self.assertIn("Lock wait timeout", failed.error)
		self.assertEqual(contracts_due(TODAY), [held])
		self.assertTrue(
			frappe.db.exists("Error Log", {"creation": (">=", self.started), "reference_name": held})
		)
		self.assertEqual(frappe.call(PROGRESS), {"Queued": 0, "Running": 0, "Done": 2, "Failed": 1})

		self.in_session(lambda: jobs.daily(now=True, chunk_size=1))
		self.assertEqual(contracts_due(TODAY), [])
		self.assertEqual([(row.status, row.item_count) for row in self.plan()], [("Done", 1)])
		self.assertEqual(len(frappe.get_all("Contract Amendment", {"contract": held, "docstatus": 1})), 1)

	def test_log_settings_keep_the_plans_a_month(self):
		daily_chunks._plan(jobs.PROLONGATION, add_days(TODAY, -31), [["an old chunk"]])
		daily_chunks._plan(jobs.PROLONGATION, add_days(TODAY, -29), [["a recent chunk"]])
		self.assertEqual(frappe.get_hooks("default_log_clearing_doctypes")[daily_chunks.DOCTYPE], [30])
		self.assertTrue(_supports_log_clearing(daily_chunks.DOCTYPE))
		get_controller(daily_chunks.DOCTYPE).clear_old_logs(30)
		self.assertEqual(
			frappe.get_all(daily_chunks.DOCTYPE, {"day": ("<", TODAY)}, pluck="day"), [add_days(TODAY, -29)]
		)
		frappe.db.rollback()

	def test_progress_is_read_with_the_permission_to_read_the_plan(self):
		self.make_contracts(2)
		self.in_session(lambda: jobs.daily(now=True, chunk_size=1))
		frappe.set_user("cm.manager@example.com")
		try:
			self.assertEqual(frappe.call(PROGRESS), {"Queued": 0, "Running": 0, "Done": 2, "Failed": 0})
			frappe.set_user("cm.nobody@example.com")
			self.assertRaises(frappe.PermissionError, frappe.call, PROGRESS)
		finally:
			frappe.set_user("Administrator")


class TestReminderChunks(concurrency.CommittedRecords):
	"""The day's reminders of a kind in chunks of whole documents: run in turn, or by two workers at once
	(each taking chunks, one chunk taken by both), each reminder is sent once, with one e-mail per person
	and kind, queued by the last chunk to finish."""

	KIND = "Notice Deadline"

	def make_contracts(self):
		return [notice_deadline_on(DAY, party_name=(r.CUSTOMER, r.CUSTOMER_2)[n % 2]) for n in range(3)]

	def tearDown(self):
		frappe.db.delete(daily_chunks.DOCTYPE, {"day": DAY})
		super().tearDown()

	run_in_sessions = concurrency.TestDeliveryAtOnceAndAfterFailures.run_in_sessions
	assert_each_sent_once = concurrency.TestDeliveryAtOnceAndAfterFailures.assert_each_sent_once

	def plan(self):
		return frappe.get_all(
			daily_chunks.DOCTYPE, {"day": DAY, "work": self.KIND}, pluck="status", order_by="chunk_no"
		)

	def test_in_turn(self):
		self.run_in_sessions(lambda: reminders.run_daily(DAY, now=True, chunk_size=1))
		self.assert_each_sent_once()
		self.assertEqual(set(self.plan()), {"Done"})

	def test_two_workers_at_once(self):
		ours = {due.name for due in self.contracts}
		rules = reminders.rules_by_kind(get_settings())[self.KIND]
		due = [d for d in reminders.due_reminders(self.KIND, rules, DAY, 7) if d.name in ours]
		chunks = reminders._chunks(due, 1)
		self.assertEqual(len(chunks), 3)
		at_once = threading.Barrier(2, timeout=30)

		def worker(numbers):
			def work():
				at_once.wait()
				for number in numbers:
					reminders.send_chunk(DAY, number, chunks[number - 1], self.KIND)

			return work

		self.run_in_sessions(lambda: daily_chunks._plan(self.KIND, DAY, chunks))
		self.run_in_sessions(worker([1, 2]), worker([2, 3]))
		self.assert_each_sent_once()
		self.assertEqual(self.plan(), ["Done"] * 3)
