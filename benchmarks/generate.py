"""Fill a benchmark site with contracts, invoices, payments, credit notes, obligations and claims.

What is written, for each generated document, is what ERPNext and the app write when it is submitted:
- **Contracts** (signed), with their obligations and claims, as the app stores them.
- **Invoices.** "Invoice rows" are item rows: `invoice_rows` rows of Sales and Purchase Invoice Items,
  about four to an invoice. Most invoices are made under a contract of the right direction, within its
  dates; some are made without a contract. For each: the invoice, its items, its payment schedule, its
  GL Entries and its Payment Ledger Entry.
- **Payment Entries** settle some invoices fully by their due date, some fully but late, some partly,
  and leave the rest unpaid; each with its reference row, GL Entries and Payment Ledger Entry, and the
  invoice's outstanding amount and status as ERPNext leaves them.
- **Credit notes** (Sales Invoice returns of one item) for a few sales invoices, keeping their own
  outstanding amount as ERPNext's default ("Update Outstanding for Self") does.
Invoices are made in the first company given (the rouble one); the other company's contracts have none,
since a site without internet cannot fetch the exchange rates ERPNext asks for there.

The rows are copies of the rows of real documents: `_Templates` makes one invoice, payment and credit
note of each kind through ERPNext (insert and submit), and every generated row is a copy of its
template's row made by the database (INSERT ... SELECT from JSON_TABLE), with what differs per document
(names, dates, party, contract, amounts, words, status) replaced. So every column ERPNext writes is
written, in the version of ERPNext installed. The templates are removed afterwards. Left out are the
audit trail (Version) and the Item Price ERPNext adds on the first sale of an item.
tests/test_benchmark_dataset.py proves the copies right: ERPNext's Accounts Receivable, Accounts
Payable and General Ledger show the same for generated documents as for ones made through ERPNext.

**Nothing preset.** On the benchmark day (`day`) the data has the work of a real day in it, in the
first batch only, so that the amount of work is the same whatever the size:
- 1.5 × `due` contracts start on the day and as many ended the day before (300 status moves for the
  default 100); their status is what it was the day before;
- `due` expired auto-renewing contracts are due for prolongation;
- `due` outgoing claims reach the day they may go to court: they become No Answer, and remind;
- `due` reminders of each of: contract end in 30 days, notice deadline in 14 days, an obligation due
  today, an invoice overdue since yesterday.
Every other date is kept clear of every reminder window of the default rules, and what a previous
day's run would have done is done (the Contract End reminders of the contracts that ended within a year
are in the log), so the work due does not grow with the size.
"""

import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

import frappe
from dateutil.relativedelta import relativedelta
from frappe.utils import getdate, in_words, now_datetime

PREFIX = "BENCH-"
# Days before the benchmark day that invoices are dated back to: within the fiscal years the test
# bootstrap makes (two years back).
INVOICE_HISTORY_DAYS = 700
# A contract's end date outside [day - 10, day + 69] has no Contract End reminder due (offsets 60, 30,
# 7, 0 and a catch-up window of 7 days) and no status move.
END_CLEAR = (-10, 69)
# An unpaid invoice due within [day - 40, day - 1] would have an Overdue Invoice reminder due (offsets
# -1, -15, -30, catch-up 7): generated debts fall due outside it.
OVERDUE_CLEAR = (-40, -1)
SALES_SHARE = 0.6  # of the invoice rows
WITHOUT_CONTRACT_SHARE = 0.15  # of the invoices
CREDIT_NOTE_SHARE = 0.03  # of the sales invoices
JSON_ROWS_PER_STATEMENT = 20_000
POSTING_TIME = "12:00:00"


# ---------------------------------------------------------------- parties


def ensure_parties(customers: int, suppliers: int):
	"""Customers and suppliers named BENCH-C-00001 ..., when missing: copies, made in bulk, of one made
	through ERPNext (so that what invoices take from their party, such as its language, is the same)."""
	now = now_datetime()
	for doctype, count, code, group in (
		(
			"Customer",
			customers,
			"C",
			{"customer_group": "All Customer Groups", "territory": "All Territories"},
		),
		("Supplier", suppliers, "S", {"supplier_group": "All Supplier Groups"}),
	):
		name_field = "customer_name" if doctype == "Customer" else "supplier_name"
		existing = set(frappe.get_all(doctype, filters={"name": ("like", f"{PREFIX}{code}-%")}, pluck="name"))
		missing = [party_name(code, index) for index in range(1, count + 1)]
		missing = [name for name in missing if name not in existing]
		if not missing:
			continue
		template = frappe.get_doc(
			{"doctype": doctype, name_field: f"{PREFIX}{code}-TEMPLATE", f"{doctype.lower()}_type": "Company"}
			| group
		).insert(ignore_permissions=True)
		row = frappe.get_all(doctype, filters={"name": template.name}, fields=["*"])[0]
		frappe.db.delete(doctype, {"name": template.name})
		_insert_like(
			doctype,
			[{"name": name, name_field: name, "creation": now, "modified": now} for name in missing],
			row,
		)


def party_name(code: str, index: int) -> str:
	return f"{PREFIX}{code}-{index:05d}"


# ---------------------------------------------------------------- contracts


@dataclass
class Contract:
	name: str
	company: str
	sales: bool
	party: str
	start: date
	end: date
	amount: int
	terminated_on: date | None = None
	fulfilled_on: date | None = None

	def invoicing_period(self, day) -> tuple[date, date] | None:
		first = max(self.start, add_days(day, -INVOICE_HISTORY_DAYS))
		last = min(self.end, day, add_days(self.terminated_on, -1) if self.terminated_on else day)
		return (first, last) if first <= last else None


