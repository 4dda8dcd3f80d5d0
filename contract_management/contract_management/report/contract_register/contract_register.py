"""Contract Register (Реестр договоров): one row per contract the user may see, with what was
invoiced and paid under it. One query for the contracts, one per kind of related document."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import nowdate

from contract_management.reporting.scope import (
	column,
	contract_conditions,
	contract_rows,
	count_chart,
	currency_of,
	link_column,
	mixed_currencies_message,
	money_by_contract,
	money_column,
	party_columns,
	permitted,
	translator,
	validate_dates,
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
	conditions = contract_conditions(filters, date_field="cm_contract_date")
	contracts = contract_rows(conditions, CONTRACT_FIELDS)
	data = get_data(contracts, conditions, filters)
	return (
		get_columns(),
		data,
		mixed_currencies_message(data),
		count_chart(data, "status", _("Contracts"), "donut"),
	)


def get_data(contracts, conditions, filters) -> list[dict]:
	money = money_by_contract(contracts, conditions, filters.get("on_date") or nowdate())
	agreements = signed_agreements(permitted("Contract", conditions)) if contracts else {}
	translate = translator()
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
				"direction": translate(contract.cm_direction),
				"contract_type": contract.cm_contract_type,
				"party_type": contract.party_type,
				"party": contract.party_name,
				"subject": contract.cm_subject,
				"amount": 0 if contract.cm_is_framework else contract.cm_amount_with_vat,
				"currency": currency_of(contract),
				"start_date": contract.start_date,
				"end_date": contract.end_date,
				"status": translate(contract.cm_status),
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


def signed_agreements(contracts) -> dict[str, int]:
	"""Per contract of the `contracts` subquery, its signed supplementary agreements."""
	amendment = frappe.qb.DocType("Contract Amendment")
	return dict(
		frappe.qb.from_(amendment)
		.select(amendment.contract, Count(amendment.name))
		.where(amendment.contract.isin(contracts))
		.where(amendment.docstatus == 1)
		.groupby(amendment.contract)
		.run()
	)


def get_columns():
	return [
		link_column(_("Contract"), "contract", "Contract", 140),
		column(_("Registry Number"), "registry_number", width=130),
		column(_("Counterparty's Number"), "counterparty_number", width=120),
		column(_("Contract Date"), "contract_date", "Date"),
		link_column(_("Company"), "company", "Company", 140),
		column(_("Direction"), "direction", width=90),
		link_column(_("Contract Type"), "contract_type", "Contract Type", 110),
		*party_columns(width=160),
		column(_("Contract Subject"), "subject", width=180),
		money_column(_("Amount Including VAT"), "amount", 130),
		link_column(_("Currency"), "currency", "Currency", 70),
		column(_("Valid From", context="Contract"), "start_date", "Date"),
		column(_("Valid To"), "end_date", "Date"),
		column(_("Contract Status"), "status"),
		link_column(_("Responsible"), "responsible", "User", 140),
		link_column(_("Department"), "department", "Department", 120),
		column(_("Original Received"), "original_received", "Check", 80),
		column(_("Supplementary Agreements"), "agreements", "Int", 90),
		money_column(_("Invoiced Amount"), "invoiced"),
		money_column(_("Paid"), "paid"),
		money_column(_("Outstanding", context="Debt"), "outstanding"),
	]
