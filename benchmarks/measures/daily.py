"""The daily work as hooks.py schedules it: every daily entry point of the app, called as the scheduler
calls it (a job it enqueues for the app runs at once, in the same process), each repetition on the
day's due state put back as it was."""

import time
from contextlib import contextmanager

import frappe
from frappe.utils import add_days, now_datetime

from benchmarks.figures import Figure
from benchmarks.generate.batch import Batch
from benchmarks.generate.rows import insert_like
from benchmarks.site import commit
from contract_management.contracts.lifecycle import set_statuses_moved_to

APP = "contract_management."
# Log tables the daily work writes to; what a repetition added is removed before the next one.
WRITTEN_BY_THE_DAY = (
	"Contract Reminder Log",
	"Notification Log",
	"Email Queue Recipient",
	"Email Queue",
	"ToDo",
	"Version",
	"Comment",
	"Error Log",
)


def daily_entry_points() -> list[str]:
	"""The app's methods that the scheduler runs once a day, as hooks.py names them."""
	events = frappe.get_hooks("scheduler_events") or {}
	methods = []
	for event in ("daily", "daily_long"):
		methods += events.get(event, [])
	for cron, cron_methods in (events.get("cron") or {}).items():
		minute, hour, *days = cron.split()
		if all(part == "*" for part in days) and minute.isdigit() and hour.isdigit():
			methods += cron_methods
	return [method for method in dict.fromkeys(methods) if method.startswith(APP)]


@contextmanager
def app_jobs_run_at_once():
	"""A job the app's entry point enqueues for itself (the lifecycle work on the long queue) runs at
	once, in this process, as a worker would run it; other apps' jobs are queued as usual."""
	queue = frappe.enqueue

	def enqueue(method, *args, **kwargs):
		name = method if isinstance(method, str) else f"{method.__module__}.{method.__qualname__}"
		if not name.startswith(APP):
			return queue(method, *args, **kwargs)
		job_kwargs = {
			key: value
			for key, value in kwargs.items()
			if key
			not in (
				"queue",
				"timeout",
				"event",
				"is_async",
				"job_name",
				"now",
				"enqueue_after_commit",
				"at_front",
				"job_id",
				"deduplicate",
				"on_success",
				"on_failure",
			)
		}
		return frappe.call(method, **job_kwargs)

	frappe.enqueue = enqueue
	try:
		yield
	finally:
		frappe.enqueue = queue


def run_daily_work() -> dict[str, float]:
	"""Every daily entry point of the app, timed on its own; returns {method: seconds}."""
	times = {}
	with app_jobs_run_at_once():
		for method in daily_entry_points():
			started = time.perf_counter()
			frappe.get_attr(method)()
			commit()
			times[method] = time.perf_counter() - started
	return times


class DueState:
	"""The day's due work, put back between repetitions: the rows of the contracts and claims the work
	changes (with their child rows), and nothing of what it added."""

	def __init__(self, batch: Batch, day, missed_days: int = 0):
		self.contract_names = batch.starting + batch.expiring + batch.prolonging
		self.claim_names = batch.claims_to_court
		# The last night that ran: the one before the day, or before the days without a scheduler. The
		# nightly move of ERPNext's status at a contract's start reads the start dates since it
		# (contracts/lifecycle.py); each repetition is that day's first run, not a second run of it.
		self.last_night = add_days(day, -(missed_days + 1))
		self.rows = {}
		self._take("Contract", self.contract_names)
		self._take("Contract Claim", self.claim_names)
		self.since = now_datetime()

	def _take(self, doctype, names):
		self.rows[(doctype, "name")] = frappe.get_all(doctype, filters={"name": ("in", names)}, fields=["*"])
		for table in frappe.get_meta(doctype).get_table_fields():
			child = table.options
			filters = {"parent": ("in", names), "parenttype": doctype}
			self.rows[(child, "parent")] = frappe.get_all(child, filters=filters, fields=["*"])

	def mark(self):
		"""What is written from now on is the repetition's."""
		commit()
		self.since = now_datetime()

	def done(self) -> dict[str, int]:
		"""What the repetition did."""
		log = frappe.qb.DocType("Contract Reminder Log")
		contract = frappe.qb.DocType("Contract")
		claim = frappe.qb.DocType("Contract Claim")
		before = {row.name: row.cm_status for row in self.rows[("Contract", "name")]}
		now_status = dict(
			frappe.qb.from_(contract)
			.select(contract.name, contract.cm_status)
			.where(contract.name.isin(self.contract_names or [""]))
			.run()
		)
		return {
			"reminders": frappe.db.count(
				"Contract Reminder Log", {"creation": (">=", self.since), "status": "Sent"}
			),
			"prolongations": frappe.db.count(
				"Contract Amendment", {"creation": (">=", self.since), "made_by_system": 1, "docstatus": 1}
			),
			"status_moves": sum(1 for name, status in now_status.items() if before.get(name) != status),
			"no_answer": len(
				frappe.qb.from_(claim)
				.select(claim.name)
				.where(claim.name.isin(self.claim_names or [""]))
				.where(claim.status == "No Answer")
				.run()
			),
			"log_rows": len(frappe.qb.from_(log).select(log.name).where(log.creation >= self.since).run()),
		}

	def restore(self):
		amendments = frappe.get_all(
			"Contract Amendment", filters={"creation": (">=", self.since)}, pluck="name"
		)
		if amendments:
			for table in frappe.get_meta("Contract Amendment").get_table_fields():
				frappe.db.delete(table.options, {"parent": ("in", amendments)})
			frappe.db.delete("Contract Amendment", {"name": ("in", amendments)})
		for doctype in WRITTEN_BY_THE_DAY:
			frappe.db.delete(doctype, {"creation": (">=", self.since)})
		for (doctype, key), rows in self.rows.items():
			names = self.contract_names + self.claim_names if key == "parent" else [row.name for row in rows]
			if names:
				frappe.db.delete(doctype, {key: ("in", names)})
			if rows:
				insert_like(doctype, [dict(row) for row in rows])
		set_statuses_moved_to(self.last_night)
		commit()


def measure_daily_work(state: DueState, repeat: int) -> tuple[Figure, dict, list[dict]]:
	"""`repeat` runs of the whole daily work, each on the day's due state afresh."""
	totals, by_method, done = [], {}, []
	for _ in range(repeat):
		state.restore()
		state.mark()
		times = run_daily_work()
		totals.append(sum(times.values()))
		for method, seconds in times.items():
			by_method.setdefault(method, []).append(seconds)
		done.append(state.done())
	state.restore()
	return Figure(totals), {method: Figure(values) for method, values in by_method.items()}, done