@dataclass
class Batch:
	"""What one call of `generate` made; the names of what is due on the day."""

	contracts: list[Contract] = field(default_factory=list)
	starting: list[str] = field(default_factory=list)
	expiring: list[str] = field(default_factory=list)
	prolonging: list[str] = field(default_factory=list)
	claims_to_court: list[str] = field(default_factory=list)
	counts: dict = field(default_factory=dict)


CONTRACT_COLUMNS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"party_type",
	"party_name",
	"is_signed",
	"signed_on",
	"status",
	"fulfilment_status",
	"start_date",
	"end_date",
	"contract_terms",
	"cm_status",
	"cm_registry_number",
	"cm_contract_date",
	"cm_company",
	"cm_direction",
	"cm_customer",
	"cm_supplier",
	"cm_currency",
	"cm_amount",
	"cm_vat_mode",
	"cm_vat_rate",
	"cm_vat_amount",
	"cm_amount_with_vat",
	"cm_claim_period_days",
	"cm_responsible",
	"cm_auto_prolongation",
	"cm_renewal_term_months",
	"cm_notice_period_days",
	"cm_notice_deadline",
	"cm_original_received",
	"cm_prolongation_refused",
	"cm_terminated_on",
	"cm_fulfilled_on",
]
OBLIGATION_COLUMNS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"obligor",
	"kind",
	"description",
	"due_date",
	"amount",
	"status",
]
CLAIM_COLUMNS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"naming_series",
	"direction",
	"status",
	"basis",
	"company",
	"party_type",
	"party",
	"contract",
	"currency",
	"principal_amount",
	"penalty_method",
	"penalty_amount",
	"total_claimed",
	"drafted_on",
	"sent_on",
	"received_on",
	"claim_period_days",
	"response_due",
	"court_from",
	"response_date",
	"decision",
	"responsible",
]
LOG_COLUMNS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"status",
	"kind",
	"reference_doctype",
	"reference_name",
	"contract",
	"party",
	"offset_days",
	"target_date",
	"reminder_date",
	"sent_on",
	"recipients",
	"email_pending",
]


def responsible_for(index: int, sales: bool) -> str:
	"""One contract in fifty is the restricted sales user's own; the others are their colleagues'."""
	if sales and index % 50 == 0:
		return "cm.sales@example.com"
	return "cm.sales2@example.com" if sales else "cm.purchase@example.com"


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
	contracts, obligations, claims, logs = [], [], [], []
	planted = _planted_slots(due)
	for index in range(start_index, start_index + total):
		slot = planted.get(index - start_index)
		name = f"{PREFIX}{index:06d}"
		company = companies[index % len(companies)]
		sales = index % 3 != 0
		party = party_name("C" if sales else "S", rng.randint(1, customers if sales else suppliers))
		contract = Contract(name, company, sales, party, day, day, rng.randint(10, 5000) * 1000)
		auto, renewal, deadline, status_before = 0, 0, None, None
		original_received = 1
		if slot == "start":
			contract.start, contract.end = day, add_days(add_months(day, 12), -1)
			status_before = "Not Started"
		elif slot in ("expire", "prolong"):
			contract.end = add_days(day, -1)
			contract.start = add_days(add_months(contract.end, -12), 1)
			status_before = "Active"
			if slot == "prolong":
				auto, renewal, deadline = 1, 12, add_days(contract.end, -30)
			# Yesterday's run sent the "ends today" reminder.
			logs.append(_log_row(now, "Contract End", "Contract", name, name, party, 0, contract.end))
		elif slot == "ending":
			contract.end = add_days(day, 30)
			contract.start = add_days(add_months(contract.end, -12), 1)
		elif slot == "notice":
			contract.end = add_days(day, 44)
			contract.start = add_days(add_months(contract.end, -24), 1)
			auto, renewal, deadline = 1, 12, add_days(contract.end, -30)
		else:
			_background_dates(contract, day, rng)
			if slot:  # an obligation due today, a claim going to court: under a contract in force
				contract.start, contract.end = add_days(day, -200), add_days(day, 500)
			elif contract.end > add_days(day, 100) and rng.random() < 0.2:
				auto, renewal, deadline = 1, 12, add_days(contract.end, -30)
			elif contract.end < day and rng.random() < 0.03:
				contract.terminated_on = add_days(contract.end, -rng.randint(30, 200))
				if contract.terminated_on <= contract.start:
					contract.terminated_on = None
			elif contract.end < day and rng.random() < 0.05:
				contract.fulfilled_on = add_days(contract.end, -rng.randint(1, 20))
			original_received = 0 if contract.start < add_days(day, -120) and rng.random() < 0.05 else 1
			logs += _past_reminders(contract, day)
		status = status_before or _status_on(contract, day)
		signed_on = datetime.combine(add_days(contract.start, -rng.randint(3, 20)), datetime.min.time())
		vat = round(contract.amount * 20 / 120, 2)
		contracts.append(
			[
				name,
				now,
				now,
				"Administrator",
				"Administrator",
				1,
				"Customer" if sales else "Supplier",
				party,
				1,
				signed_on,
				"Active" if status == "Active" else "Inactive",
				"N/A",
				contract.start,
				contract.end,
				"Benchmark contract",
				status,
				name,
				contract.start,
				company,
				"Sales" if sales else "Purchase",
				party if sales else None,
				None if sales else party,
				currencies[company],
				contract.amount,
				"Included",
				20,
				vat,
				contract.amount,
				30,
				responsible_for(index, sales),
				auto,
				renewal,
				30 if auto else 0,
				deadline,
				original_received,
				0,
				contract.terminated_on,
				contract.fulfilled_on,
			]
		)
		batch.contracts.append(contract)
		{"start": batch.starting, "expire": batch.expiring, "prolong": batch.prolonging}.get(slot, []).append(
			name
		)
		if slot == "obligation" or index % 10 == 0:
			obligation_due = (
				day if slot == "obligation" else add_days(day, rng.choice([1, -1]) * rng.randint(30, 400))
			)
			obligations.append(
				[
					f"{name}-O1",
					now,
					now,
					"Administrator",
					"Administrator",
					1,
					name,
					"Contract",
					"cm_obligations",
					1,
					*obligation_kind(slot, index, sales),
					obligation_due,
					contract.amount / 2,
					"Fulfilled" if obligation_due < day and index % 2 else "Pending",
				]
			)
		if slot == "claim":
			claim = f"{PREFIX}CL-{index:06d}"
			sent = add_days(day, -31)
			claims.append(
				_claim_row(now, claim, "Outgoing", "Sent", contract, sent, add_days(day, -1), day, None, None)
			)
			batch.claims_to_court.append(claim)
		elif index % 100 == 0:
			# One claim per hundred contracts, answered or long past its deadline: none is due.
			incoming = index % 200 == 0
			sent = add_days(day, -rng.randint(60, 700))
			claims.append(
				_claim_row(
					now,
					f"{PREFIX}CL-{index:06d}",
					"Incoming" if incoming else "Outgoing",
					"Answered" if incoming else "No Answer",
					contract,
					sent,
					add_days(sent, 30),
					add_days(sent, 31),
					add_days(sent, 10) if incoming else None,
					"Rejected" if incoming else None,
				)
			)
	_insert("Contract", CONTRACT_COLUMNS, contracts)
	_insert("Contract Claim", CLAIM_COLUMNS, claims)
	_insert("Contract Obligation", OBLIGATION_COLUMNS, obligations)
	_insert("Contract Reminder Log", LOG_COLUMNS, logs)
	batch.counts = {
		"contracts": len(contracts),
		"obligations": len(obligations),
		"claims": len(claims),
		"reminder_log": len(logs),
	}
	if invoice_rows:
		# Invoices are made in the first company: the others need exchange rates a benchmark site
		# cannot fetch.
		of_company = [c for c in batch.contracts if c.company == companies[0]]
		overdue_contracts = [c for c in of_company if c.sales and _in_force(c, add_days(day, -31))][:due]
		invoices = plan_invoices(of_company, invoice_rows, day, rng, customers, suppliers, companies[:1])
		invoices += plan_overdue(overdue_contracts, day, len(invoices))
		batch.counts.update(write_invoices(invoices, day))
	return batch


