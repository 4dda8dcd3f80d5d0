"""Catch-up after days without a scheduler (issue 22, #9), run by real `bench worker --queue long`
processes: the daily entry points are called as the scheduler calls them (the jobs they enqueue go to
the long queue, not run in this process), 1 and then 2 workers started by the benchmark take the
chunks, and the time is taken until every chunk of the day is done (Contract Daily Chunk) and the
queue is empty. Each run is checked: nothing done twice (the reminder log's keys, the notices, one
system agreement per contract and period) and 1 and 2 workers leave the same result.

The workers' queue is a Redis database of the benchmark's own (`--queue-db` on the site's Redis): the
bench's other sites and test runs share its long queue, and a benchmark worker must neither take their
jobs nor leave them its own.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import frappe
import psutil
from frappe.query_builder.functions import Count
from frappe.utils import background_jobs, now_datetime

from benchmarks.figures import Figure
from benchmarks.generate.batch import Batch
from benchmarks.measures.daily import DueState, daily_entry_points
from benchmarks.site import commit, database_cpu_seconds, step

DAILY_CHUNK = "Contract Daily Chunk"
WORKER_START_SECONDS = 120
POLL_SECONDS = 0.1


def combined(*batches: Batch) -> Batch:
	"""The due work of several batches as one (the dataset's day and the missed days' backlog)."""
	together = Batch()
	for batch in batches:
		for key in ("contracts", "starting", "expiring", "prolonging", "claims_to_court"):
			getattr(together, key).extend(getattr(batch, key))
	return together


def measure_catch_up(
	state: DueState,
	day,
	repeat: int,
	queue_db: int,
	timeout: float,
	workers: tuple[int, ...] = (1, 2),
	logs_path: Path | None = None,
) -> dict:
	"""`repeat` catch-ups with each number of `workers`, alternately, each on the due state afresh.
	Returns the times, what each run did, and the checks."""
	times = {count: [] for count in workers}
	runs = []
	compile_bytecode()
	with own_queue(queue_db) as queue_url:
		for repetition in range(repeat):
			for count in workers:
				state.restore()
				frappe.db.delete(DAILY_CHUNK, {"day": day})
				flush_queue()
				state.mark()
				with running_workers(count, queue_url, logs_path):
					started_at, cpu_before = now_datetime(), cpu_seconds()
					seconds, entry_seconds = run_and_wait(day, timeout)
					cpu = cpu_used(cpu_before, seconds)
				frappe.db.rollback()  # a fresh snapshot of what the workers committed
				run = {
					"workers": count,
					"repetition": repetition + 1,
					"seconds": seconds,
					"entry_seconds": entry_seconds,
					"chunks": chunk_counts(day),
					"timeline": timeline(day, started_at),
					"cpu": cpu,
					"done": state.done(),
					"twice": done_twice(state),
					"result": result_of(state),
				}
				runs.append(run)
				if seconds is not None:
					times[count].append(seconds)
				step(
					f"  {count} worker(s): "
					+ (f"{seconds:.1f} s" if seconds is not None else f"not finished in {timeout:.0f} s")
					+ f", chunks {run['chunks']}, twice {run['twice'] or 'nothing'}"
					+ (f", cores busy {cpu['busy']:.2f} (the database {cpu['database']:.2f})" if cpu else "")
				)
		flush_queue()
	state.restore()
	frappe.db.delete(DAILY_CHUNK, {"day": day})
	commit()
	first = next(run["result"] for run in runs if run["workers"] == workers[0])
	return {
		"times": {count: Figure(values) for count, values in times.items() if values},
		"runs": [{key: value for key, value in run.items() if key != "result"} for run in runs],
		"finished": all(run["seconds"] is not None and not run["chunks"].get("Failed") for run in runs),
		"nothing_twice": not any(run["twice"] for run in runs),
		"same_result": all(run["result"] == first for run in runs),
		"workers": workers,
	}


def run_and_wait(day, timeout: float) -> tuple[float | None, float]:
	"""Call the daily entry points as the scheduler does (a job they enqueue goes to the queue), and
	return the seconds until every chunk of the day is done and no job is queued or running (None if
	that takes longer than `timeout`), and the seconds the entry points themselves took."""
	started = time.perf_counter()
	for method in daily_entry_points():
		frappe.get_attr(method)()
		commit()
	entry_seconds = time.perf_counter() - started
	settled = 0
	while time.perf_counter() - started < timeout:
		# Twice in a row: a job a worker has taken off the queue shows in its registry a moment later.
		settled = settled + 1 if all_done(day) else 0
		if settled == 2:
			return time.perf_counter() - started, entry_seconds
		time.sleep(POLL_SECONDS)
	return None, entry_seconds


def cpu_seconds() -> dict[str, float]:
	"""The CPU seconds spent so far by the whole machine (every core, busy) and by the database server."""
	machine = psutil.cpu_times()
	busy = sum(machine) - machine.idle - getattr(machine, "iowait", 0) - getattr(machine, "steal", 0)
	return {"machine": busy, "database": database_cpu_seconds()}


def cpu_used(before: dict[str, float], seconds: float | None) -> dict[str, float]:
	"""The cores kept busy on average during a run, in all and by the database server, out of how many
	the machine has: on a machine of 2 cores where the database needs part of one beside a single
	worker, 2 workers cannot halve the time."""
	after = cpu_seconds()
	if not seconds:
		return {}
	return {
		"cores": psutil.cpu_count(),
		"busy": (after["machine"] - before["machine"]) / seconds,
		"database": (after["database"] - before["database"]) / seconds,
	}


def timeline(day, started_at) -> list[tuple[str, int, int, float, float]]:
	"""Each chunk of the day as (work, number, items, seconds from the run's start to its start and to
	its end), in the order they started: where the workers waited, and which chunk ran alone."""
	chunk = frappe.qb.DocType(DAILY_CHUNK)
	rows = (
		frappe.qb.from_(chunk)
		.select(chunk.work, chunk.chunk_no, chunk.item_count, chunk.started_on, chunk.finished_on)
		.where(chunk.day == day)
		.where(chunk.started_on.isnotnull())
		.orderby(chunk.started_on)
	).run()
	return [
		(
			work,
			number,
			items,
			(start - started_at).total_seconds(),
			((end or start) - started_at).total_seconds(),
		)
		for work, number, items, start, end in rows
	]


def all_done(day) -> bool:
	commit()  # a fresh snapshot
	if frappe.db.exists(DAILY_CHUNK, {"day": day, "status": ("in", ["Queued", "Running"])}):
		return False
	queue = background_jobs.get_queue("long")
	return queue.count == 0 and queue.started_job_registry.count == 0


def chunk_counts(day) -> dict[str, int]:
	chunk = frappe.qb.DocType(DAILY_CHUNK)
	return dict(
		frappe.qb.from_(chunk)
		.select(chunk.status, Count("*"))
		.where(chunk.day == day)
		.groupby(chunk.status)
		.run()
	)


def done_twice(state: DueState) -> dict[str, int]:
	"""What the run did twice: reminders logged twice under one key (document, kind, offset, date),
	desk notifications and ToDos made twice for one person, document and subject, contracts prolonged
	twice for one period. Empty when nothing was."""
	twice = {}
	for label, query in (
		(
			"reminder log keys",
			"""select count(*) from (select 1 from `tabContract Reminder Log` log
			where log.reference_name in (select reference_name from `tabContract Reminder Log`
				where creation >= %(since)s)
			group by reference_doctype, reference_name, kind, offset_days, target_date
			having count(*) > 1) as twice""",
		),
		(
			"desk notifications",
			"""select count(*) from (select 1 from `tabNotification Log` where creation >= %(since)s
			group by for_user, document_type, document_name, subject having count(*) > 1) as twice""",
		),
		(
			"ToDos",
			"""select count(*) from (select 1 from `tabToDo` where creation >= %(since)s
			group by allocated_to, reference_type, reference_name, description having count(*) > 1)
			as twice""",
		),
		(
			"system prolongations of a contract and period",
			"""select count(*) from (select 1 from `tabContract Amendment`
			where made_by_system = 1 and docstatus = 1 and contract in %(contracts)s
			group by contract, effective_date having count(*) > 1) as twice""",
		),
	):
		values = {"since": state.since, "contracts": state.contract_names or [""]}
		count = frappe.db.sql(query, values)[0][0]
		if count:
			twice[label] = count
	return twice


def result_of(state: DueState) -> dict:
	"""What the day left, without names a run draws (hashes, series): compared between runs."""
	since = {"creation": (">=", state.since)}

	def rows(doctype, fields, filters):
		return sorted(tuple(row) for row in frappe.get_all(doctype, filters, fields, as_list=True))

	return {
		"contracts": rows(
			"Contract",
			["name", "end_date", "cm_status", "status", "cm_notice_deadline"],
			{"name": ("in", state.contract_names or [""])},
		),
		"claims": rows("Contract Claim", ["name", "status"], {"name": ("in", state.claim_names or [""])}),
		"agreements": rows(
			"Contract Amendment",
			["contract", "docstatus", "effective_date", "new_end_date", "made_by_system"],
			since,
		),
		"reminder_log": rows(
			"Contract Reminder Log",
			["reference_doctype", "reference_name", "kind", "offset_days", "target_date", "status"],
			since,
		),
		"notifications": rows(
			"Notification Log", ["for_user", "document_type", "document_name", "subject"], since
		),
		"todos": rows("ToDo", ["allocated_to", "reference_type", "reference_name", "status"], since),
	}


# ---------------------------------------------------------------- the workers and their queue


@contextmanager
def own_queue(db: int):
	"""This process enqueues to Redis database `db` of the site's queue server; yields its URL for the
	workers. Refuses a database that holds keys of something else."""
	parts = urlsplit(frappe.conf.redis_queue)
	url = urlunsplit((parts.scheme, parts.netloc, f"/{db}", "", ""))
	saved = frappe.conf.redis_queue
	frappe.conf.redis_queue = url
	background_jobs._redis_queue_conn = None
	try:
		connection = background_jobs.get_redis_conn()
		foreign = [key for key in connection.scan_iter(count=1000) if not key.startswith(b"rq:")]
		if foreign:
			raise RuntimeError(f"Redis database {db} of {saved} holds other keys: choose another --queue-db")
		yield url
	finally:
		frappe.conf.redis_queue = saved
		background_jobs._redis_queue_conn = None


def flush_queue():
	"""Empty the benchmark's own queue database (jobs and records of an earlier run)."""
	background_jobs.get_redis_conn().flushdb()


