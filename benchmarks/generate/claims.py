"""Claims: one per hundred contracts, answered or long past its deadline, and the outgoing ones that
reach the day they may go to court."""

import frappe

from benchmarks.generate.common import PREFIX, STANDARD_COLUMNS, add_days

CLAIM_COLUMNS = [
	*STANDARD_COLUMNS,
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


def claim_of(index: int, slot, contract, day, rng, now) -> list | None:
	"""The claim under contract `index`: going to court on the day for the "claim" slot; for one
	contract in a hundred, answered or long past its deadline (none due); none for the rest."""
	name = f"{PREFIX}CL-{index:06d}"
	if slot == "claim":
		sent = add_days(day, -31)
		return _claim_row(now, name, "Outgoing", "Sent", contract, sent, add_days(day, -1), day, None, None)
	if index % 100:
		return None
	incoming = index % 200 == 0
	sent = add_days(day, -rng.randint(60, 700))
	return _claim_row(
		now,
		name,
		"Incoming" if incoming else "Outgoing",
		"Answered" if incoming else "No Answer",
		contract,
		sent,
		add_days(sent, 30),
		add_days(sent, 31),
		add_days(sent, 10) if incoming else None,
		"Rejected" if incoming else None,
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
