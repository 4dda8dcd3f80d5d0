"""What a claim rests on: which documents fit its direction and basis, what they say, what was paid.

The direction decides the documents. We demand payment (outgoing, overdue payment) from a customer on
the Sales Invoices they owe us; from a supplier we demand the goods (non-delivery, late delivery,
shortage, quality: Purchase Orders and Receipts) or the return of an advance we paid (Payment
Entries to the supplier). A supplier demands payment (incoming, overdue payment) on our own overdue
Purchase Invoices; a customer demands the goods or the return of their advance.

Documents are read from ERPNext in one query per document type. What reduced an invoice's debt is
read from the Payment Ledger in one query: payments (Payment Entry, Journal Entry) on their date, and
credit notes, which reduce the principal itself. Nothing that increases a debt counts.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import flt, getdate

from contract_management.claims import deadlines, penalty

OVERDUE_PAYMENT = "Overdue Payment"
ADVANCE_NOT_RETURNED = "Advance Not Returned"
OTHER = "Other"
GOODS_BASES = ("Non-Delivery", "Late Delivery", "Shortage", "Quality")

INVOICE_PARTY = {"Sales Invoice": "customer", "Purchase Invoice": "supplier"}
DOCUMENT_PARTY = {
	**INVOICE_PARTY,
	"Sales Order": "customer",
	"Purchase Order": "supplier",
	"Delivery Note": "customer",
	"Purchase Receipt": "supplier",
	"Payment Entry": "party",
}
ORDER_DUE = {
	"Sales Order": ("delivery_date", "per_delivered"),
	"Purchase Order": ("schedule_date", "per_received"),
}

# The documents of each side of a trade: its order, its delivery and its invoice.
_TRADE_DOCUMENTS = {
	"Customer": ("Sales Order", "Delivery Note", "Sales Invoice"),
	"Supplier": ("Purchase Order", "Purchase Receipt", "Purchase Invoice"),
}
# Who is claimed against for what: a supplier owes us goods and a customer owes us money, so our
# (outgoing) claims ask a supplier for goods and a customer for payment; their (incoming) claims, the
# other way round.
_CLAIMED_GOODS_FROM = {"Supplier": "Outgoing", "Customer": "Incoming"}
_CLAIMED_PAYMENT_FROM = {"Customer": "Outgoing", "Supplier": "Incoming"}


def _documents_by_basis() -> dict:
	"""The documents each claim may rest on, by (direction, party type) and basis. "Other" (an act or
	a letter outside ERPNext) fits every claim, on any document of the trade."""
	by_basis = {}
	for party_type, (order, delivery, invoice) in _TRADE_DOCUMENTS.items():
		every_document = (order, delivery, invoice, "Payment Entry")
		by_basis[(_CLAIMED_GOODS_FROM[party_type], party_type)] = {
			"Non-Delivery": (order,),
			"Late Delivery": (order, delivery),
			"Shortage": (order, delivery),
			"Quality": (delivery,),
			ADVANCE_NOT_RETURNED: ("Payment Entry",),
			OTHER: every_document,
		}
		by_basis[(_CLAIMED_PAYMENT_FROM[party_type], party_type)] = {
			OVERDUE_PAYMENT: (invoice,),
			OTHER: every_document,
		}
	return by_basis


DOCUMENTS_BY_BASIS = _documents_by_basis()
# A Payment Entry fits a claim when it moved money the claim's way: we paid the supplier, the
# customer paid us.
PAYMENT_TYPE = {"Supplier": "Pay", "Customer": "Receive"}


def bases_for(direction: str, party_type: str) -> tuple[str, ...]:
	return tuple(DOCUMENTS_BY_BASIS.get((direction, party_type), {}))


def invoice_doctype_for(direction: str, party_type: str) -> str | None:
	"""The invoices an overdue-payment claim of this direction rests on, if it may have one."""
	documents = DOCUMENTS_BY_BASIS.get((direction, party_type), {}).get(OVERDUE_PAYMENT)
	return documents[0] if documents else None


def validate_direction(claim):
	"""The basis must fit the direction and the party, and each document the basis."""
	bases = DOCUMENTS_BY_BASIS.get((claim.direction, claim.party_type), {})
	if claim.basis not in bases:
		frappe.throw(
			_("{0} does not fit this claim ({1}, {2}). It may be about: {3}.").format(
				frappe.bold(_(claim.basis)),
				_(claim.direction),
				_(claim.party_type),
				", ".join(_(basis) for basis in bases),
			),
			title=_("Basis Does Not Fit the Direction"),
		)
	allowed = bases[claim.basis]
	for row in claim.documents:
		if row.reference_doctype != "Other" and row.reference_doctype not in allowed:
			frappe.throw(
				_("Row {0}: a claim about {1} does not rest on a {2}. It rests on: {3}.").format(
					row.idx,
					frappe.bold(_(claim.basis)),
					_(row.reference_doctype),
					", ".join(_(doctype) for doctype in (*allowed, "Other")),
				),
				title=_("Document Does Not Fit the Claim"),
			)


def fill_documents(claim):
	"""Each ERPNext document's date, due date, amount and what is still unpaid (or undelivered),
	read in one query per document type; each must be submitted and of the claim's party and company."""
	by_doctype = {}
	for row in claim.documents:
		row.currency = claim.currency
		if row.reference_doctype != "Other" and row.reference_name:
			by_doctype.setdefault(row.reference_doctype, []).append(row)
	for doctype, rows in by_doctype.items():
		records = _read_documents(doctype, [row.reference_name for row in rows])
		for row in rows:
			record = records.get(row.reference_name)
			if not record or record.docstatus != 1:
				frappe.throw(
					_(
						"Row {0}: {1} {2} is a draft or cancelled; a claim rests only on submitted documents."
					).format(row.idx, _(doctype), frappe.bold(row.reference_name)),
					title=_("Document Not Submitted"),
				)
			if (
				record.party != claim.party
				or record.company != claim.company
				or (doctype == "Payment Entry" and record.party_type != claim.party_type)
			):
				frappe.throw(
					_("Row {0}: {1} {2} is not a document of {3} and {4}.").format(
						row.idx, _(doctype), frappe.bold(row.reference_name), claim.party, claim.company
					),
					title=_("Document of Another Party"),
				)
			if doctype == "Payment Entry" and record.payment_type != PAYMENT_TYPE[claim.party_type]:
				frappe.throw(
					_("Row {0}: {1} {2} moved money the other way than this claim is about.").format(
						row.idx, _(doctype), frappe.bold(row.reference_name)
					),
					title=_("Document Does Not Fit the Claim"),
				)
			row.document_date = record.document_date
			row.amount = record.amount
			if record.due_date:
				row.due_date = record.due_date
			row.unpaid_amount = record.unpaid


