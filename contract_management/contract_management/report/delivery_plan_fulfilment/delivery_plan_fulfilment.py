"""Delivery Plan Fulfilment: per contract and item, what was to be delivered by each due date (the lines
of the contract's Sales or Purchase Orders, and its delivery, works and services obligations) against
what was delivered (Delivery Notes, Purchase Receipts made from those lines).

A line's due date is its order line's delivery (sales) or required-by (purchase) date; delivered on time
is what was delivered by that date, or by the next working day when it is a non-working one, as the
delivery penalty counts it (reporting/order_lines.py reads and counts the lines); the shortfall is what remains undelivered as of the report's date,
in quantity and in money at the line's rate. An obligation that no order carries counts as delivered in
full on its fulfilment date once marked Fulfilled. Five queries, whatever the number of contracts.
"""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce
from frappe.utils import flt, getdate, nowdate

from contract_management.reporting.order_lines import (
	FLOWS,
	contract_columns,
	due_between,
	order_lines,
	under_contracts,
)
from contract_management.reporting.scope import column, money_column, party_columns

# Who delivers under a contract of each direction.
DELIVERING_PARTY = {"Sales": "We", "Purchase": "Counterparty"}
PLANNED_KINDS = ("Delivery", "Works", "Services")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	filters.report_date = getdate(filters.get("report_date") or nowdate())
	data = []
	for direction in FLOWS:
		if filters.get("direction") in (None, "", direction):
			data += order_lines(filters, direction, until=filters.report_date)
			data += obligation_lines(filters, direction)
	for row in data:
		finish(row, filters.report_date)
	data.sort(key=lambda row: (row["contract"], getdate(row["due_date"]), row["item_code"] or ""))
	return columns(), data, None, chart(data)


def obligation_lines(filters, direction):
	"""Obligations to deliver that no order carries: fulfilled in full on their date once Fulfilled."""
	obligation, contract = frappe.qb.DocType("Contract Obligation"), frappe.qb.DocType("Contract")
	order_doctype = FLOWS[direction][0]
	on_date = Coalesce(obligation.fulfilled_on, obligation.due_date)
	fulfilled = (obligation.status == "Fulfilled") & (on_date <= filters.report_date)
	query = (
		frappe.qb.from_(obligation)
		.join(contract)
		.on((contract.name == obligation.parent) & (obligation.parenttype == "Contract"))
		.select(
			*contract_columns(contract),
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
	query = due_between(under_contracts(query, contract, filters, direction), obligation.due_date, filters)
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
	due = row.get("working_due_date") or getdate(row.due_date)
	row.overdue = 1 if row.shortfall_qty and due < report_date else 0


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
