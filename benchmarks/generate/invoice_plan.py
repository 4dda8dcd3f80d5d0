"""The invoices planned: their parties, contracts, dates, items, and how each is settled (payments in
full, late or in part, credit notes)."""

from dataclasses import dataclass, field
from datetime import date

import frappe
from frappe.utils import getdate

from benchmarks.generate.common import (
	INVOICE_HISTORY_DAYS,
	OVERDUE_CLEAR,
	PREFIX,
	add_days,
	party_name,
	round_price,
)

SALES_SHARE = 0.6  # of the invoice rows
WITHOUT_CONTRACT_SHARE = 0.15  # of the invoices
CREDIT_NOTE_SHARE = 0.03  # of the sales invoices


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


def plan_overdue(contracts, offset: int) -> list[Invoice]:
	"""One unpaid sales invoice per (contract, day), due the day before: an Overdue Invoice reminder due
	that day."""
	counter = _existing_invoice_count() + offset
	invoices = []
	for contract, day in contracts:
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
