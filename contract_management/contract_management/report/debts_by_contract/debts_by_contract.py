"""Debts by Contract: what each party owes us (receivable) or we owe them (payable) as of a date, per
contract, aged by due date.

Read from ERPNext's Payment Ledger, as its Accounts Receivable and Accounts Payable reports read it: a
voucher's outstanding is the sum of the ledger rows against it up to the date; the contract is the one
on the invoice or payment the rows are against. Rows of vouchers outside contracts form a party's
"no contract" line, shown to users who see every contract when no contract filter is set, so the
party's total agrees with ERPNext's reports. One query, whatever the number of contracts: the
contracts' own fields are joined to the grouped debts. Ageing is reporting/debt_aging.py, as the
workspace's chart ages debts.
"""

from itertools import pairwise

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Max, Sum
from frappe.utils import flt, getdate, nowdate

from contract_management.common.queries import join_dynamic_link
from contract_management.reporting import debt_aging
from contract_management.reporting.scope import (
	LEDGER_OWN_FILTERS,
	needs_contract,
	visible_contracts,
)

# The company, like the party, is filtered on the ledger rows: a company alone keeps the rows outside contracts.
CONTRACT_SKIP = ("company", *LEDGER_OWN_FILTERS)

DEFAULT_RANGES = ", ".join(str(upper) for upper in debt_aging.DEFAULT_RANGES)
PARTY_TYPE_OF_DEBT = {"Receivable": "Customer", "Payable": "Supplier"}
VOUCHERS_WITH_CONTRACT = ("Sales Invoice", "Purchase Invoice", "Payment Entry")
# The contract's fields each contract row shows.
CONTRACT_DETAILS = (
	"cm_registry_number",
	"cm_contract_type",
	"cm_status",
	"cm_responsible",
	"cm_department",
)


def execute(filters=None):
	filters = validate_filters(frappe._dict(filters or {}))
	ranges = parse_ranges(filters.get("range"))
	buckets = bucket_fields(ranges)
	rows = get_debts(filters, ranges, buckets)
	report_columns = columns(filters, ranges, buckets)
	# Frappe's totals row reads a dict row only up to its number of keys: every row carries every column.
	blank = dict.fromkeys(column["fieldname"] for column in report_columns)
	data = [{**blank, **row} for row in build_tree(rows, buckets, filters)]
	return report_columns, data, None, chart(data, buckets, ranges)


def validate_filters(filters):
	if not filters.get("company"):
		frappe.throw(_("Please select a company."))
	filters.debt_type = filters.get("debt_type") or "Receivable"
	if filters.debt_type not in PARTY_TYPE_OF_DEBT:
		frappe.throw(_("Debt must be Receivable or Payable."))
	filters.report_date = getdate(filters.get("report_date") or nowdate())
	return filters


def parse_ranges(text) -> list[int]:
	"""'30, 60, 90, 180' -> [30, 60, 90, 180]: the upper bounds of the overdue buckets, in days."""
	try:
		ranges = [
			int(part) for part in str(text or DEFAULT_RANGES).replace(";", ",").split(",") if part.strip()
		]
	except ValueError:
		frappe.throw(
			_("Ageing ranges must be whole numbers of days separated by commas, e.g. {0}.").format(
				DEFAULT_RANGES
			)
		)
	if not ranges or ranges[0] < 1 or any(b <= a for a, b in pairwise(ranges)):
		frappe.throw(_("Ageing ranges must be positive and increasing, e.g. {0}.").format(DEFAULT_RANGES))
	return ranges


def bucket_fields(ranges) -> list[str]:
	return ["not_due"] + [f"range{index}" for index in range(1, len(ranges) + 2)]


def get_debts(filters, ranges, buckets):
	"""Per party and contract: the outstanding and its ageing buckets, in the company's currency."""
	ple = frappe.qb.DocType("Payment Ledger Entry")
	own_row = (ple.voucher_type == ple.against_voucher_type) & (ple.voucher_no == ple.against_voucher_no)
	party_type = PARTY_TYPE_OF_DEBT[filters.debt_type]
	per_voucher = (
		frappe.qb.from_(ple)
		.select(
			ple.party,
			ple.against_voucher_type.as_("voucher_type"),
			ple.against_voucher_no.as_("voucher_no"),
			Sum(ple.amount).as_("outstanding"),
			Max(Case().when(own_row, Coalesce(ple.due_date, ple.posting_date))).as_("due_date"),
		)
		.where(ple.company == filters.company)
		.where(ple.posting_date <= filters.report_date)
		.where(ple.delinked == 0)
		.where(ple.account_type == filters.debt_type)
		.where(ple.party_type == party_type)
		.groupby(ple.party, ple.against_voucher_type, ple.against_voucher_no)
		.having(Sum(ple.amount) != 0)
	)
	if filters.get("party"):
		per_voucher = per_voucher.where(ple.party == filters.party)
	voucher = per_voucher.as_("voucher")

	query, tables = join_dynamic_link(
		frappe.qb.from_(voucher), voucher.voucher_type, voucher.voucher_no, VOUCHERS_WITH_CONTRACT
	)
	contract = Coalesce(*(table.cm_contract for table in tables), "")
	age_range = debt_aging.range_of(voucher.due_date, filters.report_date, ranges)
	bucket_cases = [
		Sum(Case().when(age_range == index, voucher.outstanding).else_(0)).as_(field)
		for index, field in enumerate(buckets)
	]
	query = query.select(
		voucher.party, contract.as_("contract"), Sum(voucher.outstanding).as_("outstanding"), *bucket_cases
	).groupby(voucher.party, contract)

	if needs_contract(filters, skip=CONTRACT_SKIP):
		query = query.where(contract.isin(visible_contracts(filters, skip=CONTRACT_SKIP)))

	# Each row's contract fields, joined to the grouped debts (a row outside contracts has none).
	debt = query.as_("debt")
	details = frappe.qb.DocType("Contract")
	return (
		frappe.qb.from_(debt)
		.left_join(details)
		.on(details.name == debt.contract)
		.select(debt.star, *(details[field] for field in CONTRACT_DETAILS))
	).run(as_dict=True)


