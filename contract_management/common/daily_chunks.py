"""The daily work shared by workers: the day's due work split into chunks, each a job of its own on the
long queue, and the day's plan (*Contract Daily Chunk*) that shows how many are done and failed.

A chunk's job id is the work, the day and its number (`cm-prolongation-2026-12-04-1`), and the plan's
row is named by it: enqueued twice while it waits or runs, it is queued once. With N workers the chunks
run in parallel, with one in turn; with none (tests, `bench execute`) `run_plan(..., now=True)` runs them
in turn in this process. What is due is read from the data, not from the plan: a chunk that failed, or
whose worker died, leaves its work due, and the next run does it.

A chunk's own work is what keeps it exactly once (the row locks of a prolongation, the reminder log's
unique key): the plan only shows progress, and tells the last chunk of a work to finish that it is the
last (`finish`), so that what follows the whole work (the status moves, the reminders' e-mails) runs once
after it.
"""

import traceback

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import getdate, now_datetime

DOCTYPE = "Contract Daily Chunk"
QUEUED, RUNNING, DONE, FAILED = "Queued", "Running", "Done", "Failed"


def job_id(work: str, day, number: int) -> str:
	return f"cm-{frappe.scrub(work)}-{getdate(day)}-{number}"


def split(items: list, size: int) -> list[list]:
	return [items[start : start + size] for start in range(0, len(items), size)]


def run_plan(work: str, day, chunks: list[list], method: str, now: bool | None = None, **arguments):
	"""Record the day's chunks of `work` and enqueue `method(day=, number=, items=chunk, **arguments)`
	for each on the long queue, or, with `now` (by default in tests), run them in turn here."""
	day = getdate(day)
	now = frappe.flags.in_test if now is None else now
	_plan(work, day, chunks)
	run = frappe.get_attr(method)
	for number, chunk in enumerate(chunks, start=1):
		if now:
			run(day=day, number=number, items=chunk, **arguments)
		else:
			frappe.enqueue(
				method,
				queue="long",
				job_id=job_id(work, day, number),
				deduplicate=True,
				day=day,
				number=number,
				items=chunk,
				**arguments,
			)


def _plan(work: str, day, chunks: list[list]):
	"""One row per chunk. A day planned again (a second run) starts its finished chunks over; a chunk
	still queued or running keeps its row, and its job is not queued again. Chunks of earlier days
	left queued or running (their worker stopped) are marked failed: their work is due again."""
	table = frappe.qb.DocType(DOCTYPE)
	(
		frappe.qb.update(table)
		.set(table.status, FAILED)
		.set(table.error, "Not finished: the job was stopped or never ran.")
		.set(table.modified, now_datetime())
		.where(table.day < day)
		.where(table.status.isin([QUEUED, RUNNING]))
	).run()
	frappe.db.delete(DOCTYPE, {"work": work, "day": day, "status": ("in", [DONE, FAILED])})
	now, user = now_datetime(), frappe.session.user
	rows = [
		(job_id(work, day, number), now, now, user, user, day, work, number, QUEUED, len(chunk))
		for number, chunk in enumerate(chunks, start=1)
	]
	frappe.db.bulk_insert(
		DOCTYPE,
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"day",
			"work",
			"chunk_no",
			"status",
			"item_count",
		],
		rows,
		ignore_duplicates=True,
	)
	_commit()


def start(work: str, day, number: int):
	"""The chunk's row shows it running (committed, so that the settings form sees it)."""
	_set(work, day, number, status=RUNNING, started_on=now_datetime(), finished_on=None, error=None)
	_commit()


def finish(work: str, day, number: int, error: bool = False) -> bool:
	"""Mark the chunk done (or failed, with the exception being handled) and commit it with the chunk's
	own work; then return whether no chunk of the work is left to run today. Each chunk commits before it
	reads, so of two finishing at once, the later one sees the other finished."""
	_set(
		work,
		day,
		number,
		status=FAILED if error else DONE,
		finished_on=now_datetime(),
		error=traceback.format_exc() if error else None,
	)
	_commit()
	return not frappe.db.exists(
		DOCTYPE, {"work": work, "day": getdate(day), "status": ("in", [QUEUED, RUNNING])}
	)


def _set(work, day, number, **values):
	name = job_id(work, day, number)
	table = frappe.qb.DocType(DOCTYPE)
	query = frappe.qb.update(table).set(table.modified, now_datetime()).where(table.name == name)
	for field, value in values.items():
		query = query.set(table[field], value)
	query.run()


def progress(day=None) -> dict[str, int]:
	"""How many chunks of the day's work are queued, running, done and failed."""
	table = frappe.qb.DocType(DOCTYPE)
	counts = dict(
		frappe.qb.from_(table)
		.select(table.status, Count("*"))
		.where(table.day == getdate(day))
		.groupby(table.status)
		.run()
	)
	return {status: counts.get(status, 0) for status in (QUEUED, RUNNING, DONE, FAILED)}


def _commit():
	# Each chunk is a unit of work of its own, committed with its row in the plan; tests roll back.
	if not frappe.flags.in_test:
		frappe.db.commit()  # nosemgrep: frappe-manual-commit
