"""The contracts a report may show, and what the reports share about them.

Row-level visibility is never re-derived here: the report's contract filters go through Frappe's
permission-aware list (`frappe.get_list`), which applies the app's `permission_query_conditions` and the
user's User Permissions, as the Contract list does. The reports use that list as a SUBQUERY inside their
own SQL, never as a list of names fed back: a report costs the same number of queries for 1 contract or
100,000, and no query carries the names of every contract the user may see.
"""

import re

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import flt, getdate
from pypika.terms import Term

from contract_management import compat
from contract_management.access.rule import restriction

# report filter -> Contract field, compared with "="
CONTRACT_FILTERS = {
	"company": "cm_company",
	"direction": "cm_direction",
	"party_type": "party_type",
	"party": "party_name",
	"contract": "name",
	"contract_type": "cm_contract_type",
	"responsible": "cm_responsible",
	"department": "cm_department",
	"status": "cm_status",
	"currency": "cm_currency",
}
# The ledger reports (debts, delivery plan, reconciliation act) filter the party and the currency on
# their ledger rows, where rows outside any contract keep theirs: not on the contract.
LEDGER_OWN_FILTERS = ("party_type", "party", "currency")
# What every claims report reads of a claim: which claim, between whom, under which contract, who
# answers for it and in what currency.
CLAIM_FIELDS = ("name", "direction", "company", "party_type", "party", "contract", "responsible", "currency")

ORDER_DOCTYPES = {"Sales": "Sales Order", "Purchase": "Purchase Order"}
DELIVERY_DOCTYPES = {"Sales": "Delivery Note", "Purchase": "Purchase Receipt"}
INVOICE_DOCTYPES = {"Sales": "Sales Invoice", "Purchase": "Purchase Invoice"}
# The contracts of each side, as side_of() reads a contract's direction.
SIDE_CONDITIONS = {
	"Sales": ["Contract", "cm_direction", "!=", "Purchase"],
	"Purchase": ["Contract", "cm_direction", "=", "Purchase"],
}


def permitted(doctype: str, filters: list, or_filters: list | None = None) -> Term:
	"""A subquery of the names of the `doctype` documents matching `filters` that the user may see, as
	its list shows them."""
	return compat.list_subquery(
		doctype,
		filters=filters,
		or_filters=or_filters or [],
		fields=[f"`tab{doctype}`.`name`"],
		order_by=None,
	)


def sees_every(doctype: str) -> bool:
	"""Whether the user's permission-aware list of `doctype` is the whole table: no condition of a role
	(if owner), of User Permissions or of any app's permission query. A subquery of it narrows nothing."""
	return not re.search(
		r"\bwhere\b", compat.list_sql(doctype, fields=[f"`tab{doctype}`.`name`"], order_by=None), re.I
	)


def contract_conditions(filters, skip: tuple[str, ...] = (), date_field: str | None = None) -> list:
	"""The report's contract filters as list filters on Contract; `date_field` takes the period."""
	conditions = [
		["Contract", field, "=", filters.get(key)]
		for key, field in CONTRACT_FILTERS.items()
		if filters.get(key) and key not in skip
	]
	if date_field and filters.get("from_date"):
		conditions.append(["Contract", date_field, ">=", getdate(filters.from_date)])
	if date_field and filters.get("to_date"):
		conditions.append(["Contract", date_field, "<=", getdate(filters.to_date)])
	return conditions


def visible_contracts(filters, skip: tuple[str, ...] = (), date_field: str | None = None) -> Term:
	"""A subquery of the names of the contracts that match the report's filters and that the user may
	see."""
	return permitted("Contract", contract_conditions(filters, skip, date_field))


def needs_contract(filters, skip: tuple[str, ...] = ()) -> bool:
	"""Rows outside any contract fit only when no contract filter is set and the user sees every
	contract."""
	return bool(contract_conditions(filters, skip)) or restriction() is not None


def contract_rows(conditions: list, fields: list[str], order_by=None) -> list:
	"""The contracts matching `conditions` that the current user may see: one query."""
	return frappe.get_list(
		"Contract",
		filters=conditions,
		fields=fields,
		order_by=order_by or "`tabContract`.`cm_contract_date` desc, `tabContract`.`name` desc",
		limit_page_length=0,
	)