def compile_bytecode():
	"""The bench's Python compiled to bytecode, as a production bench has it once its processes have
	imported their modules. Frappe's worker forks a process for each job, and that process imports the
	app's modules (its doctypes, the e-mail stack) again: without bytecode, as on a machine where
	PYTHONDONTWRITEBYTECODE is set, each job compiled them from source, a few seconds of every chunk
	here. Files already compiled are skipped."""
	bench = Path(sys.prefix).parent
	site_packages = next(Path(sys.prefix, "lib").glob("python3*/site-packages"))
	subprocess.run(
		[
			sys.executable,
			"-m",
			"compileall",
			"-q",
			"-j",
			"0",
			"-x",
			"node_modules",
			str(bench / "apps"),
			str(site_packages),
		],
		env=with_bytecode(os.environ),
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		check=False,  # a file that does not compile (a test fixture, a template) is imported by no job
	)


def with_bytecode(environment) -> dict:
	"""The environment without PYTHONDONTWRITEBYTECODE, as on a production bench (compile_bytecode)."""
	return {key: value for key, value in environment.items() if key != "PYTHONDONTWRITEBYTECODE"}


@contextmanager
def running_workers(count: int, queue_url: str, logs_path: Path | None):
	"""`count` processes of `bench worker --queue long`, started from the bench folder on the benchmark's
	queue, registered with it before this yields; stopped after."""
	bench = Path(sys.prefix).parent
	command = [shutil.which("bench") or "", "worker", "--queue", "long"]
	if not command[0]:
		# What the bench command runs for `bench worker` (bench's frappe_cmd), from the sites folder.
		command = [sys.executable, "-m", "frappe.utils.bench_helper", "frappe", *command[1:]]
	environment = {**with_bytecode(os.environ), "FRAPPE_REDIS_QUEUE": queue_url}
	log = open(logs_path or os.devnull, "ab")
	processes = []
	try:
		for _ in range(count):
			processes.append(
				subprocess.Popen(
					command,
					cwd=bench if command[0].endswith("bench") else bench / "sites",
					env=environment,
					stdout=log,
					stderr=subprocess.STDOUT,
					start_new_session=True,  # its own process group, stopped as one
				)
			)
		wait_for_workers(count, processes)
		yield processes
	finally:
		for process in processes:
			stop(process)
		log.close()


def wait_for_workers(count: int, processes):
	from rq import Worker

	connection = background_jobs.get_redis_conn()
	started = time.perf_counter()
	while len(Worker.all(connection=connection)) < count:
		if any(process.poll() is not None for process in processes):
			raise RuntimeError("a benchmark worker stopped on start; see its log (--worker-log)")
		if time.perf_counter() - started > WORKER_START_SECONDS:
			raise RuntimeError(f"{count} workers did not start within {WORKER_START_SECONDS} s")
		time.sleep(0.2)


def stop(process: subprocess.Popen):
	"""A worker's warm shutdown (SIGTERM to its process group, the job horse with it), then a kill."""
	for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
		if process.poll() is not None:
			return
		try:
			os.killpg(process.pid, sig)
		except ProcessLookupError:
			return
		try:
			process.wait(timeout=wait)
			return
		except subprocess.TimeoutExpired:
			continue
