"""What a claim rests on: which documents fit its direction and basis, what they say, what was paid.

The direction decides the documents. We demand payment (outgoing, overdue payment) from a customer on
the Sales Invoices they owe us; from a supplier we demand the goods (non-delivery, late delivery,
shortage, quality: Purchase Orders and Receipts) or the return of an advance we paid (Payment
Entries to the supplier). A supplier demands payment (incoming, overdue payment) on our own overdue
Purchase Invoices; a customer demands the goods or the return of their advance.

Documents are read from ERPNext in one query per document type. What reduced an invoice's debt is
read from the Payment Ledger in one query: payments (Payment Entry, Journal Entry) on their date, and
credit notes, which reduce the principal itself. Nothing that increases a debt counts.

A claim for goods not delivered, delivered late or short counts its penalty per order line (Civil
Code art. 330, art. 521 for supply): each line is a debt of its value (qty × the line's rate), due on
its own date (Purchase Order Item.schedule_date, Sales Order Item.delivery_date), lowered by each
submitted receipt or delivery note made from it from the day after, as a payment lowers a money debt.
A return raises it again from the day after the return. Two queries per order type, whatever the
number of lines.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import flt, getdate, nowdate

from contract_management.claims import deadlines, penalty

OVERDUE_PAYMENT = "Overdue Payment"
ADVANCE_NOT_RETURNED = "Advance Not Returned"
OTHER = "Other"
GOODS_BASES = ("Non-Delivery", "Late Delivery", "Shortage", "Quality")
# The goods claims whose penalty runs on what was not delivered on time.
GOODS_DUE = ("Non-Delivery", "Late Delivery", "Shortage")

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
# Each order's lines and what delivers them: (line doctype, the line's due date, delivery item doctype,
# its link to the order line, its link to the order).
ORDER_LINES = {
	"Purchase Order": (
		"Purchase Order Item",
		"schedule_date",
		"Purchase Receipt Item",
		"purchase_order_item",
		"purchase_order",
	),
	"Sales Order": (
		"Sales Order Item",
		"delivery_date",
		"Delivery Note Item",
		"so_detail",
		"against_sales_order",
	),
}
ORDER_OF_DELIVERY = {"Purchase Receipt": "Purchase Order", "Delivery Note": "Sales Order"}

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
	"""Each claimed document with a due date, with what reduced it; for goods due, each order line
	(order_line_debts). A debt due on a non-working day is due on the next working day (Civil Code
	art. 193): the delay starts the day after that."""
	by_line = counts_by_order_line(claim)
	rows = [
		row
		for row in claim.documents
		if row.due_date and flt(row.amount) and not (by_line and row.reference_doctype in ORDER_LINES)
	]
	debts = order_line_debts(claim) if by_line else []
	if not rows:
		return debts
	calendar = deadlines.calendar_for(claim.company)
	reductions = reductions_of(
		[(row.reference_doctype, row.reference_name) for row in rows if row.reference_name]
	)
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


def counts_by_order_line(claim) -> bool:
	"""A claim for goods due counts its penalty per order line; a claim saved before that did not, and
	keeps its figures until the user ticks the setting
	(patches/v15_0/keep_delivery_penalties_before_order_lines.py)."""
	return claim.basis in GOODS_DUE and bool(claim.get("delivery_penalty_by_line"))


def order_line_debts(claim) -> list[penalty.Debt]:
	"""Each line of the claim's orders (listed, or made into its listed receipts and delivery notes)
	as a debt of goods: its value (qty × the line's rate) due on the line's date moved to the next
	working day, lowered by what was delivered from the day after each delivery. Refused when there are
	lines and none was late up to the calculation date."""
	orders = _orders_of(claim)
	if not orders:
		return []
	calendar = deadlines.calendar_for(claim.company)
	debts = []
	for doctype, names in orders.items():
		debts.extend(_line_debts(claim, doctype, names, calendar))
	calculation_date = getdate(claim.get("calculation_date") or nowdate())
	if debts and not any(penalty.delay_periods(debt, calculation_date) for debt in debts):
		frappe.throw(
			_(
				"The claim's orders have no order line delivered late up to {0}: each line was delivered in full by its due date (the next working day when that date is a non-working day), or is not due yet. A claim about a late delivery needs a late line."
			).format(frappe.format(calculation_date, "Date")),
			title=_("No Late Delivery"),
		)
	return debts


def _orders_of(claim) -> dict[str, list[str]]:
	"""{order doctype: [orders]}: those listed, and those the listed deliveries were made from (one
	query per delivery type)."""
	orders, deliveries = {}, {}
	for row in claim.documents:
		if not row.reference_name:
			continue
		if row.reference_doctype in ORDER_LINES:
			orders.setdefault(row.reference_doctype, []).append(row.reference_name)
		elif row.reference_doctype in ORDER_OF_DELIVERY:
			deliveries.setdefault(row.reference_doctype, []).append(row.reference_name)
	for delivery_doctype, names in deliveries.items():
		order_doctype = ORDER_OF_DELIVERY[delivery_doctype]
		_line, _due, item_doctype, _link, order_field = ORDER_LINES[order_doctype]
		made_from = frappe.get_all(
			item_doctype,
			filters={"parent": ("in", names), "parenttype": delivery_doctype, order_field: ("is", "set")},
			pluck=order_field,
			distinct=True,
		)
		orders.setdefault(order_doctype, []).extend(made_from)
	return {doctype: list(dict.fromkeys(names)) for doctype, names in orders.items()}


def _line_debts(claim, doctype: str, names: list[str], calendar) -> list[penalty.Debt]:
	"""The submitted orders' lines and what delivered them: two queries.

	The value is qty × `rate`, the price per unit as the order states it, in the order's currency
	(with VAT where the order's prices include it), which must be the claim's. Delivered is the
	accepted stock qty of submitted receipts or delivery notes made from the line, on their posting
	date; rejected goods are not delivered, and a return (a negative qty) raises the base again."""
	line_doctype, due_field, item_doctype, link_field, _order_field = ORDER_LINES[doctype]
	order, line = frappe.qb.DocType(doctype), frappe.qb.DocType(line_doctype)
	lines = (
		frappe.qb.from_(line)
		.join(order)
		.on(line.parent == order.name)
		.select(
			line.name,
			line.parent,
			line.idx,
			line.item_code,
			line[due_field].as_("due_date"),
			line.stock_qty,
			line.conversion_factor,
			line.rate,
			order.currency,
			order.transaction_date,
		)
		.where(order.name.isin(names))
		.where(order.docstatus == 1)
		.where(line.parenttype == doctype)
		.orderby(line.parent)
		.orderby(line.idx)
	).run(as_dict=True)
	if not lines:
		return []
	delivery_doctype = next(key for key, value in ORDER_OF_DELIVERY.items() if value == doctype)
	delivery, item = frappe.qb.DocType(delivery_doctype), frappe.qb.DocType(item_doctype)
	delivered = {}
	for row in (
		frappe.qb.from_(item)
		.join(delivery)
		.on(item.parent == delivery.name)
		.select(item[link_field].as_("line"), delivery.posting_date, Sum(item.stock_qty).as_("stock_qty"))
		.where(item[link_field].isin([line.name for line in lines]))
		.where(item.parenttype == delivery_doctype)
		.where(delivery.docstatus == 1)
		.groupby(item[link_field], delivery.posting_date)
		.orderby(delivery.posting_date)
	).run(as_dict=True):
		delivered.setdefault(row.line, []).append((getdate(row.posting_date), flt(row.stock_qty)))
	debts = []
	for line in lines:
		if claim.currency and line.currency != claim.currency:
			frappe.throw(
				_(
					"{0} {1} is in {2}, the claim in {3}: a delivery penalty is counted in the order's currency."
				).format(_(doctype), frappe.bold(line.parent), line.currency, claim.currency),
				title=_("Currency Does Not Match"),
			)
		if not line.due_date:
			continue
		unit = flt(line.rate) / (flt(line.conversion_factor) or 1)  # the value of one stock unit
		remaining = flt(line.stock_qty)
		value = amount = flt(remaining * unit, 2)
		deliveries = []
		for delivered_on, qty in delivered.get(line.name, []):
			remaining -= qty
			# Each delivery takes the difference of rounded values, so a completed line leaves 0.
			left = flt(remaining * unit, 2)
			deliveries.append((delivered_on, flt(value - left, 2)))
			value = left
		debts.append(
			penalty.Debt(
				_("{0}, line {1}: {2}").format(line.parent, line.idx, line.item_code),
				calendar.next_working_day(getdate(line.due_date)),
				amount,
				deliveries,
				# The obligation to deliver arose with the order (claims/non_accrual.py).
				arose_on=getdate(line.transaction_date),
			)
		)
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
