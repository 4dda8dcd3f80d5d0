"""What was ordered, delivered, invoiced and paid under a contract, against its amount.

Six queries whatever the number of documents: the contract, then one grouped query per kind of
document and one for the contract's claims. What was invoiced and paid is said by one function,
invoiced_and_paid, which the invoicing ceiling and the agreements' amount check call too. Amounts are given in the contract's currency and in the company's.
"""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import flt, getdate, nowdate

DOCTYPES_BY_DIRECTION = {
	"Sales": {"order": "Sales Order", "delivery": "Delivery Note", "invoice": "Sales Invoice"},
	"Purchase": {"order": "Purchase Order", "delivery": "Purchase Receipt", "invoice": "Purchase Invoice"},
}


def get_contract_summary(contract_name: str, on_date=None) -> dict:
	on_date = getdate(on_date or nowdate())
	contract = frappe.db.get_value(
		"Contract",
		contract_name,
		["name", "cm_direction", "cm_company", "cm_currency", "cm_is_framework", "cm_amount_with_vat"],
		as_dict=True,
	)
	doctypes = DOCTYPES_BY_DIRECTION.get(contract.cm_direction, DOCTYPES_BY_DIRECTION["Sales"])
	company_currency = frappe.get_cached_value("Company", contract.cm_company, "default_currency")

	ordered = _totals(doctypes["order"], contract.name)
	delivered = _totals(doctypes["delivery"], contract.name)
	invoiced = invoiced_and_paid(contract.name, doctypes["invoice"], on_date)
	advances = _unallocated_payments(contract.name)

	claims = _claims(contract.name)
	paid = invoiced.paid + advances.amount
	base_paid = invoiced.base_paid + advances.base_amount
	amount = 0 if contract.cm_is_framework else flt(contract.cm_amount_with_vat)
	return {
		"contract": contract.name,
		"currency": contract.cm_currency or company_currency,
		"company_currency": company_currency,
		# one without an amount (made by ERPNext's code, contracts/registry.py) counts as a framework contract
		"is_framework": bool(contract.cm_is_framework or not amount),
		"amount": amount,
		"ordered": ordered.total,
		"base_ordered": ordered.base_total,
		"orders": ordered.count,
		"delivered": delivered.total,
		"base_delivered": delivered.base_total,
		"deliveries": delivered.count,
		"invoiced": invoiced.total,
		"base_invoiced": invoiced.base_total,
		"invoices": invoiced.count,
		"paid": flt(paid),
		"base_paid": flt(base_paid),
		"outstanding": invoiced.outstanding,
		"base_outstanding": invoiced.base_outstanding,
		"overdue": invoiced.overdue,
		"base_overdue": invoiced.base_overdue,
		"remaining": flt(amount - invoiced.total) if amount else None,
		"doctypes": doctypes,
		**claims,
	}


def _totals(doctype: str, contract: str):
	table = frappe.qb.DocType(doctype)
	total, base_total, count = (
		frappe.qb.from_(table)
		.select(
			Coalesce(Sum(table.grand_total), 0),
			Coalesce(Sum(table.base_grand_total), 0),
			Count(table.name),
		)
		.where(table.cm_contract == contract)
		.where(table.docstatus == 1)
	).run()[0]
	return frappe._dict(total=flt(total), base_total=flt(base_total), count=count)


def invoice_doctype(direction: str | None) -> str:
	"""The invoices a contract is invoiced by: ours to the customer, or the supplier's to us."""
	return "Purchase Invoice" if direction == "Purchase" else "Sales Invoice"


def invoiced_and_paid(
	contract: str, doctype: str, on_date=None, excluding: str | None = None, lock: bool = False
):
	"""What was invoiced under a contract and what of it is paid, outstanding and overdue on `on_date`:
	one query over its submitted invoices (credit notes count with their negative totals), in the
	contract's currency and the company's. The one place that says it: the money summary, the invoicing
	ceiling of documents and the amount check of agreements all read it here.

	`excluding` leaves out an invoice being checked itself. `lock` makes it a locking read, for checks
	made under the contract's row lock: it sees the latest committed invoices, not the snapshot the
	transaction began with, and holds them until the transaction ends."""
	table = frappe.qb.DocType(doctype)
	on_date = getdate(on_date or nowdate())
	# outstanding_amount is in the party account's currency, which ERPNext keeps equal to the
	# invoice's currency here (a contract's invoices share its currency); its base equivalent is
	# taken at the invoice's own rate.
	overdue = Case().when(table.due_date < on_date, table.outstanding_amount).else_(0)
	query = (
		frappe.qb.from_(table)
		.select(
			Coalesce(Sum(table.grand_total), 0),
			Coalesce(Sum(table.base_grand_total), 0),
			Coalesce(Sum(table.outstanding_amount), 0),
			Coalesce(Sum(table.outstanding_amount * table.conversion_rate), 0),
			Coalesce(Sum(overdue), 0),
			Coalesce(Sum(overdue * table.conversion_rate), 0),
			Count(table.name),
		)
		.where(table.cm_contract == contract)
		.where(table.docstatus == 1)
	)
	if excluding:
		query = query.where(table.name != excluding)
	if lock:
		query = query.for_update()
	row = query.run()[0]
	totals = frappe._dict(
		total=flt(row[0]),
		base_total=flt(row[1]),
		outstanding=flt(row[2]),
		base_outstanding=flt(row[3]),
		overdue=flt(row[4]),
		base_overdue=flt(row[5]),
		count=row[6],
	)
	totals.paid = flt(totals.total - totals.outstanding)
	totals.base_paid = flt(totals.base_total - totals.base_outstanding)
	return totals


def _unallocated_payments(contract: str):
	"""Advances: payments under the contract not (yet) allocated to any invoice."""
	payment = frappe.qb.DocType("Payment Entry")
	amount, base_amount = (
		frappe.qb.from_(payment)
		.select(
			Coalesce(Sum(payment.unallocated_amount), 0),
			Coalesce(
				Sum(
					payment.unallocated_amount
					* Case()
					.when(payment.payment_type == "Receive", payment.source_exchange_rate)
					.else_(payment.target_exchange_rate)
				),
				0,
			),
		)
		.where(payment.cm_contract == contract)
		.where(payment.docstatus == 1)
	).run()[0]
	return frappe._dict(amount=flt(amount), base_amount=flt(base_amount))


def _claims(contract: str) -> dict:
	"""The contract's submitted claims: how many, claimed and recovered."""
	table = frappe.qb.DocType("Contract Claim")
	count, claimed, recovered = (
		frappe.qb.from_(table)
		.select(
			Count(table.name),
			Coalesce(Sum(table.total_claimed), 0),
			Coalesce(Sum(table.amount_recovered), 0),
		)
		.where(table.contract == contract)
		.where(table.docstatus == 1)
	).run()[0]
	return {"claims": count, "claimed": flt(claimed), "recovered": flt(recovered)}
