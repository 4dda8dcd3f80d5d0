"""Sales and Purchase Invoices written as ERPNext writes them on submit: the invoice, its items, its
payment schedule and its ledger rows; with them, their payments and credit notes."""

from frappe.utils import getdate, now_datetime

from benchmarks.generate.common import POSTING_TIME
from benchmarks.generate.credit_notes import add_credit_note, insert_credit_notes
from benchmarks.generate.ledger import (
	Context,
	add_ledger_rows,
	fiscal_years,
	in_words,
	insert_ledger_rows,
	new_rows,
)
from benchmarks.generate.payments import add_payment, insert_payments
from benchmarks.generate.rows import insert_like
from benchmarks.generate.templates import Templates


def write_invoices(invoices: list, day) -> dict:
	"""Write the invoices, their payments and credit notes as ERPNext writes them on submit."""
	day = getdate(day)
	now = now_datetime()
	fiscal_year = fiscal_years()
	counts = {}
	for company in sorted({invoice.company for invoice in invoices}):
		of_company = [invoice for invoice in invoices if invoice.company == company]
		templates = Templates.of(company, day)
		for doctype in ("Sales Invoice", "Purchase Invoice"):
			chosen = [invoice for invoice in of_company if invoice.doctype == doctype]
			if chosen:
				context = Context(doctype == "Sales Invoice", templates.currency, day, now, fiscal_year)
				written = _write_of_doctype(templates, doctype, chosen, context)
				for key, value in written.items():
					counts[key] = counts.get(key, 0) + value
	return counts


def _write_of_doctype(templates, doctype: str, invoices: list, context: Context) -> dict:
	rows = new_rows("invoice", "item", "schedule")
	payment_rows = new_rows("payment", "reference")
	return_rows = new_rows("invoice", "item")
	for invoice in invoices:
		add_invoice(rows, context, invoice)
		outstanding = invoice.total
		for payment in invoice.payments:
			outstanding -= payment.amount
			add_payment(payment_rows, context, payment, invoice, outstanding)
		if invoice.credit_note:
			add_credit_note(return_rows, context, invoice)
	insert_invoices(doctype, rows, templates.invoice[doctype])
	insert_payments(payment_rows, templates.payment[doctype])
	if context.sales:
		insert_credit_notes(doctype, return_rows, templates.credit_note)
	key = "sales" if context.sales else "purchase"
	return {
		f"{key}_invoices": len(rows["invoice"]),
		f"{key}_invoice_rows": len(rows["item"]),
		f"{key}_payments": len(payment_rows["payment"]),
		"credit_notes": len(return_rows["invoice"]),
		"credit_note_rows": len(return_rows["item"]),
		"gl_entries": sum(
			len(r[k]) for r in (rows, payment_rows, return_rows) for k in ("gl_party", "gl_other")
		),
		"payment_ledger_entries": len(rows["ple"]) + len(payment_rows["ple"]) + len(return_rows["ple"]),
	}


def add_invoice(rows, context: Context, invoice):
	words = in_words(invoice.total, context.currency)
	header = {
		**context.stamp(invoice.name),
		"posting_date": invoice.posting_date,
		"posting_time": POSTING_TIME,
		"due_date": invoice.due_date,
		**context.party_columns(invoice.party),
		"cm_contract": invoice.contract,
		"in_words": words,
		"base_in_words": words,
		"status": invoice.status(context.day),
		"_seen": None,
		"v_qty": sum(qty for qty, _rate in invoice.items),
		"v_total": invoice.total,
		"v_outstanding": invoice.outstanding,
	}
	if not context.sales:
		header["bill_date"] = invoice.posting_date
	rows["invoice"].append(header)
	for idx, (qty, rate) in enumerate(invoice.items, start=1):
		rows["item"].append(
			{**context.stamp(f"{invoice.name}-{idx}"), "parent": invoice.name, "idx": idx}
			| {"v_qty": qty, "v_rate": rate, "v_amount": qty * rate}
		)
	rows["schedule"].append(
		{**context.stamp(f"{invoice.name}-PS1"), "parent": invoice.name, "due_date": invoice.due_date}
		| {"v_total": invoice.total}
	)
	add_ledger_rows(
		rows,
		context,
		invoice.name,
		invoice.posting_date,
		invoice.party,
		invoice.name,
		invoice.total,
		due_date=invoice.due_date,
	)


def insert_invoices(doctype: str, rows, template):
	"""Which number of the template's rows stands for which amount of the generated row."""
	insert_like(
		doctype, rows["invoice"], template.header, {3: "v_qty", 3711: "v_total", 2711: "v_outstanding"}
	)
	item_amounts = {3: "v_qty", 1237: "v_rate", 3711: "v_amount"}
	insert_like(f"{doctype} Item", rows["item"], template.items, item_amounts)
	insert_like("Payment Schedule", rows["schedule"], template.schedule, {3711: "v_total"})
	insert_ledger_rows(rows, template, 3711, 3711)