def read_permitted(
	doctype: str,
	filters: list,
	fields: list[str],
	or_filters: list | None = None,
	within: dict[str, Term] | None = None,
	order_by: str | None = None,
) -> list:
	"""The `doctype` documents matching the filters that the user may see, in one query, newest
	`order_by` first. `within` narrows link fields to subqueries (e.g. to the contracts the user may see
	of a type), which Frappe's list filters cannot express: the permission-aware list is then itself a
	subquery."""
	if not within:
		return frappe.get_list(
			doctype,
			filters=filters,
			or_filters=or_filters or [],
			fields=fields,
			order_by=f"`tab{doctype}`.`{order_by}` desc" if order_by else None,
			limit_page_length=0,
		)
	table = frappe.qb.DocType(doctype)
	query = (
		frappe.qb.from_(table)
		.select(*(table[field] for field in fields))
		.where(table.name.isin(permitted(doctype, filters, or_filters)))
	)
	for field, subquery in within.items():
		query = query.where(table[field].isin(subquery))
	if order_by:
		query = query.orderby(table[order_by], order=frappe.qb.desc)
	return query.run(as_dict=True)


def translator():
	"""`_` for the values of a column, each distinct value translated once: a report's rows repeat a few
	statuses and directions, and `_` reads the translations from the cache at every call (most of a
	report's time at 100,000 contracts, benchmarks/RESULTS.md)."""
	done = {}

	def translate(value):
		if not value:
			return None
		if value not in done:
			done[value] = _(value)
		return done[value]

	return translate


def side_of(direction: str | None) -> str:
	"""Which ERPNext documents a contract has: purchase ones for a purchase contract, else sales ones
	(as the contract's money summary reads them)."""
	return "Purchase" if direction == "Purchase" else "Sales"


def validate_dates(filters):
	if filters.get("from_date") and filters.get("to_date"):
		if getdate(filters.from_date) > getdate(filters.to_date):
			frappe.throw(_("From Date cannot be after To Date."), title=_("Invalid Filters"))


def currency_of(contract) -> str:
	return contract.cm_currency or frappe.get_cached_value("Company", contract.cm_company, "default_currency")


def _grouped(doctype: str, contracts: Term, columns: dict, on_date=None) -> dict[str, frappe._dict]:
	"""One grouped query: per contract of the `contracts` subquery, the sums named in `columns` over
	the submitted documents."""
	table = frappe.qb.DocType(doctype)
	query = (
		frappe.qb.from_(table)
		.select(table.cm_contract, *(term(table, on_date).as_(name) for name, term in columns.items()))
		.where(table.cm_contract.isin(contracts))
		.where(table.docstatus == 1)
		.groupby(table.cm_contract)
	)
	return {row.cm_contract: row for row in query.run(as_dict=True)}


def _total(table, on_date):
	return Coalesce(Sum(table.grand_total), 0)


def _count(table, on_date):
	return Count(table.name)


def _outstanding(table, on_date):
	return Coalesce(Sum(table.outstanding_amount), 0)


def _overdue(table, on_date):
	return Coalesce(Sum(Case().when(table.due_date < on_date, table.outstanding_amount).else_(0)), 0)


def _unallocated(table, on_date):
	return Coalesce(Sum(table.unallocated_amount), 0)


