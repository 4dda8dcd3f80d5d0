"""Factories for real, submitted ERPNext documents, so features are tested on what users really make.

Each factory takes the few facts a test cares about and fills the rest from the shared fixtures.
Downstream documents are mapped from upstream ones with ERPNext's own mappers, as the desk does.
"""

import frappe
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from frappe.utils import add_days, flt, getdate, nowdate

from tests import records as r

ItemRows = list[tuple[str, float, float]]  # (item_code, qty, rate)


def _items(rows: ItemRows, date, warehouse_field: str | None = None, company: str = r.RUB_COMPANY):
	from tests.bootstrap import stores_warehouse

	items = []
	for item_code, qty, rate in rows:
		row = {"item_code": item_code, "qty": qty, "rate": rate, "delivery_date": date, "schedule_date": date}
		if warehouse_field:
			row[warehouse_field] = stores_warehouse(company)
		items.append(row)
	return items


def _finish(doc, submit: bool):
	doc.insert()
	if submit:
		doc.submit()
	return doc


def _currency_fields(company: str, currency: str | None):
	company_currency = frappe.get_cached_value("Company", company, "default_currency")
	currency = currency or company_currency
	rate = 1.0
	if currency != company_currency:
		rate = (
			{"EUR": r.EUR_TO_RUB, "USD": r.USD_TO_RUB}[currency]
			if company_currency == "RUB"
			else 1 / r.EUR_TO_RUB
		)
	return {"currency": currency, "conversion_rate": rate}


def _order(doctype, party_field, party, items, company, date, currency, submit, fields):
	date = getdate(date or nowdate())
	doc = frappe.get_doc(
		{
			"doctype": doctype,
			party_field: party,
			"company": company,
			"transaction_date": date,
			"delivery_date" if doctype == "Sales Order" else "schedule_date": date,
			"items": _items(items, date, "warehouse", company),
			**_currency_fields(company, currency),
			**fields,
		}
	)
	return _finish(doc, submit)


def _invoice(doctype, party_field, party, items, company, date, due_date, currency, submit, fields):
	date = getdate(date or nowdate())
	doc = frappe.get_doc(
		{
			"doctype": doctype,
			party_field: party,
			"company": company,
			"posting_date": date,
			"set_posting_time": 1,
			"due_date": getdate(due_date or date),
			"items": _items(items, date, company=company),
			**({"bill_date": date} if doctype == "Purchase Invoice" else {}),
			**_currency_fields(company, currency),
			**fields,
		}
	)
	return _finish(doc, submit)


def make_sales_order(
	customer=r.CUSTOMER,
	items: ItemRows | None = None,
	company=r.RUB_COMPANY,
	date=None,
	currency=None,
	submit=True,
	**fields,
):
	items = items or [(r.STOCK_ITEM, 10, 1000)]
	return _order("Sales Order", "customer", customer, items, company, date, currency, submit, fields)


def make_purchase_order(
	supplier=r.SUPPLIER,
	items: ItemRows | None = None,
	company=r.RUB_COMPANY,
	date=None,
	currency=None,
	submit=True,
	**fields,
):
	items = items or [(r.STOCK_ITEM, 10, 500)]
	return _order("Purchase Order", "supplier", supplier, items, company, date, currency, submit, fields)


def make_sales_invoice(
	customer=r.CUSTOMER,
	items: ItemRows | None = None,
	company=r.RUB_COMPANY,
	date=None,
	due_date=None,
	currency=None,
	submit=True,
	**fields,
):
	items = items or [(r.SERVICE_ITEM, 1, 5000)]
	return _invoice(
		"Sales Invoice", "customer", customer, items, company, date, due_date, currency, submit, fields
	)


def make_purchase_invoice(
	supplier=r.SUPPLIER,
	items: ItemRows | None = None,
	company=r.RUB_COMPANY,
	date=None,
	due_date=None,
	currency=None,
	submit=True,
	**fields,
):
	items = items or [(r.SERVICE_ITEM, 1, 2500)]
	return _invoice(
		"Purchase Invoice", "supplier", supplier, items, company, date, due_date, currency, submit, fields
	)


def make_delivery_note(sales_order=None, date=None, qty=None, submit=True, **fields):
	"""A delivery against a sales order (all of it, or `qty` of its first item), or a standalone one."""
	from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note as map_delivery_note

	date = getdate(date or nowdate())
	if sales_order:
		doc = map_delivery_note(sales_order.name if hasattr(sales_order, "name") else sales_order)
		if qty is not None:
			doc.items[0].qty = qty
	else:
		doc = frappe.get_doc(
			{
				"doctype": "Delivery Note",
				"customer": fields.pop("customer", r.CUSTOMER),
				"company": fields.get("company", r.RUB_COMPANY),
				"items": _items(fields.pop("items", [(r.STOCK_ITEM, qty or 1, 1000)]), date, "warehouse"),
			}
		)
	doc.update({"posting_date": date, "set_posting_time": 1, **fields})
	return _finish(doc, submit)


