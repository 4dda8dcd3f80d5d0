"""Contract Register (Реестр договоров): one row per contract the user may see, with what was
invoiced and paid under it. One query for the contracts, one per kind of related document."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import nowdate

from contract_management.contract_management.report.contract_rows import (
	currency_of,
	link_column,
	mixed_currencies_message,
	money_by_contract,
	validate_dates,
	visible_contracts,
)

CONTRACT_FIELDS = [
	"name",
	"cm_registry_number",
	"cm_counterparty_number",
	"cm_contract_date",
	"cm_company",
	"cm_direction",
	"cm_contract_type",
	"party_type",
	"party_name",
	"cm_subject",
	"cm_is_framework",
	"cm_amount_with_vat",
	"cm_currency",
	"start_date",
	"end_date",
	"cm_status",
	"cm_responsible",
	"cm_department",
	"cm_original_received",
]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_dates(filters)
	contracts = visible_contracts(filters, CONTRACT_FIELDS)
	data = get_data(contracts, filters)
	return get_columns(), data, mixed_currencies_message(data), get_chart(data)


def get_data(contracts, filters) -> list[dict]:
	money = money_by_contract(contracts, filters.get("on_date") or nowdate())
	agreements = signed_agreements([contract.name for contract in contracts])
	rows = []
	for contract in contracts:
		figures = money[contract.name]
		rows.append(
			{
				"contract": contract.name,
				"registry_number": contract.cm_registry_number or contract.name,
				"counterparty_number": contract.cm_counterparty_number,
				"contract_date": contract.cm_contract_date,
				"company": contract.cm_company,
				"direction": _(contract.cm_direction) if contract.cm_direction else None,
				"contract_type": contract.cm_contract_type,
				"party_type": contract.party_type,
				"party": contract.party_name,
				"subject": contract.cm_subject,
				"amount": 0 if contract.cm_is_framework else contract.cm_amount_with_vat,
				"currency": currency_of(contract),
				"start_date": contract.start_date,
				"end_date": contract.end_date,
				"status": _(contract.cm_status) if contract.cm_status else None,
				"responsible": contract.cm_responsible,
				"department": contract.cm_department,
				"original_received": contract.cm_original_received,
				"agreements": agreements.get(contract.name, 0),
				"invoiced": figures.invoiced,
				"paid": figures.paid,
				"outstanding": figures.outstanding,
			}
		)
	return rows


def signed_agreements(names: list[str]) -> dict[str, int]:
	if not names:
		return {}
	amendment = frappe.qb.DocType("Contract Amendment")
	return dict(
		frappe.qb.from_(amendment)
		.select(amendment.contract, Count(amendment.name))
		.where(amendment.contract.isin(names))
		.where(amendment.docstatus == 1)
		.groupby(amendment.contract)
		.run()
	)


def get_chart(data):
	if not data:
		return None
	by_status = {}
	for row in data:
		by_status[row["status"]] = by_status.get(row["status"], 0) + 1
	return {
		"data": {
			"labels": list(by_status),
			"datasets": [{"name": _("Contracts"), "values": list(by_status.values())}],
		},
		"type": "donut",
		"height": 280,
	}


def get_columns():
	return [
		link_column(_("Contract"), "contract", "Contract", 140),
		{"label": _("Registry Number"), "fieldname": "registry_number", "fieldtype": "Data", "width": 130},
		{
			"label": _("Counterparty's Number"),
			"fieldname": "counterparty_number",
			"fieldtype": "Data",
			"width": 120,
		},
		{"label": _("Contract Date"), "fieldname": "contract_date", "fieldtype": "Date", "width": 100},
		link_column(_("Company"), "company", "Company", 140),
		{"label": _("Direction"), "fieldname": "direction", "fieldtype": "Data", "width": 90},
		link_column(_("Contract Type"), "contract_type", "Contract Type", 110),
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
			"width": 160,
		},
		{"label": _("Contract Subject"), "fieldname": "subject", "fieldtype": "Data", "width": 180},
		{
			"label": _("Amount Including VAT"),
			"fieldname": "amount",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 130,
		},
		link_column(_("Currency"), "currency", "Currency", 70),
		{"label": _("Valid From"), "fieldname": "start_date", "fieldtype": "Date", "width": 100},
		{"label": _("Valid To"), "fieldname": "end_date", "fieldtype": "Date", "width": 100},
		{"label": _("Contract Status"), "fieldname": "status", "fieldtype": "Data", "width": 100},
		link_column(_("Responsible"), "responsible", "User", 140),
		link_column(_("Department"), "department", "Department", 120),
		{
			"label": _("Original Received"),
			"fieldname": "original_received",
			"fieldtype": "Check",
			"width": 80,
		},
		{"label": _("Supplementary Agreements"), "fieldname": "agreements", "fieldtype": "Int", "width": 90},
		{
			"label": _("Invoiced"),
			"fieldname": "invoiced",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 120,
		},
		{
			"label": _("Paid"),
			"fieldname": "paid",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 120,
		},
		{
			"label": _("Outstanding"),
			"fieldname": "outstanding",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 120,
		},
	]
