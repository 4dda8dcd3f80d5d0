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
from benchmarks.generate.rows import insert


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
) -> Batch:
	"""Contracts BENCH-000001 ... (from `start_index`) with their obligations, claims and invoices.
	Writes in the current transaction; the caller commits."""
	day = getdate(day)
	rng = random.Random(seed + start_index)
	ensure_parties(customers, suppliers)
	now = now_datetime()
	currencies = {c: frappe.get_cached_value("Company", c, "default_currency") for c in companies}
	batch = Batch()
	contracts, obligations, claims, logs, papers = [], [], [], [], []
	planted = planted_slots(due)
	for index in range(start_index, start_index + total):
		slot = planted.get(index - start_index)
		contract, row, contract_logs = plan_contract(
			index, slot, day, rng, now, companies, currencies, customers, suppliers
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
		obligation = obligation_row(index, slot, contract, day, rng, now)
		if obligation:
			obligations.append(obligation)
		claim = claim_of(index, slot, contract, day, rng, now)
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
	if invoice_rows:
		# Invoices are made in the first company: the others need exchange rates a benchmark site
		# cannot fetch.
		of_company = [c for c in batch.contracts if c.company == companies[0]]
		overdue_contracts = [c for c in of_company if c.sales and in_force(c, add_days(day, -31))][:due]
		invoices = plan_invoices(of_company, invoice_rows, day, rng, customers, suppliers, companies[:1])
		invoices += plan_overdue(overdue_contracts, day, len(invoices))
		batch.counts.update(write_invoices(invoices, day))
	return batch


def planted_slots(due: int) -> dict[int, str]:
	"""Which of the first contracts of the batch carry the day's work."""
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
	for kind, count in kinds:
		for _ in range(count):
			slots[position] = kind
			position += 1
	return slots
