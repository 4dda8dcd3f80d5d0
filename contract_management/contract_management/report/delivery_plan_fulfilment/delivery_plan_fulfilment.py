"""Delivery Plan Fulfilment: per contract and item, what was to be delivered by each due date (the lines
of the contract's Sales or Purchase Orders, and its delivery, works and services obligations) against
what was delivered (Delivery Notes, Purchase Receipts made from those lines).

A line's due date is its order line's delivery (sales) or required-by (purchase) date. Delivered on time
is what was delivered by that date; the shortfall is what remains undelivered as of the report's date,
in quantity and in money at the line's rate. An obligation that no order carries counts as delivered in
full on its fulfilment date once marked Fulfilled. Five queries, whatever the number of contracts.
"""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Max, Sum
from frappe.utils import flt, getdate, nowdate

from contract_management.reporting.scope import (
	LEDGER_OWN_FILTERS,
	column,
	money_column,
	party_columns,
	visible_contracts,
)

# direction -> (order, order item, its due-date field, delivery, delivery item, the link fields to the order line)
FLOWS = {
	"Sales": (
		"Sales Order",
		"Sales Order Item",
		"delivery_date",
		"Delivery Note",
		"Delivery Note Item",
		"so_detail",
	),
	"Purchase": (
		"Purchase Order",
		"Purchase Order Item",
		"schedule_date",
		"Purchase Receipt",
		"Purchase Receipt Item",
		"purchase_order_item",
	),
}
# Who delivers under a contract of each direction.
DELIVERING_PARTY = {"Sales": "We", "Purchase": "Counterparty"}
PLANNED_KINDS = ("Delivery", "Works", "Services")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	filters.report_date = getdate(filters.get("report_date") or nowdate())
	data = []
	for direction in FLOWS:
		if filters.get("direction") in (None, "", direction):
			data += order_lines(filters, direction)
			data += obligation_lines(filters, direction)
	for row in data:
		finish(row, filters.report_date)
	data.sort(key=lambda row: (row["contract"], getdate(row["due_date"]), row["item_code"] or ""))
	return columns(), data, None, chart(data)


def _contract_conditions(query, contract, filters, party_field):
	query = query.where(contract.name.isin(visible_contracts(filters, skip=LEDGER_OWN_FILTERS)))
	if filters.get("party"):
		query = query.where(contract[party_field] == filters.party)
	return query


