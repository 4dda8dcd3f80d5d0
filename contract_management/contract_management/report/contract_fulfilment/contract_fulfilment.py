"""Contract Fulfilment (Исполнение договоров): per contract, in the contract's currency, what was
ordered, delivered, invoiced and paid against its amount, what is outstanding and overdue, and what
remains; sales contracts (owed to us) and purchase contracts (owed by us) side by side."""

import frappe
from frappe import _
from frappe.utils import flt, nowdate

from contract_management.reporting.scope import (
	column,
	contract_conditions,
	contract_rows,
	currency_of,
	link_column,
	mixed_currencies_message,
	money_by_contract,
	money_column,
	party_columns,
	percent,
	side_of,
	translator,
	validate_dates,
)

CONTRACT_FIELDS = [
	"name",
	"cm_company",
	"cm_direction",
	"party_type",
	"party_name",
	"cm_is_framework",
	"cm_amount_with_vat",
	"cm_currency",
	"cm_status",
	"cm_responsible",
]
# Fulfilment is about contracts that were signed: drafts and cancelled ones have none.
SIGNED = [["Contract", "docstatus", "=", 1]]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_dates(filters)
	conditions = [*contract_conditions(filters, date_field="cm_contract_date"), *SIGNED]
	contracts = contract_rows(conditions, CONTRACT_FIELDS)
	data = get_data(contracts, conditions, filters.get("on_date") or nowdate())
	return get_columns(), data, mixed_currencies_message(data), get_chart(data)


def get_data(contracts, conditions, on_date) -> list[dict]:
	money = money_by_contract(contracts, conditions, on_date, with_orders=True)
	translate = translator()
	receivable, payable = _("Receivable"), _("Payable", context="Debt")
	rows = []
	for contract in contracts:
		figures = money[contract.name]
		amount = 0 if contract.cm_is_framework else flt(contract.cm_amount_with_vat)
		rows.append(
			{
				"contract": contract.name,
				"company": contract.cm_company,
				"side": receivable if side_of(contract.cm_direction) == "Sales" else payable,
				"party_type": contract.party_type,
				"party": contract.party_name,
				"status": translate(contract.cm_status),
				"responsible": contract.cm_responsible,
				"currency": currency_of(contract),
				"amount": amount,
				"ordered": figures.ordered,
				"delivered": figures.delivered,
				"invoiced": figures.invoiced,
				"paid": figures.paid,
				"outstanding": figures.outstanding,
				"overdue": figures.overdue,
				"invoiced_percent": percent(figures.invoiced, amount),
				"paid_percent": percent(figures.paid, amount),
				"remaining": flt(amount - figures.invoiced) if amount else 0,
			}
		)
	return rows


def get_chart(data):
	"""Invoiced, paid and outstanding under the contracts owed to us and under those we owe."""
	if not data:
		return None
	sides = [_("Receivable"), _("Payable", context="Debt")]
	sums = {side: {"invoiced": 0, "paid": 0, "outstanding": 0} for side in sides}
	for row in data:
		for field in ("invoiced", "paid", "outstanding"):
			sums[row["side"]][field] += flt(row[field])
	return {
		"data": {
			"labels": sides,
			"datasets": [
				{"name": _("Invoiced Amount"), "values": [sums[side]["invoiced"] for side in sides]},
				{"name": _("Paid"), "values": [sums[side]["paid"] for side in sides]},
				# The legend cuts names over 18 letters: the chart's own short word.
				{
					"name": _("Outstanding", context="Chart"),
					"values": [sums[side]["outstanding"] for side in sides],
				},
			],
		},
		"type": "bar",
		"fieldtype": "Currency",
		"height": 280,
	}


def get_columns():
	return [
		link_column(_("Contract"), "contract", "Contract", 140),
		link_column(_("Company"), "company", "Company", 130),
		column(_("Debt"), "side", width=110),
		*party_columns(width=160),
		column(_("Contract Status"), "status"),
		link_column(_("Responsible"), "responsible", "User", 130),
		link_column(_("Currency"), "currency", "Currency", 70),
		money_column(_("Contract Amount"), "amount", 130),
		money_column(_("Ordered Amount"), "ordered"),
		money_column(_("Delivered"), "delivered"),
		money_column(_("Invoiced Amount"), "invoiced"),
		money_column(_("Paid"), "paid"),
		money_column(_("Outstanding", context="Debt"), "outstanding"),
		money_column(_("Overdue"), "overdue"),
		column(_("% Invoiced"), "invoiced_percent", "Percent", 90),
		column(_("% Paid"), "paid_percent", "Percent", 90),
		money_column(_("Remaining to Invoice"), "remaining", 130),
	]