def obligation_kind(slot, index: int, sales: bool) -> tuple[str, str, str]:
	"""(obligor, kind, description): one background obligation in two is a delivery by whoever delivers
	under the contract (us under a sales contract, the counterparty under a purchase one), for the
	Delivery Plan Fulfilment report; the others, and the day's due ones, are the counterparty's payments."""
	if not slot and index % 20 == 0:
		return ("We" if sales else "Counterparty", "Delivery", "Delivery of the stage")
	return ("Counterparty", "Payment", "Payment for the stage")


def _planted_slots(due: int) -> dict[int, str]:
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


def add_months(day, months: int):
	return getdate(day) + relativedelta(months=months)


def _background_dates(contract: Contract, day, rng):
	"""A start date over five years back (a few in the coming months), a term of whole months, and an
	end date clear of every reminder window and of every status move on the day."""
	while True:
		start = add_days(day, -rng.randint(-150, 1800))
		end = add_days(add_months(start, rng.choice((6, 12, 12, 24, 36))), -1)
		ends_clear = not (add_days(day, END_CLEAR[0]) <= end <= add_days(day, END_CLEAR[1]))
		if ends_clear and abs((start - day).days) > 3:
			contract.start, contract.end = start, end
			return


def _status_on(contract: Contract, day) -> str:
	if contract.terminated_on and contract.terminated_on <= day:
		return "Terminated"
	if contract.fulfilled_on:
		return "Fulfilled"
	if contract.start > day:
		return "Not Started"
	if contract.end < day:
		return "Expired"
	return "Active"


def _in_force(contract: Contract, on_date) -> bool:
	return (
		contract.start <= on_date <= contract.end and not contract.terminated_on and not contract.fulfilled_on
	)


def _claim_row(now, name, direction, status, contract, sent, response_due, court_from, answered, decision):
	incoming = direction == "Incoming"
	return [
		name,
		now,
		now,
		"Administrator",
		"Administrator",
		1,
		"ПР-.YYYY.-.####",
		direction,
		status,
		"Quality" if incoming else "Overdue Payment",
		contract.company,
		"Customer" if contract.sales else "Supplier",
		contract.party,
		contract.name,
		frappe.get_cached_value("Company", contract.company, "default_currency"),
		contract.amount / 10,
		"None",
		0,
		contract.amount / 10,
		sent,
		None if incoming else sent,
		sent if incoming else None,
		30,
		response_due,
		court_from,
		answered,
		decision,
		"cm.legal@example.com",
	]


