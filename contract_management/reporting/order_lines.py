"""The order lines under contracts and what delivered them, as the delivery reports count them.

One reading for Delivery Plan Fulfilment (each line) and Contract Performance (each counterparty's
lines): the lines of the submitted Sales or Purchase Orders under the contracts the user may see, due
by their delivery (sales) or required-by (purchase) date, and the submitted Delivery Notes or Purchase
Receipts made from them. Two queries per direction, whatever the number of lines.

A line is on time as the delivery penalty counts it (claims/documents.py, Civil Code art. 193): its due
date falls on the next working day when it is a non-working one (claims/deadlines.py), and what came by
that day came on time. Quantities are stock quantities (the accepted qty of a receipt; a return lowers
what was delivered), shown in the order's unit.
"""

from datetime import date

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import flt, getdate

from contract_management.claims import deadlines
from contract_management.reporting.scope import LEDGER_OWN_FILTERS, visible_contracts

# direction -> (order, order item, its due-date field, delivery, delivery item, its link to the order line)
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
# The contract's field that names the counterparty of each direction.
PARTY_FIELDS = {"Sales": "cm_customer", "Purchase": "cm_supplier"}


def contract_columns(contract) -> tuple:
	"""The contract a line is planned under, as each line shows it."""
	return (
		contract.name.as_("contract"),
		contract.cm_registry_number.as_("registry_number"),
		contract.party_type,
		contract.party_name.as_("party"),
	)


def under_contracts(query, contract, filters, direction, contracts=None):
	"""`query` narrowed to the contracts of the report's filters that the user may see, or to the
	`contracts` subquery when the figures are not a user's (a supplier's scorecard)."""
	if contracts is None:
		contracts = visible_contracts(filters, skip=LEDGER_OWN_FILTERS)
	query = query.where(contract.name.isin(contracts))
	if filters.get("party"):
		query = query.where(contract[PARTY_FIELDS[direction]] == filters.party)
	return query


def due_between(query, due_date, filters):
	if filters.get("from_date"):
		query = query.where(due_date >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(due_date <= getdate(filters.to_date))
	return query


def order_lines(filters, direction: str, until: date, contracts=None) -> list:
	"""The order lines under the filtered contracts due in the filters' period, each counted against
	what was delivered up to `until` (`count_deliveries`): 2 queries."""
	order_doctype, item_doctype, due_field, *_delivery = FLOWS[direction]
	order, item = frappe.qb.DocType(order_doctype), frappe.qb.DocType(item_doctype)
	contract = frappe.qb.DocType("Contract")
	due_date = item[due_field]
	query = (
		frappe.qb.from_(item)
		.join(order)
		.on(order.name == item.parent)
		.join(contract)
		.on(contract.name == order.cm_contract)
		.select(
			item.name.as_("line"),
			*contract_columns(contract),
			order.company,
			order.name.as_("source_name"),
			item.item_code,
			item.item_name,
			item.uom,
			due_date.as_("due_date"),
			item.qty.as_("ordered_qty"),
			item.stock_qty,
			item.conversion_factor,
			item.rate,
			item.base_rate,
			item.amount.as_("ordered_amount"),
			order.currency,
		)
		.where(order.docstatus == 1)
		.where(contract.cm_direction == direction)
	)
	query = due_between(under_contracts(query, contract, filters, direction, contracts), due_date, filters)
	lines = query.run(as_dict=True)
	for line in lines:
		line.source_doctype = order_doctype
		line.direction = direction
	count_deliveries(lines, direction, until)
	return lines


def count_deliveries(lines: list, direction: str, until: date) -> None:
	"""Each line's deliveries up to `until`, read in one query, and what they make of it (`tally`)."""
	if not lines:
		return
	_order, _item, _due, delivery_doctype, delivery_item_doctype, link_field = FLOWS[direction]
	delivery, delivery_item = frappe.qb.DocType(delivery_doctype), frappe.qb.DocType(delivery_item_doctype)
	deliveries = {}
	for row in (
		frappe.qb.from_(delivery_item)
		.join(delivery)
		.on(delivery.name == delivery_item.parent)
		.select(
			delivery_item[link_field].as_("line"),
			delivery.name,
			delivery.posting_date,
			Sum(delivery_item.stock_qty).as_("stock_qty"),
		)
		.where(delivery.docstatus == 1)
		.where(delivery.posting_date <= until)
		.where(delivery_item[link_field].isin([line.line for line in lines]))
		.groupby(delivery_item[link_field], delivery.name, delivery.posting_date)
		.orderby(delivery.posting_date)
		.orderby(delivery.name)
	).run(as_dict=True):
		deliveries.setdefault(row.line, []).append((getdate(row.posting_date), flt(row.stock_qty)))
	calendars = {}
	for line in lines:
		if line.company not in calendars:
			calendars[line.company] = deadlines.calendar_for(line.company)
		line.update(tally(line, deliveries.get(line.line, []), calendars[line.company]))


def tally(line, deliveries: list[tuple[date, float]], calendar) -> dict:
	"""What the deliveries (date, stock qty), in date order, make of a line: delivered, delivered by the
	working-day due date, the number of deliveries after it, the last delivery and the day the line was
	delivered in full (None while it is not)."""
	due = calendar.next_working_day(getdate(line.due_date))
	ordered = flt(line.stock_qty)
	unit = flt(line.conversion_factor) or 1
	delivered = on_time = 0.0
	late_deliveries = 0
	completed_on = None
	for delivered_on, qty in deliveries:
		delivered += qty
		if delivered_on <= due:
			on_time += qty
		elif qty > 0:
			late_deliveries += 1
		# A return after the line was complete opens it again.
		completed_on = (completed_on or delivered_on) if ordered and delivered >= ordered else None
	return {
		"working_due_date": due,
		"delivered_qty": flt(delivered / unit, 6),
		"on_time_qty": flt(min(on_time, ordered) / unit, 6),
		"late_deliveries": late_deliveries,
		"last_delivery": deliveries[-1][0] if deliveries else None,
		"completed_on": completed_on,
	}
