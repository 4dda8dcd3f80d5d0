"""Payment Entries settling the invoices: the entry, its reference row and its ledger rows, and the
invoice's outstanding amount as ERPNext leaves it."""

from benchmarks.generate.ledger import Context, add_ledger_rows, in_words, insert_ledger_rows
from benchmarks.generate.rows import insert_like


def add_payment(rows, context: Context, payment, invoice, outstanding):
	"""The rows of `payment` of `invoice`, which leaves it `outstanding`."""
	remarks = payment_remarks(context.sales, context.currency, payment, invoice)
	words = in_words(payment.amount, context.currency)
	rows["payment"].append(
		{**context.stamp(payment.name), "posting_date": payment.posting_date, "party": invoice.party}
		| {"party_name": invoice.party, "title": invoice.party, "cm_contract": invoice.contract}
		| {"reference_no": payment.name, "reference_date": payment.posting_date, "remarks": remarks}
		| {"in_words": words, "base_in_words": words, "v_paid": payment.amount}
		# The party's balance as ERPNext showed it when the payment was made: here, the invoice.
		| {"party_balance": invoice.total if context.sales else -invoice.total}
	)
	rows["reference"].append(
		{**context.stamp(f"{payment.name}-R1"), "parent": payment.name, "reference_name": invoice.name}
		| {"due_date": invoice.due_date, "v_total": invoice.total, "v_outstanding": outstanding}
		| {"v_paid": payment.amount}
	)
	add_ledger_rows(
		rows,
		context,
		payment.name,
		payment.posting_date,
		invoice.party,
		invoice.name,
		payment.amount,
		ple_amount=-payment.amount,
		remarks=remarks,
	)


def insert_payments(rows, template):
	"""Which number of the template's rows stands for which amount of the generated row."""
	insert_like("Payment Entry", rows["payment"], template.header, {1000: "v_paid"})
	reference_amounts = {3711: "v_total", 2711: "v_outstanding", 1000: "v_paid"}
	insert_like("Payment Entry Reference", rows["reference"], template.references, reference_amounts)
	insert_ledger_rows(rows, template, 1000, -1000)


def payment_remarks(sales: bool, currency: str, payment, invoice) -> str:
	"""As PaymentEntry.set_remarks words them (in the site's language at submit: English here)."""
	amount = float(payment.amount)
	first = f"Amount {currency} {amount} {'received from' if sales else 'to'} {invoice.party}"
	return "\n".join(
		(
			first,
			f"Transaction reference no {payment.name} dated {payment.posting_date}",
			f"Amount {currency} {amount} against {invoice.doctype} {invoice.name}",
		)
	)
