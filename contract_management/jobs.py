"""The scheduled work that spans the domains, named by hooks.py's scheduler_events.

The daily lifecycle job moves the contracts (contracts/prolongation.py, contracts/lifecycle.py) and
then the claims under them (claims/claim.py): it sits above both packages, so neither imports the other
to run it. The prolongations are shared by the workers (common/daily_chunks.py): the daily job only
reads which contracts are due and enqueues them in chunks; the last chunk to finish runs the status
moves, the claims' No Answer and the days late of open obligations (fulfilment/obligations.py).
"""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from contract_management.claims.claim import update_no_answer
from contract_management.common import daily_chunks
from contract_management.contracts.lifecycle import update_statuses
from contract_management.contracts.prolongation import CHUNK_SIZE, contracts_due, prolong_chunk
from contract_management.fulfilment.obligations import refresh_open_obligations

DAILY_JOB = "contract_management.jobs.daily"
PROLONG_CHUNK_JOB = "contract_management.jobs.prolong_chunk_job"
PROLONGATION = "Prolongation"
SAVEPOINT = "cm_prolong_chunk_job"


def enqueue_daily():
	"""Scheduled a quarter past midnight (a cron event). The work also moves ERPNext's own contract
	`status`, whose daily job the site no longer runs (setup/scheduled_jobs.py). Frappe runs cron events
	on the default queue, whose jobs are stopped after 300 seconds; the work itself goes to the long
	queue, once (a run still waiting or under way is not queued again)."""
	return frappe.enqueue(DAILY_JOB, queue="long", job_id="cm-daily-lifecycle", deduplicate=True)


def daily(on_date=None, now: bool | None = None, chunk_size: int = CHUNK_SIZE):
	"""The daily lifecycle work, on the long queue. The contracts due for auto-prolongation are split
	into chunks, each a job of its own (or, with `now`, run here in turn); once the last has finished,
	the status moves and the claims' No Answer run, each one set-based UPDATE, so that a prolonged
	contract never shows as expired. With nothing due they run at once."""
	on_date = getdate(on_date or nowdate())
	chunks = daily_chunks.split(contracts_due(on_date), chunk_size)
	if not chunks:
		after_prolongation()
		return
	daily_chunks.run_plan(PROLONGATION, on_date, chunks, PROLONG_CHUNK_JOB, now=now)


def prolong_chunk_job(day, number: int, items: list[str]):
	"""One chunk of the day's prolongations, one transaction with its row in the plan. A chunk that fails
	is undone, marked failed with its error and logged; its contracts stay due for the next run."""
	daily_chunks.start(PROLONGATION, day, number)
	frappe.db.savepoint(SAVEPOINT)
	try:
		prolong_chunk(items, day)
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		frappe.log_error(
			title=_("Auto-prolongation of the contracts from {0} to {1} failed").format(items[0], items[-1]),
			reference_doctype="Contract",
			reference_name=items[0],
		)
		last = daily_chunks.finish(PROLONGATION, day, number, error=True)
	else:
		last = daily_chunks.finish(PROLONGATION, day, number)
	if last:
		after_prolongation()


def after_prolongation():
	update_statuses()
	update_no_answer()
	# The open obligations past due grow a day later each night (chunks of contracts, set-based).
	refresh_open_obligations()
