"""The backlog of days without a scheduler (issue 22, #9): contracts carrying the work of each missed
day, added beside the dataset (whose first batch carries the day's own work) and removed after.

The scheduler last ran `missed_days + 1` days before the benchmark day, so the run on the day finds
the lifecycle work of every missed day (prolongations, status moves, claims going to court) and the
reminders of those within the catch-up window, as the dataset would give had its day moved on
`missed_days` days with no run in between. (The dataset's own day keeps the log its first batch has of
the day before's run: the contracts that ended yesterday were reminded of it.)
"""

import frappe

from benchmarks.generate.batch import Batch, generate, planted_slots
from benchmarks.generate.templates import VOUCHER_TABLES


def plant_backlog(day, companies: list[str], due: int, missed_days: int, start_index: int) -> Batch:
	"""Contracts from `start_index` carrying the work of the `missed_days` days before `day` (`due` of
	each kind a day, as the dataset's day has). Writes in the current transaction; the caller commits."""
	total = len(planted_slots(due, missed_days, first_lag=1))
	return generate(
		total, day, companies, due=due, start_index=start_index, missed_days=missed_days, first_lag=1
	)


def remove_backlog(batch: Batch):
	"""Remove what `plant_backlog` wrote: its contracts and what hangs on them, and its overdue
	invoices with their ledger rows. What the day's work made of them goes with the due state
	(measures/daily.py DueState.restore)."""
	names = [contract.name for contract in batch.contracts]
	if not names:
		return
	invoices = frappe.get_all("Sales Invoice", filters={"cm_contract": ("in", names)}, pluck="name")
	if invoices:
		for table, column in VOUCHER_TABLES:
			frappe.db.delete(table, {column: ("in", invoices)})
	for table, column in (
		("Contract Obligation", "parent"),
		("Contract Primary Document", "contract"),
		("Contract Reminder Log", "contract"),
		("Contract Claim", "contract"),
		("Contract", "name"),
	):
		frappe.db.delete(table, {column: ("in", names)})