def _read_documents(doctype: str, names: list[str]) -> dict:
	party_field = DOCUMENT_PARTY[doctype]
	fields = ["name", "docstatus", "company", f"{party_field} as party"]
	if doctype == "Payment Entry":
		fields += ["party_type", "payment_type", "posting_date", "paid_amount", "received_amount"]
		fields += ["unallocated_amount"]
	elif doctype in ORDER_DUE:
		due_field, done_field = ORDER_DUE[doctype]
		fields += ["transaction_date", "grand_total", "rounded_total", due_field, done_field]
	else:
		fields += ["posting_date", "grand_total", "rounded_total"]
		if doctype in INVOICE_PARTY:
			fields += ["due_date", "outstanding_amount"]
	records = {}
	for record in frappe.get_all(doctype, filters={"name": ("in", names)}, fields=fields):
		# The base is what is really due: the rounded total where ERPNext rounds.
		total = flt(record.get("rounded_total")) or flt(record.get("grand_total"))
		if doctype == "Payment Entry":
			# The amount in the party's account: received by the supplier, paid by the customer.
			amount = record.received_amount if record.payment_type == "Pay" else record.paid_amount
			record.update(document_date=record.posting_date, amount=amount, unpaid=record.unallocated_amount)
		elif doctype in ORDER_DUE:
			due_field, done_field = ORDER_DUE[doctype]
			undelivered = flt(total * (100 - min(flt(record.get(done_field)), 100)) / 100, 2)
			record.update(
				document_date=record.transaction_date,
				due_date=record.get(due_field),
				amount=total,
				unpaid=undelivered,
			)
		else:
			record.update(
				document_date=record.posting_date,
				amount=total,
				unpaid=record.get("outstanding_amount") or 0,
			)
		records[record.name] = record
	return records


def documents_of_contract(doctype: str, contract, filters: dict, fields: list[str], order_by: str) -> list:
	"""The submitted `doctype` documents under `contract` (of its company and party) that a claim under
	it may rest on.

	Read without ERPNext's permissions on `doctype`: the contract department (legal counsel, the contract
	group) makes claims on invoices, orders and payments it has no ERPNext role for. The caller has
	checked that the user may read the contract and create a claim (claim_flows.check_may_claim), and
	the read is scoped to that contract: only its documents, of its company and party, and only the
	fields a claim carries."""
	return frappe.get_all(
		doctype,
		filters={
			**filters,
			"cm_contract": contract.name,
			"company": contract.cm_company,
			DOCUMENT_PARTY[doctype]: contract.party_name,
			"docstatus": 1,
		},
		fields=fields,
		order_by=order_by,
	)