def _log_row(now, kind, doctype, name, contract, party, offset, target):
	reminder_date = add_days(target, -offset)
	sent = min(now, datetime.combine(reminder_date, datetime.min.time()) + timedelta(hours=1))
	return [
		f"{PREFIX}LOG-{kind[:3]}-{name}-{offset}",
		sent,
		sent,
		"Administrator",
		"Administrator",
		"Sent",
		kind,
		doctype,
		name,
		contract,
		party,
		offset,
		target,
		reminder_date,
		sent,
		"",
		0,
	]


def _past_reminders(contract: Contract, day) -> list[list]:
	"""The Contract End reminders earlier runs sent of a contract that ended within the log's retention
	(a year): the log a site has after a year of use, which the day's lookups read."""
	if not add_days(day, -365) <= contract.end < add_days(day, END_CLEAR[0]) or contract.terminated_on:
		return []
	now = now_datetime()
	return [
		_log_row(
			now,
			"Contract End",
			"Contract",
			contract.name,
			contract.name,
			contract.party,
			offset,
			contract.end,
		)
		for offset in (60, 30, 7, 0)
		if add_days(contract.end, -offset) >= contract.start
	]


# ---------------------------------------------------------------- invoices: the plan


@dataclass
class Payment:
	name: str
	posting_date: date
	amount: int


@dataclass
class CreditNote:
	name: str
	posting_date: date
	rate: int  # one unit of the invoice's first item, returned


@dataclass
class Invoice:
	doctype: str  # "Sales Invoice" or "Purchase Invoice"
	name: str
	company: str
	party: str
	contract: str | None
	posting_date: date
	due_date: date
	items: list[tuple[int, int]]  # (qty, rate), whole roubles: ERPNext rounds nothing off
	payments: list[Payment] = field(default_factory=list)
	credit_note: CreditNote | None = None

	@property
	def total(self) -> int:
		return sum(qty * rate for qty, rate in self.items)

	@property
	def outstanding(self) -> int:
		# A credit note keeps its own outstanding amount (ERPNext's default, "update outstanding for
		# self"), so only payments reduce the invoice's.
		return self.total - sum(p.amount for p in self.payments)

	def status(self, day) -> str:
		"""As ERPNext's set_status has it on `day`."""
		outstanding = self.outstanding
		if outstanding > 0 and self.due_date < day:
			return "Overdue"
		if 0 < outstanding < self.total:
			return "Partly Paid"
		if outstanding > 0:
			return "Unpaid"
		if self.credit_note:
			return "Credit Note Issued"
		return "Paid"


def plan_invoices(contracts, rows, day, rng, customers, suppliers, companies) -> list[Invoice]:
	"""`rows` item rows over sales and purchase invoices, most of them under the contracts given."""
	day = getdate(day)
	sales_contracts = [c for c in contracts if c.sales and c.invoicing_period(day)]
	purchase_contracts = [c for c in contracts if not c.sales and c.invoicing_period(day)]
	counter = _existing_invoice_count()
	invoices = []
	written = 0
	while written < rows:
		sales = rng.random() < SALES_SHARE
		doctype = "Sales Invoice" if sales else "Purchase Invoice"
		pool = sales_contracts if sales else purchase_contracts
		items_count = min(rng.randint(1, 7), rows - written)
		qtys = [rng.randint(1, 10) for _ in range(items_count)]
		if pool and rng.random() >= WITHOUT_CONTRACT_SHARE:
			contract = rng.choice(pool)
			first, last = contract.invoicing_period(day)
			posting = add_days(first, rng.randint(0, (last - first).days))
			company, party, contract_name = contract.company, contract.party, contract.name
			# A few percent of the contract's amount at a time keeps it within its ceiling.
			rate = round_price(contract.amount * rng.uniform(0.005, 0.03) / sum(qtys))
		else:
			posting = add_days(day, -rng.randint(0, INVOICE_HISTORY_DAYS))
			company = companies[rng.randrange(len(companies))]
			code, count = ("C", customers) if sales else ("S", suppliers)
			party, contract_name = party_name(code, rng.randint(1, count)), None
			rate = rng.randint(1, 500) * 100
		counter += 1
		invoice = Invoice(
			doctype,
			f"{PREFIX}{'SINV' if sales else 'PINV'}-{counter:07d}",
			company,
			party,
			contract_name,
			posting,
			add_days(posting, rng.choice((14, 30, 30, 45))),
			[(qty, rate) for qty in qtys],
		)
		_plan_settlement(invoice, day, rng)
		invoices.append(invoice)
		written += items_count
	return invoices


