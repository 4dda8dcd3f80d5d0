"""A contract's money: its order, the invoice made from it, payments in full or in part."""

import frappe
from frappe.utils import flt


def make_money(scenario):
	plan = scenario.plan["money"]
	anchor = scenario.anchor()
	amount = flt(scenario.plan["amount"])
	if plan == "ordered":
		make_order(scenario, -10, 20, amount * 0.3)
		return
	dates = {
		"overdue": (anchor - 130, anchor - 100),
		"paid": (anchor - 120, anchor - 90),
		"partly paid": (anchor - 130, anchor - 100),
		"recent": (-45, -15),
		"not due": (-5, 25),
	}[plan]
	order = make_order(scenario, dates[0] - 5, dates[0], amount * 0.5)
	scenario.invoice = make_invoice(scenario, order, dates[0], dates[1])
	if plan == "paid":
		pay(scenario, scenario.invoice, dates[1] - 5)
	elif plan == "partly paid":
		pay(scenario, scenario.invoice, -60, share=0.4)


def make_order(scenario, date_offset: int, due_offset: int, total: float):
	doctype = "Sales Order" if scenario.sales else "Purchase Order"
	item = "ДЕМО-ТОВАР" if scenario.plan["subject"][0] == "Supply" else "ДЕМО-УСЛУГИ"
	rate = flt(total / 4, 0)
	order = frappe.get_doc(
		{
			"doctype": doctype,
			"customer" if scenario.sales else "supplier": scenario.contract.party_name,
			"company": scenario.contract.cm_company,
			"cm_contract": scenario.contract.name,
			"transaction_date": scenario.day(date_offset),
			"delivery_date" if scenario.sales else "schedule_date": scenario.day(due_offset),
			"selling_price_list" if scenario.sales else "buying_price_list": scenario.demo.name_of(
				"price-list-selling" if scenario.sales else "price-list-buying"
			),
			"currency": "RUB",
			"conversion_rate": 1,
			"items": [
				{
					"item_code": item,
					"qty": 4,
					"rate": rate,
					"delivery_date" if scenario.sales else "schedule_date": scenario.day(due_offset),
				}
			],
		}
	)
	order.insert()
	order.submit()
	return scenario.record("order", order)


def make_invoice(scenario, order, date_offset: int, due_offset: int):
	if scenario.sales:
		from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice as map_invoice
	else:
		from erpnext.buying.doctype.purchase_order.purchase_order import (
			make_purchase_invoice as map_invoice,
		)
	invoice = map_invoice(order.name)
	invoice.update(
		{
			"posting_date": scenario.day(date_offset),
			"set_posting_time": 1,
			"due_date": scenario.day(due_offset),
			"payment_schedule": [],
		}
	)
	if not scenario.sales:
		invoice.bill_no = f"СЧ-{scenario.key.rsplit('-', 1)[1]}"
		invoice.bill_date = scenario.day(date_offset)
	invoice.insert()
	invoice.submit()
	return scenario.record("invoice", invoice)


def pay(scenario, invoice, date_offset: int, share: float = 1.0, suffix: str = "payment"):
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	invoice.reload()
	amount = flt(invoice.outstanding_amount * share, 2)
	payment = get_payment_entry(invoice.doctype, invoice.name, party_amount=amount)
	payment.update(
		{
			"posting_date": scenario.day(date_offset),
			"reference_no": f"п/п {scenario.key.rsplit('-', 1)[1]}{int(share * 100)}",
			"reference_date": scenario.day(date_offset),
			"paid_amount": amount,
			"received_amount": amount,
		}
	)
	payment.references[0].allocated_amount = amount
	payment.insert()
	payment.submit()
	return scenario.record(suffix, payment)
