"""Credit notes: Sales Invoice returns of one unit, keeping their own outstanding amount as ERPNext's
default ("Update Outstanding for Self") does."""

from benchmarks.generate.common import POSTING_TIME
from benchmarks.generate.ledger import Context, add_ledger_rows, in_words, insert_ledger_rows
from benchmarks.generate.rows import insert_like


def add_credit_note(rows, context: Context, invoice):
	note = invoice.credit_note
	words = in_words(note.rate, context.currency)
	rows["invoice"].append(
		{**context.stamp(note.name), "posting_date": note.posting_date, "posting_time": POSTING_TIME}
		| {
			"due_date": note.posting_date,
			**context.party_columns(invoice.party),
			"cm_contract": invoice.contract,
		}
		| {"in_words": words, "base_in_words": words, "status": "Return", "_seen": None}
		| {"return_against": invoice.name, "v_qty": -1, "v_total": -note.rate}
	)
	rows["item"].append(
		{**context.stamp(f"{note.name}-1"), "parent": note.name, "idx": 1}
		| {"sales_invoice_item": f"{invoice.name}-1", "v_qty": -1, "v_rate": note.rate}
		| {"v_amount": -note.rate}
	)
	add_ledger_rows(
		rows,
		context,
		note.name,
		note.posting_date,
		invoice.party,
		note.name,
		note.rate,
		ple_amount=-note.rate,
		due_date=note.posting_date,
	)


def insert_credit_notes(doctype: str, rows, template):
	"""Which number of the template's rows stands for which amount of the generated row."""
	insert_like(doctype, rows["invoice"], template.header, {-1: "v_qty", -1237: "v_total"})
	item_amounts = {-1: "v_qty", 1237: "v_rate", -1237: "v_amount"}
	insert_like(f"{doctype} Item", rows["item"], template.items, item_amounts)
	insert_ledger_rows(rows, template, 1237, -1237)
