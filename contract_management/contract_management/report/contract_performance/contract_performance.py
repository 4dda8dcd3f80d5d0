"""Contract Performance: how each customer and supplier kept its contracts over a period, one row per
counterparty: the delivery lines due, on time, late and short, the on-time share, the average days
late and the shortfall (reporting/performance.py says how each is counted), the claims we made and
received with the penalties we claimed and what was recovered, and the overdue debt at the cut-off
(the period's end or today, whichever is earlier) as Debts by Contract reads it. Money is in the
company's currency. A chart shows the on-time share by the month the lines were due.

Only the contracts the user may see count (reporting/scope.py), in every figure. A fixed number of
queries, whatever the number of contracts.
"""

import frappe
from frappe import _
from frappe.utils import flt, get_first_day, getdate

from contract_management.contract_management.report.debts_by_contract.debts_by_contract import (
	PARTY_TYPE_OF_DEBT,
	bucket_fields,
	get_debts,
)
from contract_management.reporting import debt_aging
from contract_management.reporting.performance import (
	PARTY_TYPE_OF_FLOW,
	claims_by_party,
	cut_off,
	due_lines,
	line_figures,
)
from contract_management.reporting.scope import column, money_column, party_columns, validate_dates

MONEY = ("shortfall_amount", "penalties_claimed", "amount_recovered", "overdue_debt")


def execute(filters=None):
	filters = validate_filters(frappe._dict(filters or {}))
	until = cut_off(filters.to_date)
	currency = frappe.get_cached_value("Company", filters.company, "default_currency")
	lines = due_lines(filters, until)
	claims = claims_by_party(filters, (getdate(filters.from_date), until), currency)
	debts = overdue_by_party(filters, until)

	by_party = {}
	for line in lines:
		by_party.setdefault((line.party_type, line.party), []).append(line)
	data = []
	for party_type, party in sorted({*by_party, *claims, *debts}):
		claimed = claims.get((party_type, party)) or {}
		data.append(
			{
				"party_type": party_type,
				"party": party,
				**line_figures(by_party.get((party_type, party), [])),
				"claims_made": claimed.get("claims_made") or 0,
				"claims_received": claimed.get("claims_received") or 0,
				"penalties_claimed": flt(claimed.get("penalties_claimed")),
				"amount_recovered": flt(claimed.get("amount_recovered")),
				"overdue_debt": flt(debts.get((party_type, party))),
				"currency": currency,
			}
		)
	return columns(), data, message(claims), chart(lines)


def validate_filters(filters):
	if not filters.get("company"):
		frappe.throw(_("Please select a company."))
	if not filters.get("from_date") or not filters.get("to_date"):
		frappe.throw(_("Please set the period: From Date and To Date."), title=_("Invalid Filters"))
	validate_dates(filters)
	if filters.get("party") and not filters.get("party_type"):
		frappe.throw(
			_("Choose the Counterparty Type to filter by a counterparty."), title=_("Invalid Filters")
		)
	return filters


def overdue_by_party(filters, on_date) -> dict[tuple, float]:
	"""Per (party type, party): what was overdue on `on_date` under the contracts, as Debts by Contract
	ages it (one query per kind of debt): a customer's receivable, our payable to a supplier."""
	ranges = list(debt_aging.DEFAULT_RANGES)
	buckets = bucket_fields(ranges)
	overdue = {}
	for debt_type, party_type in PARTY_TYPE_OF_DEBT.items():
		if filters.get("party_type") not in (None, "", party_type):
			continue
		if filters.get("direction") and PARTY_TYPE_OF_FLOW.get(filters.direction) != party_type:
			continue
		ledger_filters = frappe._dict(filters, debt_type=debt_type, report_date=on_date)
		for row in get_debts(ledger_filters, ranges, buckets):
			if row.contract:  # a debt outside contracts is no contract's performance
				key = (party_type, row.party)
				overdue[key] = overdue.get(key, 0) + flt(row.outstanding) - flt(row.not_due)
	return {key: flt(amount, 2) for key, amount in overdue.items() if flt(amount, 2)}


def message(claims) -> str | None:
	other = sum(row.other_currency for row in claims.values())
	if other:
		return _(
			"{0} claims are in another currency than the company's: they are counted, their penalties and recoveries are not in the figures (see the Claims Register)."
		).format(other)
	return None


def columns():
	return [
		*party_columns(width=200),
		column(_("Lines Due"), "lines_due", "Int", 90),
		column(_("On Time", context="Delivery"), "on_time", "Int", 90),
		column(_("Late", context="Delivery"), "late", "Int", 90),
		column(_("Short", context="Delivery"), "short", "Int", 90),
		column(_("On-Time Share"), "on_time_percent", "Percent", 110),
		column(_("Average Days Late"), "average_days_late", "Float", 110),
		money_column(_("Shortfall Amount"), "shortfall_amount"),
		column(_("Claims Made"), "claims_made", "Int", 100),
		column(_("Claims Received"), "claims_received", "Int", 110),
		money_column(_("Penalties Claimed"), "penalties_claimed"),
		money_column(_("Amount Recovered"), "amount_recovered"),
		money_column(_("Overdue Debt"), "overdue_debt"),
		column(_("Currency"), "currency", width=70, hidden=1),
	]


def chart(lines):
	"""The on-time share of the lines due in each month that had any, in date order: a line, or a bar
	for a single month (Frappe's charts cannot draw a line through one point)."""
	if not lines:
		return None
	by_month = {}
	for line in lines:
		by_month.setdefault(get_first_day(line.due_date), []).append(line)
	months = sorted(by_month)
	return {
		"data": {
			"labels": [month.strftime("%m.%Y") for month in months],
			"datasets": [
				{
					"name": _("On-Time Share, %"),
					"values": [line_figures(by_month[month])["on_time_percent"] for month in months],
				}
			],
		},
		"type": "line" if len(months) > 1 else "bar",
		"fieldtype": "Percent",
	}
