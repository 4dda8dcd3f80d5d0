"""One call of `generate`: contracts with their obligations, claims, primary documents, reminder log and
invoices, and the day's work planted in the first of them."""

import random
from dataclasses import dataclass, field

import frappe
from frappe.utils import getdate, now_datetime

from benchmarks.generate.claims import CLAIM_COLUMNS, claim_of
from benchmarks.generate.common import add_days
from benchmarks.generate.contracts import CONTRACT_COLUMNS, Contract, in_force, plan_contract, responsible_for
from benchmarks.generate.invoice_plan import plan_invoices, plan_overdue
from benchmarks.generate.invoices import write_invoices
from benchmarks.generate.obligations import OBLIGATION_COLUMNS, obligation_row
from benchmarks.generate.parties import ensure_parties
from benchmarks.generate.primary_documents import PAPER_COLUMNS, paper_rows
from benchmarks.generate.reminder_log import LOG_COLUMNS
from benchmarks.generate.rows import insert, parallel_writes


@dataclass
class Batch:
	"""What one call of `generate` made; the names of what is due on the day."""

	contracts: list[Contract] = field(default_factory=list)
	starting: list[str] = field(default_factory=list)
	expiring: list[str] = field(default_factory=list)
	prolonging: list[str] = field(default_factory=list)
	claims_to_court: list[str] = field(default_factory=list)
	counts: dict = field(default_factory=dict)


def generate(
	total: int,
	day,
	companies: list[str],
	invoice_rows: int = 0,
	due: int = 100,
	customers: int = 2500,
	suppliers: int = 2500,
	start_index: int = 1,
	seed: int = 7,
	missed_days: int = 0,
	first_lag: int = 0,
	jobs: int = 1,
) -> Batch:
	"""Contracts BENCH-000001 ... (from `start_index`) with their obligations, claims and invoices.
	Writes in the current transaction; the caller commits.

	With `missed_days`, the scheduler did not run on the days before `day` (backlog.py): the first
	contracts carry the work of each of those days as well as the day's own, as a site has it when
	the scheduler comes back (from `first_lag` days back: 1 leaves out the day's own).

	With `jobs` over 1, the rows are written by that many processes of their own while this one plans
	the next (rows.py parallel_writes), each committing what it writes."""
	# The parties first, in this transaction: the template invoices made through ERPNext read them.
	ensure_parties(customers, suppliers)
	with parallel_writes(jobs):
		return _generate(
			total,
			day,
			companies,
			invoice_rows,
			due,
			customers,
			suppliers,
			start_index,
			seed,
			missed_days,
			first_lag,
		)


def _generate(
	total, day, companies, invoice_rows, due, customers, suppliers, start_index, seed, missed_days, first_lag
) -> Batch:
	day = getdate(day)
	rng = random.Random(seed + start_index)
	now = now_datetime()
	currencies = {c: frappe.get_cached_value("Company", c, "default_currency") for c in companies}
	batch = Batch()
	contracts, obligations, claims, logs, papers = [], [], [], [], []
	planted = planted_slots(due, missed_days, first_lag)
	for index in range(start_index, start_index + total):
		slot, lag = planted.get(index - start_index, (None, 0))
		contract, row, contract_logs = plan_contract(
			index, slot, day, rng, now, companies, currencies, customers, suppliers, lag, missed_days
		)
		contracts.append(row)
		logs += contract_logs
		batch.contracts.append(contract)
		{"start": batch.starting, "expire": batch.expiring, "prolong": batch.prolonging}.get(slot, []).append(
			contract.name
		)
		papers += paper_rows(
			contract, responsible_for(index, contract.sales), currencies[contract.company], day, rng, now
		)
		obligation = obligation_row(index, slot, contract, add_days(day, -lag), rng, now)
		if obligation:
			obligations.append(obligation)
		claim = claim_of(index, slot, contract, add_days(day, -lag), rng, now)
		if claim:
			claims.append(claim)
			if slot == "claim":
				batch.claims_to_court.append(claim[0])
	insert("Contract", CONTRACT_COLUMNS, contracts)
	insert("Contract Claim", CLAIM_COLUMNS, claims)
	insert("Contract Obligation", OBLIGATION_COLUMNS, obligations)
	insert("Contract Reminder Log", LOG_COLUMNS, logs)
	insert("Contract Primary Document", PAPER_COLUMNS, papers)
	batch.counts = {
		"contracts": len(contracts),
		"obligations": len(obligations),
		"claims": len(claims),
		"reminder_log": len(logs),
		"primary_documents": len(papers),
	}
	if invoice_rows or due:
		# Invoices are made in the first company: the others need exchange rates a benchmark site
		# cannot fetch.
		of_company = [c for c in batch.contracts if c.company == companies[0]]
		invoices = []
		if invoice_rows:
			invoices = plan_invoices(of_company, invoice_rows, day, rng, customers, suppliers, companies[:1])
		# The day's overdue invoices, and those of each missed day within the reminders' reach.
		overdue = []
		for lag in reminder_lags(missed_days)[first_lag:]:
			on = add_days(day, -lag)
			in_force_then = [c for c in of_company if c.sales and in_force(c, add_days(on, -31))]
			overdue += [(c, on) for c in in_force_then[len(overdue) : len(overdue) + due]]
		invoices += plan_overdue(overdue, len(invoices))
		if invoices:
			batch.counts.update(write_invoices(invoices, day))
	return batch


# The lifecycle's work of every missed day is done by the next run; the reminders only within the
# catch-up window (7 days by default: a reminder due on the day before the window is never sent).
REMINDER_SLOTS = ("ending", "notice", "obligation")


def reminder_lags(missed_days: int, window: int = 7) -> range:
	"""The days back (0 = the day) whose reminders the run on the day still sends."""
	return range(min(missed_days, window - 1) + 1)


def planted_slots(due: int, missed_days: int = 0, first_lag: int = 0) -> dict[int, tuple[str, int]]:
	"""Which of the first contracts of the batch carry the day's work: {position: (kind, days back)}.
	Days back 0 is the day's own work; with `missed_days`, each missed day's too."""
	slots = {}
	kinds = (
		("ending", due),
		("notice", due),
		("obligation", due),
		("claim", due),
		("prolong", due),
		("start", due * 3 // 2),
		("expire", due * 3 // 2),
	)
	position = 0
	for lag in range(first_lag, missed_days + 1):
		for kind, count in kinds:
			if kind in REMINDER_SLOTS and lag not in reminder_lags(missed_days):
				continue
			for _ in range(count):
				slots[position] = (kind, lag)
				position += 1
	return slots
