"""Claims Register (Реестр претензий): the claims the user may see, outgoing and incoming, with their
deadlines, what was claimed and what was recovered, and a chart by status.

The claims are read through Frappe's permission-aware list, so the claims a user may see here are
those of the Contract Claim list; filters on the contract's type or department narrow them to the
contracts the user may see with those (one more query, only when such a filter is set)."""

import frappe
from frappe import _
from frappe.utils import date_diff, flt, getdate, nowdate

from contract_management.contract_management.report.contract_rows import (
	link_column,
	mixed_currencies_message,
	percent,
	validate_dates,
	visible_contracts,
)

CLAIM_FIELDS = [
	"name",
	"direction",
	"basis",
	"status",
	"company",
	"party_type",
	"party",
	"contract",
	"responsible",
	"currency",
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
PARTY_TYPE_OF_DIRECTION = {"Sales": "Customer", "Purchase": "Supplier"}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_dates(filters)
	on_date = getdate(filters.get("on_date") or nowdate())
	data = get_data(filters, on_date)
	return get_columns(), data, mixed_currencies_message(data), get_chart(data)


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
	if filters.get("contract_type") or filters.get("department"):
		contract_filters = frappe._dict(
			contract_type=filters.get("contract_type"), department=filters.get("department")
		)
		names = [
			row.name for row in visible_contracts(contract_filters, ["name"], order_by="`tabContract`.`name`")
		]
		conditions.append(["Contract Claim", "contract", "in", names or [""]])
	return conditions


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
	claims = frappe.get_list(
		"Contract Claim",
		filters=claim_list_filters(filters),
		or_filters=claim_date_filters(filters),
		fields=CLAIM_FIELDS,
		order_by="`tabContract Claim`.`creation` desc",
		limit_page_length=0,
	)
	rows = []
	for claim in claims:
		dated = claim.sent_on or claim.received_on
		claimed = flt(claim.total_claimed)
		rows.append(
			{
				"claim": claim.name,
				"direction": _(claim.direction),
				"basis": _(claim.basis) if claim.basis else None,
				"company": claim.company,
				"party_type": claim.party_type,
				"party": claim.party,
				"contract": claim.contract,
				"dated": dated,
				"response_due": claim.response_due,
				"court_from": claim.court_from,
				"status": _(claim.status) if claim.status else None,
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


def get_chart(data):
	if not data:
		return None
	by_status = {}
	for row in data:
		by_status[row["status"]] = by_status.get(row["status"], 0) + 1
	return {
		"data": {
			"labels": list(by_status),
			"datasets": [{"name": _("Claims"), "values": list(by_status.values())}],
		},
		"type": "bar",
		"height": 280,
	}


def _money(label: str, fieldname: str) -> dict:
	return {
		"label": label,
		"fieldname": fieldname,
		"fieldtype": "Currency",
		"options": "currency",
		"width": 120,
	}


def get_columns():
	return [
		link_column(_("Claim"), "claim", "Contract Claim", 130),
		{"label": _("Direction"), "fieldname": "direction", "fieldtype": "Data", "width": 90},
		{"label": _("Basis"), "fieldname": "basis", "fieldtype": "Data", "width": 120},
		link_column(_("Company"), "company", "Company", 130),
		{
			"label": _("Counterparty Type"),
			"fieldname": "party_type",
			"fieldtype": "Data",
			# The doctype a Dynamic Link column opens; a Link to DocType would need read on DocType.
			"hidden": 1,
			"width": 90,
		},
		{
			"label": _("Counterparty"),
			"fieldname": "party",
			"fieldtype": "Dynamic Link",
			"options": "party_type",
			"width": 150,
		},
		link_column(_("Contract"), "contract", "Contract", 130),
		{"label": _("Sent or Received On"), "fieldname": "dated", "fieldtype": "Date", "width": 100},
		{"label": _("Response Due"), "fieldname": "response_due", "fieldtype": "Date", "width": 100},
		{"label": _("May Go to Court From"), "fieldname": "court_from", "fieldtype": "Date", "width": 110},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 110},
		link_column(_("Responsible"), "responsible", "User", 130),
		link_column(_("Currency"), "currency", "Currency", 70),
		_money(_("Principal"), "principal"),
		_money(_("Penalty"), "penalty"),
		_money(_("Total Claimed"), "claimed"),
		_money(_("Amount Recovered"), "recovered"),
		{"label": _("Recovery %"), "fieldname": "recovered_percent", "fieldtype": "Percent", "width": 90},
		{"label": _("Days Open"), "fieldname": "days_open", "fieldtype": "Int", "width": 80},
	]