def is_overdue(calendar, due_date, overdue_before) -> bool:
	"""A payment due on a non-working day is due on the next working day (Civil Code art. 193): it is
	overdue before `overdue_before` only when that working day is earlier."""
	return calendar.next_working_day(getdate(due_date)) < getdate(overdue_before)


def invoices_offered(invoice_doctype: str, contract, overdue_before) -> list[dict]:
	"""The contract's submitted invoices still unpaid and overdue before `overdue_before`
	(documents_of_contract says who may read them)."""
	invoices = documents_of_contract(
		invoice_doctype,
		contract,
		filters={"outstanding_amount": (">", 0), "due_date": ("<", overdue_before)},
		fields=[
			"name",
			"company",
			"posting_date",
			"due_date",
			"grand_total",
			"rounded_total",
			"outstanding_amount",
		],
		order_by="due_date",
	)
	if not invoices:
		return []
	calendar = deadlines.calendar_for(invoices[0].company)
	return [invoice for invoice in invoices if is_overdue(calendar, invoice.due_date, overdue_before)]


def debts_of(claim) -> list[penalty.Debt]:
	"""Each claimed document with a due date, with what reduced it. A debt due on a non-working day
	is due on the next working day (Civil Code art. 193): the delay starts the day after that."""
	rows = [row for row in claim.documents if row.due_date and flt(row.amount)]
	if not rows:
		return []
	calendar = deadlines.calendar_for(claim.company)
	reductions = reductions_of(
		[(row.reference_doctype, row.reference_name) for row in rows if row.reference_name]
	)
	debts = []
	for row in rows:
		due = calendar.next_working_day(getdate(row.due_date))
		# The obligation arose on the document's date (claims/non_accrual.py says why).
		arose_on = getdate(row.document_date) if row.document_date else None
		if row.reference_doctype in INVOICE_PARTY and row.reference_name:
			paid, credited = reductions.get(row.reference_name, ([], []))
			debts.append(
				penalty.Debt(row.reference_name, due, flt(row.amount), paid, credited, arose_on=arose_on)
			)
		else:
			reference = row.reference_name or row.description or ""
			debts.append(penalty.Debt(reference, due, flt(row.unpaid_amount), arose_on=arose_on))
	return debts


def reductions_of(documents: list[tuple[str, str]]) -> dict[str, tuple[list, list]]:
	"""{invoice: ([(date, amount paid)], [(date, amount credited, credit note)])} from the Payment
	Ledger, in the invoice's currency. One query.

	A payment is a Payment Entry or a Journal Entry against the invoice; a credit note is a return
	invoice against it. The ledger books what lowers a receivable or a payable as a negative amount:
	what raises the debt (a debit note, a reversal) is not a payment and is left out."""
	invoices = [name for doctype, name in documents if doctype in INVOICE_PARTY]
	if not invoices:
		return {}
	ledger = frappe.qb.DocType("Payment Ledger Entry")
	rows = (
		frappe.qb.from_(ledger)
		.select(
			ledger.against_voucher_no,
			ledger.voucher_type,
			ledger.voucher_no,
			ledger.posting_date,
			Sum(ledger.amount_in_account_currency).as_("amount"),
		)
		.where(ledger.against_voucher_no.isin(invoices))
		.where(ledger.voucher_no != ledger.against_voucher_no)
		.where(ledger.voucher_type.isin(["Payment Entry", "Journal Entry", *INVOICE_PARTY]))
		.where(ledger.delinked == 0)
		.groupby(ledger.against_voucher_no, ledger.voucher_type, ledger.voucher_no, ledger.posting_date)
		.orderby(ledger.posting_date)
	).run(as_dict=True)
	reductions = {}
	for row in rows:
		if flt(row.amount) >= 0:
			continue
		paid, credited = reductions.setdefault(row.against_voucher_no, ([], []))
		if row.voucher_type in INVOICE_PARTY:
			credited.append((getdate(row.posting_date), -flt(row.amount), row.voucher_no))
		else:
			paid.append((getdate(row.posting_date), -flt(row.amount)))
	return reductions


def paid_after(documents: list[tuple[str, str]], after) -> float:
	"""Real payments (not credit notes) against the invoices made after `after`."""
	after = getdate(after)
	return sum(
		amount
		for paid, _credited in reductions_of(documents).values()
		for paid_on, amount in paid
		if paid_on > after
	)