def plan_overdue(contracts, day, offset: int) -> list[Invoice]:
	"""One unpaid sales invoice per contract, due yesterday: an Overdue Invoice reminder due today."""
	counter = _existing_invoice_count() + offset
	invoices = []
	for contract in contracts:
		counter += 1
		invoices.append(
			Invoice(
				"Sales Invoice",
				f"{PREFIX}SINV-{counter:07d}",
				contract.company,
				contract.party,
				contract.name,
				add_days(day, -31),
				add_days(day, -1),
				[(1, max(1, contract.amount // 50))],
			)
		)
	return invoices


def _plan_settlement(invoice: Invoice, day, rng):
	"""Paid in full by the due date, in full but late, partly, or not at all; a few sales invoices get a
	credit note. A debt never falls due inside the Overdue Invoice reminder window."""
	chance = rng.random()
	window = add_days(day, OVERDUE_CLEAR[0]) <= invoice.due_date <= add_days(day, OVERDUE_CLEAR[1])
	days_to_due = (min(invoice.due_date, day) - invoice.posting_date).days
	overdue_days = (day - invoice.due_date).days
	total = invoice.total
	if window or chance < 0.5:
		on = add_days(invoice.posting_date, rng.randint(0, max(days_to_due, 0)))
		invoice.payments.append(Payment(_payment_name(invoice, 1), on, total))
	elif chance < 0.65 and overdue_days > 0:
		on = add_days(invoice.due_date, rng.randint(1, overdue_days))
		invoice.payments.append(Payment(_payment_name(invoice, 1), on, total))
	elif chance < 0.8:
		on = add_days(invoice.posting_date, rng.randint(0, (day - invoice.posting_date).days))
		invoice.payments.append(Payment(_payment_name(invoice, 1), on, round_price(total * 0.4)))
	if invoice.doctype == "Sales Invoice" and rng.random() < CREDIT_NOTE_SHARE:
		on = add_days(invoice.posting_date, rng.randint(0, (day - invoice.posting_date).days))
		invoice.credit_note = CreditNote(invoice.name.replace("-SINV-", "-SRET-"), on, invoice.items[0][1])


def _payment_name(invoice: Invoice, number: int) -> str:
	return f"{invoice.name.replace('INV-', 'PAY-')}-{number}"


def _existing_invoice_count() -> int:
	return sum(
		frappe.db.count(doctype, {"name": ("like", f"{PREFIX}{code}-%")})
		for doctype, code in (("Sales Invoice", "SINV"), ("Purchase Invoice", "PINV"))
	)


# ---------------------------------------------------------------- invoices: the rows


def write_invoices(invoices: list[Invoice], day) -> dict:
	"""Write the invoices, their payments and credit notes as ERPNext writes them on submit."""
	day = getdate(day)
	now = now_datetime()
	fiscal_year = _fiscal_years()
	counts = {}
	for company in sorted({invoice.company for invoice in invoices}):
		of_company = [invoice for invoice in invoices if invoice.company == company]
		templates = _Templates.of(company, day)
		for doctype in ("Sales Invoice", "Purchase Invoice"):
			chosen = [invoice for invoice in of_company if invoice.doctype == doctype]
			if chosen:
				written = _write_of_doctype(templates, doctype, chosen, day, now, fiscal_year)
				for key, value in written.items():
					counts[key] = counts.get(key, 0) + value
	return counts


def _write_of_doctype(templates, doctype, invoices, day, now, fiscal_year) -> dict:
	sales = doctype == "Sales Invoice"
	customer_or_supplier = "customer" if sales else "supplier"
	rows = {key: [] for key in ("invoice", "item", "schedule", "gl_party", "gl_other", "ple")}
	payment_rows = {key: [] for key in ("payment", "reference", "gl_party", "gl_other", "ple")}
	return_rows = {key: [] for key in ("invoice", "item", "gl_party", "gl_other", "ple")}

	def stamp(name):
		return {"name": name, "creation": now, "modified": now}

	def party_columns(party):
		return {customer_or_supplier: party, f"{customer_or_supplier}_name": party, "title": party}

	for inv in invoices:
		words = _in_words(inv.total, templates.currency)
		header = {
			**stamp(inv.name),
			"posting_date": inv.posting_date,
			"posting_time": POSTING_TIME,
			"due_date": inv.due_date,
			**party_columns(inv.party),
			"cm_contract": inv.contract,
			"in_words": words,
			"base_in_words": words,
			"status": inv.status(day),
			"_seen": None,
			"v_qty": sum(qty for qty, _rate in inv.items),
			"v_total": inv.total,
			"v_outstanding": inv.outstanding,
		}
		if not sales:
			header["bill_date"] = inv.posting_date
		rows["invoice"].append(header)
		for idx, (qty, rate) in enumerate(inv.items, start=1):
			rows["item"].append(
				{**stamp(f"{inv.name}-{idx}"), "parent": inv.name, "idx": idx}
				| {"v_qty": qty, "v_rate": rate, "v_amount": qty * rate}
			)
		rows["schedule"].append(
			{**stamp(f"{inv.name}-PS1"), "parent": inv.name, "due_date": inv.due_date, "v_total": inv.total}
		)
		posted = {"posting_date": inv.posting_date, "fiscal_year": fiscal_year(inv.posting_date)}
		rows["gl_party"].append(
			{**stamp(f"{inv.name}-G1"), **posted, "due_date": inv.due_date, "party": inv.party}
			| {"voucher_no": inv.name, "against_voucher": inv.name, "v_amount": inv.total}
		)
		rows["gl_other"].append(
			{**stamp(f"{inv.name}-G2"), **posted, "against": inv.party, "voucher_no": inv.name}
			| {"v_amount": inv.total}
		)
		rows["ple"].append(
			{**stamp(f"{inv.name}-P1"), "posting_date": inv.posting_date, "due_date": inv.due_date}
			| {
				"party": inv.party,
				"voucher_no": inv.name,
				"against_voucher_no": inv.name,
				"v_amount": inv.total,
			}
		)
		outstanding = inv.total
		for payment in inv.payments:
			outstanding -= payment.amount
			remarks = _payment_remarks(sales, templates.currency, payment, inv)
			words = _in_words(payment.amount, templates.currency)
			posted = {"posting_date": payment.posting_date, "fiscal_year": fiscal_year(payment.posting_date)}
			payment_rows["payment"].append(
				{**stamp(payment.name), "posting_date": payment.posting_date, "party": inv.party}
				| {"party_name": inv.party, "title": inv.party, "cm_contract": inv.contract}
				| {"reference_no": payment.name, "reference_date": payment.posting_date, "remarks": remarks}
				| {"in_words": words, "base_in_words": words, "v_paid": payment.amount}
				# The party's balance as ERPNext showed it when the payment was made: here, the invoice.
				| {"party_balance": inv.total if sales else -inv.total}
			)
			payment_rows["reference"].append(
				{**stamp(f"{payment.name}-R1"), "parent": payment.name, "reference_name": inv.name}
				| {"due_date": inv.due_date, "v_total": inv.total, "v_outstanding": outstanding}
				| {"v_paid": payment.amount}
			)
			payment_rows["gl_party"].append(
				{**stamp(f"{payment.name}-G1"), **posted, "party": inv.party, "voucher_no": payment.name}
				| {"against_voucher": inv.name, "remarks": remarks, "v_amount": payment.amount}
			)
			payment_rows["gl_other"].append(
				{**stamp(f"{payment.name}-G2"), **posted, "against": inv.party, "voucher_no": payment.name}
				| {"remarks": remarks, "v_amount": payment.amount}
			)
			payment_rows["ple"].append(
				{**stamp(f"{payment.name}-P1"), "posting_date": payment.posting_date, "party": inv.party}
				| {"voucher_no": payment.name, "against_voucher_no": inv.name, "remarks": remarks}
				| {"v_amount": -payment.amount}
			)
		note = inv.credit_note
		if note:
			words = _in_words(note.rate, templates.currency)
			posted = {"posting_date": note.posting_date, "fiscal_year": fiscal_year(note.posting_date)}
			return_rows["invoice"].append(
				{**stamp(note.name), "posting_date": note.posting_date, "posting_time": POSTING_TIME}
				| {"due_date": note.posting_date, **party_columns(inv.party), "cm_contract": inv.contract}
				| {"in_words": words, "base_in_words": words, "status": "Return", "_seen": None}
				| {"return_against": inv.name, "v_qty": -1, "v_total": -note.rate}
			)
			return_rows["item"].append(
				{**stamp(f"{note.name}-1"), "parent": note.name, "idx": 1}
				| {"sales_invoice_item": f"{inv.name}-1", "v_qty": -1, "v_rate": note.rate}
				| {"v_amount": -note.rate}
			)
			return_rows["gl_party"].append(
				{**stamp(f"{note.name}-G1"), **posted, "due_date": note.posting_date, "party": inv.party}
				| {"voucher_no": note.name, "against_voucher": note.name, "v_amount": note.rate}
			)
			return_rows["gl_other"].append(
				{**stamp(f"{note.name}-G2"), **posted, "against": inv.party, "voucher_no": note.name}
				| {"v_amount": note.rate}
			)
			return_rows["ple"].append(
				{**stamp(f"{note.name}-P1"), "posting_date": note.posting_date}
				| {"due_date": note.posting_date, "party": inv.party, "voucher_no": note.name}
				| {"against_voucher_no": note.name, "v_amount": -note.rate}
			)

	# Which number of each template row stands for which amount of the generated row.
	invoice_t, payment_t, return_t = (
		templates.invoice[doctype],
		templates.payment[doctype],
		templates.credit_note,
	)
	_insert_like(
		doctype, rows["invoice"], invoice_t.header, {3: "v_qty", 3711: "v_total", 2711: "v_outstanding"}
	)
	item_amounts = {3: "v_qty", 1237: "v_rate", 3711: "v_amount"}
	_insert_like(f"{doctype} Item", rows["item"], invoice_t.items, item_amounts)
	_insert_like("Payment Schedule", rows["schedule"], invoice_t.schedule, {3711: "v_total"})
	_insert_like("GL Entry", rows["gl_party"], invoice_t.gl_party, {3711: "v_amount"})
	_insert_like("GL Entry", rows["gl_other"], invoice_t.gl_other, {3711: "v_amount"})
	_insert_like("Payment Ledger Entry", rows["ple"], invoice_t.ple, {3711: "v_amount"})

	_insert_like("Payment Entry", payment_rows["payment"], payment_t.header, {1000: "v_paid"})
	reference_amounts = {3711: "v_total", 2711: "v_outstanding", 1000: "v_paid"}
	_insert_like(
		"Payment Entry Reference", payment_rows["reference"], payment_t.references, reference_amounts
	)
	_insert_like("GL Entry", payment_rows["gl_party"], payment_t.gl_party, {1000: "v_amount"})
	_insert_like("GL Entry", payment_rows["gl_other"], payment_t.gl_other, {1000: "v_amount"})
	_insert_like("Payment Ledger Entry", payment_rows["ple"], payment_t.ple, {-1000: "v_amount"})

	if sales:
		_insert_like(doctype, return_rows["invoice"], return_t.header, {-1: "v_qty", -1237: "v_total"})
		return_item_amounts = {-1: "v_qty", 1237: "v_rate", -1237: "v_amount"}
		_insert_like(f"{doctype} Item", return_rows["item"], return_t.items, return_item_amounts)
		_insert_like("GL Entry", return_rows["gl_party"], return_t.gl_party, {1237: "v_amount"})
		_insert_like("GL Entry", return_rows["gl_other"], return_t.gl_other, {1237: "v_amount"})
		_insert_like("Payment Ledger Entry", return_rows["ple"], return_t.ple, {-1237: "v_amount"})
	key = "sales" if sales else "purchase"
	return {
		f"{key}_invoices": len(rows["invoice"]),
		f"{key}_invoice_rows": len(rows["item"]),
		f"{key}_payments": len(payment_rows["payment"]),
		"credit_notes": len(return_rows["invoice"]),
		"credit_note_rows": len(return_rows["item"]),
		"gl_entries": sum(
			len(r[k]) for r in (rows, payment_rows, return_rows) for k in ("gl_party", "gl_other")
		),
		"payment_ledger_entries": len(rows["ple"]) + len(payment_rows["ple"]) + len(return_rows["ple"]),
	}


def _payment_remarks(sales: bool, currency: str, payment: Payment, invoice: Invoice) -> str:
	"""As PaymentEntry.set_remarks words them (in the site's language at submit: English here)."""
	amount = float(payment.amount)
	first = f"Amount {currency} {amount} {'received from' if sales else 'to'} {invoice.party}"
	return "\n".join(
		(
			first,
			f"Transaction reference no {payment.name} dated {payment.posting_date}",
			f"Amount {currency} {amount} against {invoice.doctype} {invoice.name}",
		)
	)


@lru_cache(maxsize=65536)
def _in_words(amount: int, currency: str) -> str:
	"""What frappe.utils.money_in_words says of a whole amount, without its per-call lookups (a
	million of them would take most of the build)."""
	currency_words, only, in_million = _words_of(currency)
	return f"{currency_words} {in_words(abs(amount), in_million).title()} {only}"


@lru_cache(maxsize=16)
def _words_of(currency: str):
	from frappe import _

	number_format = (
		frappe.db.get_value("Currency", currency, "number_format", cache=True)
		or frappe.db.get_default("number_format")
		or "#,###.##"
	)
	return _(currency, context="Currency"), _("only."), number_format != "#,##,###.##"


def add_days(day, days: int) -> date:
	return getdate(day) + timedelta(days=days)


def round_price(value: float) -> int:
	"""Two significant digits, as prices and instalments are: 1,300; 47,000."""
	value = max(1, round(value))
	scale = 10 ** max(len(str(value)) - 2, 0)
	return max(1, round(value / scale) * scale)


def _fiscal_years():
	years = frappe.get_all("Fiscal Year", fields=["name", "year_start_date", "year_end_date"])

	def of(on_date):
		for year in years:
			if year.year_start_date <= on_date <= year.year_end_date:
				return year.name
		frappe.throw(f"No fiscal year for {on_date}")

	return lru_cache(maxsize=4096)(of)


@dataclass
class _Voucher:
	header: dict
	items: dict | None = None
	schedule: dict | None = None
	references: dict | None = None
	gl_party: dict | None = None
	gl_other: dict | None = None
	ple: dict | None = None


class _Templates:
	"""One sales invoice (3 × 1237), a payment of 1000 against it and a credit note of one unit, and one
	purchase invoice with a payment of 1000, made through ERPNext in `company`; their rows are what the
	generated rows copy. The amounts are chosen so that each stands for one quantity only. The rows are
	read, the documents removed at once, and the rows kept for the process's later batches."""

	made: dict = {}
	# Names that only the templates have: a copied value naming one of them is a column missed.
	own_names: set = {party_name("C", 1), party_name("S", 1)}

	@classmethod
	def of(cls, company: str, day):
		key = (frappe.local.site, company)
		if key not in cls.made:
			cls.made[key] = cls(company, day)
		return cls.made[key]

	def __init__(self, company: str, day):
		from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
		from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

		self.company = company
		self.currency = frappe.get_cached_value("Company", company, "default_currency")
		self.names = []
		posting, due = add_days(day, -40), add_days(day, -10)
		self.invoice, self.payment = {}, {}
		for doctype, party_field, party in (
			("Sales Invoice", "customer", party_name("C", 1)),
			("Purchase Invoice", "supplier", party_name("S", 1)),
		):
			invoice = frappe.get_doc(
				{
					"doctype": doctype,
					party_field: party,
					"company": company,
					"currency": self.currency,
					"posting_date": posting,
					"set_posting_time": 1,
					"due_date": due,
					"items": [{"item_code": _template_item(), "qty": 3, "rate": 1237}],
				}
			)
			invoice.insert(ignore_permissions=True)
			invoice.submit()
			payment = get_payment_entry(doctype, invoice.name)
			payment.posting_date = add_days(day, -5)
			payment.paid_amount = payment.received_amount = 1000
			payment.references[0].allocated_amount = 1000
			payment.reference_no, payment.reference_date = "BENCH", add_days(day, -5)
			payment.insert(ignore_permissions=True)
			payment.submit()
			self.names += [invoice.name, payment.name]
			self.invoice[doctype] = self._read(doctype, invoice.name)
			self.payment[doctype] = self._read("Payment Entry", payment.name)
		credit_note = make_sales_return(self.invoice["Sales Invoice"].header["name"])
		credit_note.posting_date = add_days(day, -3)
		credit_note.set_posting_time = 1
		credit_note.items[0].qty = -1
		credit_note.insert(ignore_permissions=True)
		credit_note.submit()
		self.names.append(credit_note.name)
		self.credit_note = self._read("Sales Invoice", credit_note.name)
		self.own_names.update(self.names)
		self.remove()

	def _read(self, doctype: str, name: str) -> _Voucher:
		def one(table, filters):
			rows = frappe.get_all(table, filters=filters, fields=["*"])
			if len(rows) != 1:
				frappe.throw(f"Template {name}: expected one {table} row for {filters}, found {len(rows)}")
			return rows[0]

		voucher = _Voucher(header=one(doctype, {"name": name}))
		if doctype == "Payment Entry":
			voucher.references = one("Payment Entry Reference", {"parent": name})
		else:
			voucher.items = one(f"{doctype} Item", {"parent": name})
			if not voucher.header.is_return:
				voucher.schedule = one("Payment Schedule", {"parent": name})
		gl = {"voucher_no": name, "is_cancelled": 0}
		voucher.gl_party = one("GL Entry", {**gl, "party": ("is", "set")})
		voucher.gl_other = one("GL Entry", {**gl, "party": ("is", "not set")})
		voucher.ple = one("Payment Ledger Entry", {"voucher_no": name, "delinked": 0})
		return voucher

	def remove(self):
		for name in self.names:
			for table, column in (
				("GL Entry", "voucher_no"),
				("Payment Ledger Entry", "voucher_no"),
				("Sales Invoice Item", "parent"),
				("Purchase Invoice Item", "parent"),
				("Payment Schedule", "parent"),
				("Payment Entry Reference", "parent"),
				("Sales Invoice", "name"),
				("Purchase Invoice", "name"),
				("Payment Entry", "name"),
				("Version", "docname"),
			):
				frappe.db.delete(table, {column: name})


def _template_item() -> str:
	from tests.records import SERVICE_ITEM

	return SERVICE_ITEM


# ---------------------------------------------------------------- bulk insert


def _insert(doctype: str, columns: list[str], rows: list[list]):
	"""Insert `rows` (lists of the values of `columns`) into `doctype`'s table, in a few statements."""
	_insert_like(doctype, [dict(zip(columns, row, strict=True)) for row in rows])


def _insert_like(doctype: str, rows: list[dict], template: dict | None = None, amounts=None):
	"""Insert `rows` into `doctype`'s table, a few thousand in one statement. With a `template` row,
	every column a row does not give is copied from the template, except a number listed in `amounts`
	({template value: key}), which takes the row's value under that key. Refuses to copy a template
	value that belongs to the template alone (a date, an amount, its party), so no column is missed."""
	if not rows:
		return
	table = f"tab{doctype}"
	amounts = amounts or {}
	types = dict(
		frappe.db.sql(
			"""select column_name, column_type from information_schema.columns
			where table_schema = database() and table_name = %s""",
			table,
		)
	)
	keys = list(rows[0])
	spec = ", ".join(
		f"`{key}` {_json_type(types.get(key, 'decimal(21,9)'))} path '$[{index}]'"
		for index, key in enumerate(keys)
	)
	targets, sources, copied = [], [], []
	for column in types:
		if column in keys:
			sources.append(f"j.`{column}`")
		elif template is not None:
			value = template.get(column)
			if isinstance(value, int | float | Decimal) and not isinstance(value, bool) and value in amounts:
				sources.append(f"j.`{amounts[value]}`")
			else:
				_check_copied(doctype, column, value)
				sources.append("%s")
				copied.append(value)
		else:
			continue
		targets.append(f"`{column}`")
	query = (
		f"insert into `{table}` ({', '.join(targets)}) select {', '.join(sources)} "
		f"from json_table(%s, '$[*]' columns ({spec})) as j"
	)
	for start in range(0, len(rows), JSON_ROWS_PER_STATEMENT):
		chunk = [[row[key] for key in keys] for row in rows[start : start + JSON_ROWS_PER_STATEMENT]]
		frappe.db.sql(query, (*copied, json.dumps(chunk, default=_json_value)))


def _check_copied(doctype, column, value):
	if isinstance(value, int | float | Decimal) and not isinstance(value, bool) and value not in (0, 1, 100):
		raise ValueError(f"{doctype}.{column} = {value}: an amount of the template with no name")
	if isinstance(value, date | datetime):
		raise ValueError(f"{doctype}.{column} = {value}: a date of the template not replaced")
	if isinstance(value, str) and any(name in value for name in _Templates.own_names):
		raise ValueError(f"{doctype}.{column} = {value!r}: names the template's party or documents")


def _json_type(column_type: str) -> str:
	if "text" in column_type or column_type == "json" or "blob" in column_type:
		return "longtext"
	return column_type


def _json_value(value):
	if isinstance(value, datetime | date):
		return str(value)
	if isinstance(value, Decimal):
		return float(value)
	raise TypeError(value)


# ---------------------------------------------------------------- removal


def remove():
	"""Remove everything the generator made, and what the app's jobs made of it."""
	like = f"{PREFIX}%"
	for table, column in (
		("GL Entry", "voucher_no"),
		("Payment Ledger Entry", "voucher_no"),
		("Sales Invoice Item", "parent"),
		("Purchase Invoice Item", "parent"),
		("Payment Schedule", "parent"),
		("Payment Entry Reference", "parent"),
		("Sales Invoice", "name"),
		("Purchase Invoice", "name"),
		("Payment Entry", "name"),
		("Contract Obligation", "parent"),
		("Contract Reminder Log", "reference_name"),
		("Notification Log", "document_name"),
		("Email Queue", "reference_name"),
		("ToDo", "reference_name"),
		("Contract Claim", "name"),
		("Contract Amendment", "contract"),
		("Contract", "name"),
	):
		frappe.db.delete(table, {column: ("like", like)})
	frappe.db.commit()