def build_tree(rows, buckets, filters):
	"""A party row (its totals) followed by its contract rows, indented under it."""
	party_type = PARTY_TYPE_OF_DEBT[filters.debt_type]
	currency = frappe.get_cached_value("Company", filters.company, "default_currency")
	money = ["outstanding", "overdue", *buckets]
	by_party = {}
	for row in rows:
		row.overdue = flt(row.outstanding) - flt(row.not_due)
		by_party.setdefault(row.party, []).append(row)

	data = []
	for party in sorted(by_party):
		party_rows = sorted(by_party[party], key=lambda row: (not row.contract, row.contract))
		party_id = f"{party_type}::{party}"
		data.append(
			{
				"row_id": party_id,
				"parent_row": "",
				"indent": 0,
				"party_type": party_type,
				"party": party,
				"currency": currency,
				**{field: sum(flt(row[field]) for row in party_rows) for field in money},
			}
		)
		for row in party_rows:
			data.append(
				{
					"row_id": f"{party_id}::{row.contract}",
					"parent_row": party_id,
					"indent": 1,
					"party_type": party_type,
					"party": party,
					"contract": row.contract or None,
					"registry_number": row.cm_registry_number or ("" if row.contract else _("No contract")),
					"contract_type": row.cm_contract_type,
					"status": row.cm_status,
					"responsible": row.cm_responsible,
					"department": row.cm_department,
					"currency": currency,
					**{field: flt(row[field]) for field in money},
				}
			)
	return data


def columns(filters, ranges, buckets):
	party_type = PARTY_TYPE_OF_DEBT[filters.debt_type]
	money = {"fieldtype": "Currency", "options": "currency", "width": 120}
	return [
		{
			"fieldname": "party",
			"label": _(party_type),
			"fieldtype": "Dynamic Link",
			"options": "party_type",
			"width": 200,
		},
		{
			"fieldname": "contract",
			"label": _("Contract"),
			"fieldtype": "Link",
			"options": "Contract",
			"width": 150,
		},
		{"fieldname": "registry_number", "label": _("Registry Number"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "contract_type",
			"label": _("Contract Type"),
			"fieldtype": "Link",
			"options": "Contract Type",
			"width": 110,
		},
		{"fieldname": "status", "label": _("Contract Status"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "responsible",
			"label": _("Responsible"),
			"fieldtype": "Link",
			"options": "User",
			"width": 140,
		},
		{
			"fieldname": "department",
			"label": _("Department"),
			"fieldtype": "Link",
			"options": "Department",
			"width": 120,
		},
		{"fieldname": "outstanding", "label": _("Outstanding", context="Debt"), **money},
		{"fieldname": "overdue", "label": _("Overdue"), **money},
		*(
			{"fieldname": field, "label": label, **money}
			for field, label in zip(buckets, debt_aging.range_labels(ranges), strict=True)
		),
		{
			"fieldname": "currency",
			"label": _("Currency"),
			"fieldtype": "Data",
			"hidden": 1,
		},
		{"fieldname": "party_type", "label": _("Party Type"), "fieldtype": "Data", "hidden": 1},
		{"fieldname": "row_id", "label": _("Row"), "fieldtype": "Data", "hidden": 1},
		{"fieldname": "parent_row", "label": _("Parent Row"), "fieldtype": "Data", "hidden": 1},
	]


def chart(data, buckets, ranges):
	totals = [sum(flt(row[field]) for row in data if not row["parent_row"]) for field in buckets]
	if not any(totals):
		return None
	return {
		"data": {
			"labels": debt_aging.range_labels(ranges),
			"datasets": [{"name": _("Outstanding", context="Debt"), "values": totals}],
		},
		"type": "bar",
		"fieldtype": "Currency",
	}