def money_by_contract(
	contracts, conditions: list, on_date, with_orders: bool = False
) -> dict[str, frappe._dict]:
	"""Per contract, in its currency: invoiced, paid (invoiced less outstanding, plus advances not yet
	allocated to an invoice), outstanding and overdue on `on_date`, and, when asked, ordered and
	delivered. The same figures as the contract's money summary (contracts/summary.py), read for all
	the contracts at once: one grouped query per kind of document, over the subquery of the contracts
	`conditions` select (the ones `contracts` holds, read with the same conditions)."""
	on_date = getdate(on_date)
	sides = {side_of(contract.cm_direction) for contract in contracts}
	invoices, orders, deliveries = {}, {}, {}
	for side in sorted(sides):
		of_side = permitted("Contract", [*conditions, SIDE_CONDITIONS[side]])
		invoices.update(
			_grouped(
				INVOICE_DOCTYPES[side],
				of_side,
				{"total": _total, "outstanding": _outstanding, "overdue": _overdue, "count": _count},
				on_date,
			)
		)
		if with_orders:
			orders.update(_grouped(ORDER_DOCTYPES[side], of_side, {"total": _total}))
			deliveries.update(_grouped(DELIVERY_DOCTYPES[side], of_side, {"total": _total}))
	advances = (
		_grouped("Payment Entry", permitted("Contract", conditions), {"amount": _unallocated})
		if contracts
		else {}
	)

	money = {}
	empty = frappe._dict(total=0, outstanding=0, overdue=0, count=0, amount=0)
	for contract in contracts:
		invoiced = invoices.get(contract.name, empty)
		advance = flt(advances.get(contract.name, empty).amount)
		money[contract.name] = frappe._dict(
			ordered=flt(orders.get(contract.name, empty).total),
			delivered=flt(deliveries.get(contract.name, empty).total),
			invoiced=flt(invoiced.total),
			paid=flt(flt(invoiced.total) - flt(invoiced.outstanding) + advance),
			outstanding=flt(invoiced.outstanding),
			overdue=flt(invoiced.overdue),
			invoices=invoiced.count or 0,
		)
	return money


def link_column(label: str, fieldname: str, doctype: str, width: int = 130) -> dict:
	"""A column linking to `doctype` for a user who may look documents of it up; plain text for one who
	may not (Frappe's report runner refuses a report whose link columns point where the user cannot
	read, e.g. Company for a Contract Viewer without ERPNext roles)."""
	if frappe.has_permission(doctype, "select") or frappe.has_permission(doctype, "read"):
		return {
			"label": label,
			"fieldname": fieldname,
			"fieldtype": "Link",
			"options": doctype,
			"width": width,
		}
	return {"label": label, "fieldname": fieldname, "fieldtype": "Data", "width": width}


def column(label: str, fieldname: str, fieldtype: str = "Data", width: int = 100, **options) -> dict:
	return {"label": label, "fieldname": fieldname, "fieldtype": fieldtype, "width": width, **options}


def money_column(label: str, fieldname: str, width: int = 120) -> dict:
	"""An amount in the row's currency."""
	return column(label, fieldname, "Currency", width, options="currency")


def dynamic_link_columns(
	type_label: str, type_field: str, label: str, field: str, width: int = 130, type_width: int = 110
) -> list[dict]:
	"""A Dynamic Link column, with the hidden column of its doctype before it."""
	return [
		# The doctype a Dynamic Link column opens; a Link to DocType would need read on DocType.
		column(type_label, type_field, width=type_width, hidden=1),
		column(label, field, "Dynamic Link", width, options=type_field),
	]


def party_columns(party_type_field: str = "party_type", party_field: str = "party", width: int = 150):
	"""The counterparty as a Dynamic Link, with the hidden column of its doctype."""
	return dynamic_link_columns(
		_("Counterparty Type"), party_type_field, _("Counterparty"), party_field, width, type_width=90
	)


def count_chart(data, field: str, name: str, chart_type: str = "bar") -> dict | None:
	"""How many rows have each value of `field`, in the order met."""
	if not data:
		return None
	counts = {}
	for row in data:
		counts[row[field]] = counts.get(row[field], 0) + 1
	return {
		"data": {"labels": list(counts), "datasets": [{"name": name, "values": list(counts.values())}]},
		"type": chart_type,
		"height": 280,
	}


def mixed_currencies_message(rows, field: str = "currency") -> str | None:
	currencies = sorted({row.get(field) for row in rows if row.get(field)})
	if len(currencies) > 1:
		return _(
			"The rows are in different currencies ({0}): the total row adds them up as they are. Filter by currency for totals that mean something."
		).format(", ".join(currencies))
	return None


def percent(part: float, whole: float) -> float:
	return flt(part * 100 / whole, 2) if whole else 0.0
