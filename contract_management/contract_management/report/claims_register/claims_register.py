"""Claims Register (Реестр претензий): the claims the user may see, outgoing and incoming, with their
deadlines, what was claimed and what was recovered, and a chart by status.

The claims are read through Frappe's permission-aware list, so the claims a user may see here are
those of the Contract Claim list; filters on the contract's type or department narrow them to the
contracts the user may see with those (a subquery in the same query)."""

import frappe
from frappe import _
from frappe.utils import date_diff, flt, getdate, nowdate

from contract_management.access.rule import PARTY_TYPE_OF_DIRECTION
from contract_management.reporting.scope import (
	CLAIM_FIELDS,
	column,
	count_chart,
	link_column,
	mixed_currencies_message,
	money_column,
	party_columns,
	percent,
	read_permitted,
	translator,
	validate_dates,
	visible_contracts,
)

REGISTER_FIELDS = [
	*CLAIM_FIELDS,
	"basis",
	"status",
	"sent_on",
	"received_on",
	"response_due",
	"court_from",
	"closed_on",
	"principal_amount",
	"penalty_amount",
	"total_claimed",
	"amount_recovered",
]
# report filter -> Contract Claim field
CLAIM_FILTERS = {
	"company": "company",
	"claim_direction": "direction",
	"party_type": "party_type",
	"party": "party",
	"contract": "contract",
	"responsible": "responsible",
	"status": "status",
	"basis": "basis",
	"currency": "currency",
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_dates(filters)
	on_date = getdate(filters.get("on_date") or nowdate())
	data = get_data(filters, on_date)
	return get_columns(), data, mixed_currencies_message(data), count_chart(data, "status", _("Claims"))


def claim_list_filters(filters) -> list:
	conditions = [
		["Contract Claim", field, "=", filters.get(key)]
		for key, field in CLAIM_FILTERS.items()
		if filters.get(key)
	]
	if not filters.get("status"):
		conditions.append(["Contract Claim", "docstatus", "<", 2])
	if filters.get("direction") in PARTY_TYPE_OF_DIRECTION:
		conditions.append(["Contract Claim", "party_type", "=", PARTY_TYPE_OF_DIRECTION[filters.direction]])
	return conditions


def claim_contracts(filters) -> dict:
	"""A filter on the contract's type or department narrows the claims to the contracts the user may
	see with those."""
	if not (filters.get("contract_type") or filters.get("department")):
		return {}
	contract_filters = frappe._dict(
		contract_type=filters.get("contract_type"), department=filters.get("department")
	)
	return {"contract": visible_contracts(contract_filters)}


def claim_date_filters(filters) -> list:
	"""A claim's date is when it was sent (outgoing) or received (incoming): either may fall in the
	period."""
	if not (filters.get("from_date") or filters.get("to_date")):
		return []
	period = [
		getdate(filters.get("from_date") or "1900-01-01"),
		getdate(filters.get("to_date") or "9999-12-31"),
	]
	return [
		["Contract Claim", "sent_on", "between", period],
		["Contract Claim", "received_on", "between", period],
	]


def get_data(filters, on_date) -> list[dict]:
	claims = read_permitted(
		"Contract Claim",
		claim_list_filters(filters),
		REGISTER_FIELDS,
		or_filters=claim_date_filters(filters),
		within=claim_contracts(filters),
		order_by="creation",
	)
	translate = translator()
	rows = []
	for claim in claims:
		dated = claim.sent_on or claim.received_on
		claimed = flt(claim.total_claimed)
		rows.append(
			{
				"claim": claim.name,
				"direction": _(claim.direction, context="Contract Claim"),
				"basis": translate(claim.basis),
				"company": claim.company,
				"party_type": claim.party_type,
				"party": claim.party,
				"contract": claim.contract,
				"dated": dated,
				"response_due": claim.response_due,
				"court_from": claim.court_from,
				"status": translate(claim.status),
				"responsible": claim.responsible,
				"currency": claim.currency,
				"principal": flt(claim.principal_amount),
				"penalty": flt(claim.penalty_amount),
				"claimed": claimed,
				"recovered": flt(claim.amount_recovered),
				"recovered_percent": percent(flt(claim.amount_recovered), claimed),
				"days_open": date_diff(claim.closed_on or on_date, dated) if dated else None,
			}
		)
	return rows


def get_columns():
	return [
		link_column(_("Claim"), "claim", "Contract Claim", 130),
		column(_("Direction"), "direction", width=90),
		column(_("Basis"), "basis", width=120),
		link_column(_("Company"), "company", "Company", 130),
		*party_columns(),
		link_column(_("Contract"), "contract", "Contract", 130),
		column(_("Sent or Received On"), "dated", "Date"),
		column(_("Response Due"), "response_due", "Date"),
		column(_("May Go to Court From"), "court_from", "Date", 110),
		column(_("Status"), "status", width=110),
		link_column(_("Responsible"), "responsible", "User", 130),
		link_column(_("Currency"), "currency", "Currency", 70),
		money_column(_("Principal"), "principal"),
		money_column(_("Penalty"), "penalty"),
		money_column(_("Total Claimed"), "claimed"),
		money_column(_("Amount Recovered"), "recovered"),
		column(_("Recovery %"), "recovered_percent", "Percent", 90),
		column(_("Days Open"), "days_open", "Int", 80),
	]
