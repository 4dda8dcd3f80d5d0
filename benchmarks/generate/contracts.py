"""Contracts (signed), as the app stores them: their dates, statuses and terms."""

from dataclasses import dataclass
from datetime import date, datetime

from benchmarks.generate.common import (
	END_CLEAR,
	INVOICE_HISTORY_DAYS,
	PREFIX,
	STANDARD_COLUMNS,
	add_days,
	add_months,
	party_name,
)
from benchmarks.generate.reminder_log import log_row, past_reminders


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


CONTRACT_COLUMNS = [
	*STANDARD_COLUMNS,
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


def responsible_for(index: int, sales: bool) -> str:
	"""One contract in fifty is the restricted sales user's own; the others are their colleagues'."""
	if sales and index % 50 == 0:
		return "cm.sales@example.com"
	return "cm.sales2@example.com" if sales else "cm.purchase@example.com"


def plan_contract(
	index: int,
	slot,
	day,
	rng,
	now,
	companies,
	currencies,
	customers: int,
	suppliers: int,
	lag: int = 0,
	missed_days: int = 0,
) -> tuple[Contract, list, list[list]]:
	"""Contract `index` with the work of its `slot` (or none) due `lag` days before `day`: the contract,
	its row, and the rows of the reminder log that earlier days' runs wrote of it (none of the
	`missed_days` before `day`, when the scheduler did not run)."""
	on = add_days(day, -lag)
	name = f"{PREFIX}{index:06d}"
	company = companies[index % len(companies)]
	sales = index % 3 != 0
	party = party_name("C" if sales else "S", rng.randint(1, customers if sales else suppliers))
	contract = Contract(name, company, sales, party, day, day, rng.randint(10, 5000) * 1000)
	auto, renewal, deadline, status_before = 0, 0, None, None
	original_received = 1
	logs = []
	if slot == "start":
		contract.start, contract.end = on, add_days(add_months(on, 12), -1)
		status_before = "Not Started"
	elif slot in ("expire", "prolong"):
		contract.end = add_days(on, -1)
		contract.start = add_days(add_months(contract.end, -12), 1)
		status_before = "Active"
		if slot == "prolong":
			auto, renewal, deadline = 1, 12, add_days(contract.end, -30)
		if contract.end < add_days(day, -missed_days):
			# The run of its last day (yesterday's, unless the scheduler was down) sent the "ends today"
			# reminder.
			logs.append(log_row(now, "Contract End", "Contract", name, name, party, 0, contract.end))
	elif slot == "ending":
		contract.end = add_days(on, 30)
		contract.start = add_days(add_months(contract.end, -12), 1)
	elif slot == "notice":
		contract.end = add_days(on, 44)
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
		logs += past_reminders(contract, day)
	status = status_before or _status_on(contract, day)
	signed_on = datetime.combine(add_days(contract.start, -rng.randint(3, 20)), datetime.min.time())
	vat = round(contract.amount * 20 / 120, 2)
	row = [
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
	return contract, row, logs


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


def in_force(contract: Contract, on_date) -> bool:
	return (
		contract.start <= on_date <= contract.end and not contract.terminated_on and not contract.fulfilled_on
	)