def _due_between(query, due_date, filters):
	if filters.get("from_date"):
		query = query.where(due_date >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(due_date <= getdate(filters.to_date))
	return query


def order_lines(filters, direction):
	"""The order lines under the filtered contracts, each with what was delivered against it: 2 queries."""
	order_doctype, item_doctype, due_field, delivery_doctype, delivery_item_doctype, link_field = FLOWS[
		direction
	]
	order, item = frappe.qb.DocType(order_doctype), frappe.qb.DocType(item_doctype)
	contract = frappe.qb.DocType("Contract")
	party_field = "cm_customer" if direction == "Sales" else "cm_supplier"
	due_date = item[due_field]
	query = (
		frappe.qb.from_(item)
		.join(order)
		.on(order.name == item.parent)
		.join(contract)
		.on(contract.name == order.cm_contract)
		.select(
			item.name.as_("line"),
			*_contract_columns(contract),
			order.name.as_("source_name"),
			item.item_code,
			item.item_name,
			item.uom,
			due_date.as_("due_date"),
			item.qty.as_("ordered_qty"),
			item.rate,
			item.amount.as_("ordered_amount"),
			order.currency,
		)
		.where(order.docstatus == 1)
		.where(contract.cm_direction == direction)
	)
	query = _due_between(_contract_conditions(query, contract, filters, party_field), due_date, filters)
	lines = query.run(as_dict=True)
	if not lines:
		return []

	delivery, delivery_item = frappe.qb.DocType(delivery_doctype), frappe.qb.DocType(delivery_item_doctype)
	planned = frappe.qb.DocType(item_doctype).as_("planned")
	on_time = delivery.posting_date <= planned[due_field]
	delivered = (
		frappe.qb.from_(delivery_item)
		.join(delivery)
		.on(delivery.name == delivery_item.parent)
		.join(planned)
		.on(planned.name == delivery_item[link_field])
		.select(
			delivery_item[link_field].as_("line"),
			Sum(delivery_item.qty).as_("delivered_qty"),
			Sum(Case().when(on_time, delivery_item.qty).else_(0)).as_("on_time_qty"),
			Count(Case().when(~on_time, delivery.name)).distinct().as_("late_deliveries"),
			Max(delivery.posting_date).as_("last_delivery"),
		)
		.where(delivery.docstatus == 1)
		.where(delivery.posting_date <= filters.report_date)
		.where(delivery_item[link_field].isin([line.line for line in lines]))
		.groupby(delivery_item[link_field])
	).run(as_dict=True)
	by_line = {row.line: row for row in delivered}
	for line in lines:
		line.update(by_line.get(line.line) or {})
		line.source_doctype = order_doctype
		line.direction = direction
	return lines


def _contract_columns(contract):
	"""The contract a line is planned under, as each line shows it."""
	return (
		contract.name.as_("contract"),
		contract.cm_registry_number.as_("registry_number"),
		contract.party_type,
		contract.party_name.as_("party"),
	)


def obligation_lines(filters, direction):
	"""Obligations to deliver that no order carries: fulfilled in full on their date once Fulfilled."""
	obligation, contract = frappe.qb.DocType("Contract Obligation"), frappe.qb.DocType("Contract")
	party_field = "cm_customer" if direction == "Sales" else "cm_supplier"
	order_doctype = FLOWS[direction][0]
	on_date = Coalesce(obligation.fulfilled_on, obligation.due_date)
	fulfilled = (obligation.status == "Fulfilled") & (on_date <= filters.report_date)
	query = (
		frappe.qb.from_(obligation)
		.join(contract)
		.on((contract.name == obligation.parent) & (obligation.parenttype == "Contract"))
		.select(
			*_contract_columns(contract),
			obligation.description.as_("item_name"),
			obligation.uom,
			obligation.due_date,
			obligation.qty.as_("ordered_qty"),
			obligation.amount.as_("ordered_amount"),
			contract.cm_currency.as_("currency"),
			Case().when(fulfilled, 1).else_(0).as_("fulfilled"),
			Case().when(fulfilled & (on_date <= obligation.due_date), 1).else_(0).as_("on_time"),
			obligation.fulfilled_on.as_("last_delivery"),
		)
		.where(contract.docstatus == 1)
		.where(contract.cm_direction == direction)
		.where(obligation.obligor == DELIVERING_PARTY[direction])
		.where(obligation.kind.isin(PLANNED_KINDS))
		.where(obligation.status != "Cancelled")
		.where(obligation.due_date.isnotnull())
		.where(Coalesce(obligation.reference_doctype, "") != order_doctype)
	)
	query = _due_between(
		_contract_conditions(query, contract, filters, party_field), obligation.due_date, filters
	)
	lines = query.run(as_dict=True)
	for line in lines:
		line.source_doctype = "Contract"
		line.source_name = line.contract
		line.item_code = None
		line.direction = direction
		# An obligation in money only (works, services) is planned as one unit of its amount.
		line.ordered_qty = flt(line.ordered_qty) or 1
		line.rate = flt(line.ordered_amount) / line.ordered_qty
		line.delivered_qty = line.ordered_qty * line.fulfilled
		line.on_time_qty = line.ordered_qty * line.on_time
		line.late_deliveries = line.fulfilled - line.on_time
	return lines


def finish(row, report_date):
	row.delivered_qty = flt(row.get("delivered_qty"))
	row.on_time_qty = flt(row.get("on_time_qty"))
	row.late_qty = max(row.delivered_qty - row.on_time_qty, 0)
	row.late_deliveries = int(row.get("late_deliveries") or 0)
	row.shortfall_qty = max(flt(row.ordered_qty) - row.delivered_qty, 0)
	row.shortfall_amount = flt(row.shortfall_qty * flt(row.rate), 2)
	row.on_time_percent = flt(row.on_time_qty * 100 / flt(row.ordered_qty), 2) if flt(row.ordered_qty) else 0
	row.overdue = 1 if row.shortfall_qty and getdate(row.due_date) < report_date else 0


def columns():
	return [
		column(_("Contract"), "contract", "Link", 140, options="Contract"),
		column(_("Registry Number"), "registry_number", width=120),
		*party_columns(width=170),
		column(_("Item"), "item_code", "Link", 120, options="Item"),
		column(_("Item Name"), "item_name", width=160),
		column(_("Planned In"), "source_doctype", width=110),
		column(_("Planning Document"), "source_name", "Dynamic Link", 150, options="source_doctype"),
		column(_("Due Date"), "due_date", "Date"),
		column(_("UOM"), "uom", width=60),
		column(_("Planned Qty", context="Delivery Plan"), "ordered_qty", "Float"),
		column(_("Delivered Qty", context="Delivery Plan"), "delivered_qty", "Float"),
		column(_("Delivered on Time"), "on_time_qty", "Float"),
		column(_("Delivered Late"), "late_qty", "Float"),
		column(_("Late Deliveries"), "late_deliveries", "Int", 90),
		column(_("% on Time"), "on_time_percent", "Percent", 90),
		column(_("Shortfall Qty"), "shortfall_qty", "Float"),
		money_column(_("Shortfall Amount"), "shortfall_amount"),
		money_column(_("Planned Amount"), "ordered_amount"),
		column(_("Overdue"), "overdue", "Check", 70),
		column(_("Currency"), "currency", width=70),
	]


def chart(data):
	on_time = sum(row.on_time_qty for row in data)
	late = sum(row.late_qty for row in data)
	short = sum(row.shortfall_qty for row in data)
	if not (on_time or late or short):
		return None
	return {
		"data": {
			# The pie's legend cuts names over 18 letters: the chart's own short words.
			"labels": [
				_("Delivered on Time", context="Chart"),
				_("Delivered Late", context="Chart"),
				_("Shortfall"),
			],
			"datasets": [{"name": _("Quantity"), "values": [on_time, late, short]}],
		},
		"type": "pie",
	}
