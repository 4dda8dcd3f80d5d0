"""How each counterparty keeps its contracts over a period: the delivery lines due, on time, late and
short, the days late and the shortfall, the claims between us and what they claimed, for the Contract
Performance report and the Supplier Scorecard's variables.

A line is due in the period when its due date falls in it, up to the period's end or today, whichever
is earlier (the cut-off): a line due later is not due yet. It is on time when it was delivered in full
by its working-day due date, late when in full by the cut-off but after that date, short when not in
full by the cut-off. Days late run from the working-day due date to the delivery that completed the
line, or to the cut-off while it is short, as the delivery penalty counts a delay (claims/documents.py);
the average is over the lines that are late by then. The shortfall is what was not delivered by the
cut-off at the line's rate in the company's currency. Order lines are read by reporting/order_lines.py,
as Delivery Plan Fulfilment reads them.
"""

from datetime import date

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, getdate, nowdate

from contract_management.reporting.order_lines import order_lines
from contract_management.reporting.scope import LEDGER_OWN_FILTERS, percent, visible_contracts

# The counterparty of each direction's order lines.
PARTY_TYPE_OF_FLOW = {"Sales": "Customer", "Purchase": "Supplier"}
# A claim is dated by when we sent it (ours) or when we received it (theirs).
CLAIM_DATE = {"Outgoing": "sent_on", "Incoming": "received_on"}


def cut_off(to_date) -> date:
	"""The period's end or today, whichever is earlier."""
	today = getdate(nowdate())
	return min(getdate(to_date), today) if to_date else today


def due_lines(filters, until: date, contracts=None) -> list:
	"""The order lines due from the period's start up to `until`, each counted against its deliveries
	up to `until`: 2 queries per direction the filters allow."""
	period = frappe._dict(filters, to_date=until)
	lines = []
	for direction in flows_of(filters):
		lines += order_lines(period, direction, until, contracts)
	for line in lines:
		judge(line, until)
	return lines


def judge(line, until: date) -> None:
	"""On time, late or short by `until`, the days late and the shortfall (FIGURES)."""
	due = line.working_due_date
	line.on_time = 1 if line.completed_on and line.completed_on <= due else 0
	line.late = 1 if line.completed_on and line.completed_on > due else 0
	line.short = 0 if line.completed_on else 1
	line.days_late = max(((line.completed_on or until) - due).days, 0)
	line.value = flt(line.ordered_qty) * flt(line.base_rate)
	line.shortfall_amount = max(flt(line.ordered_qty) - flt(line.delivered_qty), 0) * flt(line.base_rate)


def line_figures(lines: list) -> dict:
	"""The figures of a counterparty's (or a month's) lines."""
	late = [line.days_late for line in lines if line.days_late]
	on_time = sum(line.on_time for line in lines)
	return {
		"lines_due": len(lines),
		"on_time": on_time,
		"late": sum(line.late for line in lines),
		"short": sum(line.short for line in lines),
		"on_time_percent": percent(on_time, len(lines)),
		"average_days_late": flt(sum(late) / len(late), 2) if late else 0.0,
		"value_due": flt(sum(line.value for line in lines), 2),
		"shortfall_amount": flt(sum(line.shortfall_amount for line in lines), 2),
	}


def claims_by_party(
	filters, period: tuple[date, date], currency: str | None, contracts=None
) -> dict[tuple, frappe._dict]:
	"""Per (party type, party): the submitted claims under the contracts, made (ours) and received
	(theirs), dated in the period; the penalty and the amount recovered of ours, in `currency` (claims
	in another are counted, their money is not: `other_currency` says how many). One query."""
	claim = frappe.qb.DocType("Contract Claim")
	if contracts is None:
		contracts = visible_contracts(filters, skip=LEDGER_OWN_FILTERS)
	ours = claim.direction == "Outgoing"
	start, end = period
	dated = (ours & claim.sent_on[start:end]) | (
		(claim.direction == "Incoming") & claim.received_on[start:end]
	)
	in_currency = claim.currency == currency if currency else claim.currency.isnotnull()
	query = (
		frappe.qb.from_(claim)
		.select(
			claim.party_type,
			claim.party,
			Count(Case().when(ours, claim.name)).as_("claims_made"),
			Count(Case().when(~ours, claim.name)).as_("claims_received"),
			Sum(Case().when(ours & in_currency, claim.penalty_amount).else_(0)).as_("penalties_claimed"),
			Sum(Case().when(ours & in_currency, claim.amount_recovered).else_(0)).as_("amount_recovered"),
			Count(Case().when(ours & ~in_currency, claim.name)).as_("other_currency"),
		)
		.where(claim.docstatus == 1)
		.where(claim.contract.isin(contracts))
		.where(dated)
		.groupby(claim.party_type, claim.party)
	)
	if filters.get("company"):
		query = query.where(claim.company == filters.company)
	if filters.get("party_type"):
		query = query.where(claim.party_type == filters.party_type)
	if filters.get("party"):
		query = query.where(claim.party == filters.party)
	return {(row.party_type, row.party): row for row in query.run(as_dict=True)}


def flows_of(filters) -> list[str]:
	"""The directions whose order lines the filters take: a customer's are sales, a supplier's purchases."""
	return [
		direction
		for direction, party_type in PARTY_TYPE_OF_FLOW.items()
		if filters.get("direction") in (None, "", direction)
		and filters.get("party_type") in (None, "", party_type)
	]
