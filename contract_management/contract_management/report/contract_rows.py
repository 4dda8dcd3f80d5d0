"""What the contract reports (register, deadlines, fulfilment, claims) share: their filters, the
contracts a user may see read through Frappe's permission-aware list, and the money under those
contracts read with one grouped query per kind of document, however many contracts there are.

Row-level visibility is never re-derived here: `frappe.get_list` applies the app's
`permission_query_conditions` and the user's User Permissions, as the Contract list does.
"""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import flt, getdate

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

ORDER_DOCTYPES = {"Sales": "Sales Order", "Purchase": "Purchase Order"}
DELIVERY_DOCTYPES = {"Sales": "Delivery Note", "Purchase": "Purchase Receipt"}
INVOICE_DOCTYPES = {"Sales": "Sales Invoice", "Purchase": "Purchase Invoice"}


def side_of(direction: str | None) -> str:
	"""Which ERPNext documents a contract has: purchase ones for a purchase contract, else sales ones
	(as the contract's money summary reads them)."""
	return "Purchase" if direction == "Purchase" else "Sales"


def validate_dates(filters):
	if filters.get("from_date") and filters.get("to_date"):
		if getdate(filters.from_date) > getdate(filters.to_date):
			frappe.throw(_("From Date cannot be after To Date."), title=_("Invalid Filters"))


def contract_list_filters(filters, date_field: str | None = "cm_contract_date") -> list:
	conditions = [
		["Contract", field, "=", filters.get(key)]
		for key, field in CONTRACT_FILTERS.items()
		if filters.get(key)
	]
	if date_field and filters.get("from_date"):
		conditions.append(["Contract", date_field, ">=", getdate(filters.from_date)])
	if date_field and filters.get("to_date"):
		conditions.append(["Contract", date_field, "<=", getdate(filters.to_date)])
	return conditions


def visible_contracts(filters, fields: list[str], extra: list | None = None, order_by=None, **kwargs):
	"""The contracts matching the report's filters that the current user may see: one query."""
	return frappe.get_list(
		"Contract",
		filters=contract_list_filters(filters, **kwargs) + (extra or []),
		fields=fields,
		order_by=order_by or "`tabContract`.`cm_contract_date` desc, `tabContract`.`name` desc",
		limit_page_length=0,
	)


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


def currency_of(contract) -> str:
	return contract.cm_currency or frappe.get_cached_value("Company", contract.cm_company, "default_currency")


def names_by_side(contracts) -> dict[str, list[str]]:
	sides = {"Sales": [], "Purchase": []}
	for contract in contracts:
		sides[side_of(contract.cm_direction)].append(contract.name)
	return sides


def _grouped(doctype: str, names: list[str], columns: dict, on_date=None) -> dict[str, frappe._dict]:
	"""One grouped query: per contract, the sums named in `columns` over the submitted documents."""
	if not names:
		return {}
	table = frappe.qb.DocType(doctype)
	query = (
		frappe.qb.from_(table)
		.select(table.cm_contract, *(term(table, on_date).as_(name) for name, term in columns.items()))
		.where(table.cm_contract.isin(names))
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


def money_by_contract(contracts, on_date, with_orders: bool = False) -> dict[str, frappe._dict]:
	"""Per contract, in its currency: invoiced, paid (invoiced less outstanding, plus advances not yet
	allocated to an invoice), outstanding and overdue on `on_date`, and, when asked, ordered and
	delivered. The same figures as the contract's money summary (services/summary.py), read for all
	the contracts at once: one grouped query per kind of document."""
	on_date = getdate(on_date)
	sides = names_by_side(contracts)
	invoices, orders, deliveries = {}, {}, {}
	for side, names in sides.items():
		invoices.update(
			_grouped(
				INVOICE_DOCTYPES[side],
				names,
				{"total": _total, "outstanding": _outstanding, "overdue": _overdue, "count": _count},
				on_date,
			)
		)
		if with_orders:
			orders.update(_grouped(ORDER_DOCTYPES[side], names, {"total": _total}))
			deliveries.update(_grouped(DELIVERY_DOCTYPES[side], names, {"total": _total}))
	advances = _grouped("Payment Entry", [c.name for c in contracts], {"amount": _unallocated})

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


def mixed_currencies_message(rows, field: str = "currency") -> str | None:
	currencies = sorted({row.get(field) for row in rows if row.get(field)})
	if len(currencies) > 1:
		return _(
			"The rows are in different currencies ({0}): the total row adds them up as they are. Filter by currency for totals that mean something."
		).format(", ".join(currencies))
	return None


def percent(part: float, whole: float) -> float:
	return flt(part * 100 / whole, 2) if whole else 0.0
