"""The scheduled work that spans the domains, named by hooks.py's scheduler_events.

The daily lifecycle job moves the contracts (contracts/prolongation.py, contracts/lifecycle.py) and
then the claims under them (claims/claim.py): it sits above both packages, so neither imports the other
to run it.
"""

import frappe

from contract_management.claims.claim import update_no_answer
from contract_management.contracts.lifecycle import update_statuses
from contract_management.contracts.prolongation import prolong_due_contracts

DAILY_JOB = "contract_management.jobs.daily"


def enqueue_daily():
	"""Scheduled a quarter past midnight (a cron event). The work also moves ERPNext's own contract
	`status`, whose daily job the site no longer runs (setup/scheduled_jobs.py). Frappe runs cron events
	on the default queue, whose jobs are stopped after 300 seconds; the work itself goes to the long
	queue, once (a run still waiting or under way is not queued again)."""
	return frappe.enqueue(DAILY_JOB, queue="long", job_id="cm-daily-lifecycle", deduplicate=True)


def daily():
	"""The daily lifecycle work, on the long queue. Contracts due for auto-prolongation are prolonged
	first (in chunks, each a transaction of its own), so that they never show as expired; then the status moves
	and the claims' No Answer, each one set-based UPDATE."""
	prolong_due_contracts()
	update_statuses()
	update_no_answer()