def make_purchase_receipt(purchase_order=None, date=None, qty=None, submit=True, **fields):
	from erpnext.buying.doctype.purchase_order.purchase_order import make_purchase_receipt as map_receipt

	date = getdate(date or nowdate())
	if purchase_order:
		doc = map_receipt(purchase_order.name if hasattr(purchase_order, "name") else purchase_order)
		if qty is not None:
			doc.items[0].qty = qty
			doc.items[0].received_qty = qty
	else:
		doc = frappe.get_doc(
			{
				"doctype": "Purchase Receipt",
				"supplier": fields.pop("supplier", r.SUPPLIER),
				"company": fields.get("company", r.RUB_COMPANY),
				"items": _items(fields.pop("items", [(r.STOCK_ITEM, qty or 1, 500)]), date, "warehouse"),
			}
		)
	doc.update({"posting_date": date, "set_posting_time": 1, **fields})
	return _finish(doc, submit)


def make_sales_invoice_from_order(sales_order, date=None, submit=True, **fields):
	from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice as map_invoice

	date = getdate(date or nowdate())
	doc = map_invoice(sales_order.name)
	doc.update({"posting_date": date, "set_posting_time": 1, "due_date": date, **fields})
	return _finish(doc, submit)


def make_payment_entry(invoice, amount=None, date=None, submit=True):
	"""Pay an invoice (in full, or `amount` in the invoice's currency) on `date`."""
	date = getdate(date or nowdate())
	payment = get_payment_entry(invoice.doctype, invoice.name, party_amount=amount)
	payment.posting_date = date
	payment.reference_no = f"CM-TEST-{invoice.name}"
	payment.reference_date = date
	if amount is not None:
		payment.paid_amount = amount
		payment.received_amount = flt(
			amount * (payment.source_exchange_rate or 1) / (payment.target_exchange_rate or 1)
		)
		payment.references[0].allocated_amount = amount
	return _finish(payment, submit)


def days_ago(days: int):
	return add_days(getdate(nowdate()), -days)


def make_credit_note(invoice, amount, date=None, submit=True):
	"""A return (credit note) against a sales or purchase invoice for `amount` of its first item."""
	from erpnext.controllers.sales_and_purchase_return import make_return_doc

	date = getdate(date or nowdate())
	note = make_return_doc(invoice.doctype, invoice.name)
	# Booked against the invoice, lowering its outstanding (not kept on the note's own outstanding).
	note.update({"posting_date": date, "set_posting_time": 1, "update_outstanding_for_self": 0})
	note.items = note.items[:1]
	note.items[0].qty = -1
	note.items[0].rate = amount
	return _finish(note, submit)


def make_journal_entry(invoice, amount, date=None, pays=True, submit=True):
	"""A Journal Entry against an invoice between its party account and the company's cash: paying
	it (`pays`), or raising what is owed on it (a reversal, a charge)."""
	date = getdate(date or nowdate())
	receivable = invoice.doctype == "Sales Invoice"
	party_account = invoice.debit_to if receivable else invoice.credit_to
	cash = frappe.get_cached_value("Company", invoice.company, "default_cash_account")
	# A payment credits a receivable and debits a payable; raising the debt does the opposite.
	party_side = "credit" if receivable == pays else "debit"
	cash_side = "debit" if party_side == "credit" else "credit"
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"company": invoice.company,
			"posting_date": date,
			"accounts": [
				{
					"account": party_account,
					"party_type": "Customer" if receivable else "Supplier",
					"party": invoice.customer if receivable else invoice.supplier,
					f"{party_side}_in_account_currency": amount,
					"reference_type": invoice.doctype,
					"reference_name": invoice.name,
				},
				{"account": cash, f"{cash_side}_in_account_currency": amount},
			],
		}
	)
	return _finish(entry, submit)


def make_advance_payment(supplier=r.SUPPLIER, amount=10_000, date=None, company=r.RUB_COMPANY, **fields):
	"""An advance paid to a supplier, allocated to no invoice."""
	from erpnext.accounts.party import get_party_account

	date = getdate(date or nowdate())
	cash = frappe.get_cached_value("Company", company, "default_cash_account")
	payment = frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"payment_type": "Pay",
			"company": company,
			"posting_date": date,
			"party_type": "Supplier",
			"party": supplier,
			"paid_from": cash,
			"paid_to": get_party_account("Supplier", supplier, company),
			"paid_amount": amount,
			"received_amount": amount,
			"source_exchange_rate": 1,
			"target_exchange_rate": 1,
			"reference_no": f"CM-ADVANCE-{supplier}",
			"reference_date": date,
			**fields,
		}
	)
	return _finish(payment, True)
