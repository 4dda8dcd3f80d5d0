"""Obligations (stages) that fulfil themselves: what the ERPNext documents under a contract did of each
obligation, how late it is, and which of its primary documents are still awaited.

Which documents belong to an obligation:
- the one it names in Fulfilled By (a submitted Delivery Note, Purchase Receipt, Sales Invoice, Purchase
  Invoice or Payment Entry of the same contract): an explicit link wins, and a linked document fulfils
  no other obligation by matching;
- else those its kind calls for, done by the party that owes it: a delivery by Delivery Notes (a sale) or
  Purchase Receipts (a purchase), works and services by Sales or Purchase Invoices, a payment by the
  Payment Entries of the party that pays (the counterparty's receipts on a sale, ours on a purchase);
  an obligation of kind Other, or owed by the other party, only by an explicit link;
- of its item when it names one (only the document lines of that item), else the lines of the items no
  obligation drawing on that document type names (works and services share the invoices: one pool);
- in due-date order: the documents, oldest first, fill the obligations, earliest due first, by quantity
  when the obligation has one, else by amount (VAT included, as the contract's amount); an obligation
  with neither takes one whole document. A return is netted against the document it returns.

Its primary documents are the papers naming it and those accompanying a document that fulfils it; those
still awaited (awaited.py: not yet signed by both, or the original required and not yet there) keep it
Partly Fulfilled. Fulfilled when the documents cover it and no paper is awaited, on the day the last of
them came; Partly Fulfilled when partly covered, or covered with papers awaited; Pending otherwise.
Days late: fulfilled after the due date, the days between; still open past it, the days to today.

Rows Set by Hand and Cancelled keep what they have (a row set by hand still takes its documents, so the
next stage does not count them again). `refresh_obligations` reads everything with the same seven
queries for one obligation or a thousand and writes the rows that changed with one UPDATE (per 500
rows), through the query builder, so no document's save (and no hook) runs again.
"""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import date_diff, flt, getdate, now_datetime, nowdate

from contract_management.common.queries import DateDiff
from contract_management.fulfilment.awaited import awaited_condition
from contract_management.fulfilment.primary_document import CANCELLED
from contract_management.fulfilment.primary_document import DOCTYPE as PAPER_DOCTYPE

DOCTYPE = "Contract Obligation"
PENDING, PARTLY, FULFILLED = "Pending", "Partly Fulfilled", "Fulfilled"
OPEN_STATUSES = (PENDING, PARTLY)
RANK = {PENDING: 0, PARTLY: 1, FULFILLED: 2}
PAYMENT_ENTRY = "Payment Entry"
# The documents whose lines fulfil obligations, and the orders an obligation may name as where it is planned.
ITEM_DOCUMENTS = ("Delivery Note", "Purchase Receipt", "Sales Invoice", "Purchase Invoice")
FULFILLING_DOCUMENTS = (*ITEM_DOCUMENTS, PAYMENT_ENTRY)
PLANNING_DOCUMENTS = ("Sales Order", "Purchase Order")
# By the contract's direction: which document does each kind, and who owes it.
DOCUMENT_OF_KIND = {
	"Sales": {"Delivery": "Delivery Note", "Works": "Sales Invoice", "Services": "Sales Invoice"},
	"Purchase": {"Delivery": "Purchase Receipt", "Works": "Purchase Invoice", "Services": "Purchase Invoice"},
}
PERFORMER = {"Sales": "We", "Purchase": "Counterparty"}
PAYER = {"Sales": ("Counterparty", "Receive"), "Purchase": ("We", "Pay")}
FIGURES = ("status", "fulfilled_on", "fulfilled_qty", "fulfilled_amount", "days_late", "documents_awaited")
WRITE_CHUNK = 500
EPSILON = 1e-9


def refresh_obligations(contracts, on_date=None, keep_statuses_set_before=False) -> dict[str, dict]:
	"""Compute and store the figures and status of every obligation of `contracts` (names). Returns the
	figures of the rows it computed, by row name (what changed is already written).

	`keep_statuses_set_before`: a status someone set before the obligations fulfilled themselves (higher
	than the documents give) is kept, and the row marked Set by Hand with a reason saying so."""
	contracts = sorted({name for name in contracts or () if name})
	if not contracts:
		return {}
	on_date = getdate(on_date or nowdate())
	obligations = _obligations(contracts)
	if not obligations:
		return {}
	pieces = _item_pieces(contracts) + _payment_pieces(contracts)
	papers = _papers(contracts)
	computed = compute(obligations, pieces, papers, on_date)
	if keep_statuses_set_before:
		keep_higher_statuses(obligations, computed)
	write(obligations, computed)
	return computed


def keep_higher_statuses(obligations, computed):
	"""The rows whose stored status is beyond what the documents give become Set by Hand (one UPDATE)
	and leave `computed`: before this feature every status was set by hand."""
	kept = [
		row.name
		for row in obligations
		if row.name in computed and RANK.get(row.status, 0) > RANK[computed[row.name]["status"]]
	]
	if not kept:
		return
	table = frappe.qb.DocType(DOCTYPE)
	(
		frappe.qb.update(table)
		.set(table.set_by_hand, 1)
		.set(table.hand_reason, _("Set by hand before obligations were computed from the documents."))
		.where(table.name.isin(kept))
	).run()
	for name in kept:
		del computed[name]


def contracts_with_obligations() -> list[str]:
	obligation = frappe.qb.DocType(DOCTYPE)
	return (
		frappe.qb.from_(obligation)
		.select(obligation.parent)
		.distinct()
		.where(obligation.parenttype == "Contract")
		.orderby(obligation.parent)
	).run(pluck=True)


def _obligations(contracts):
	obligation, contract = frappe.qb.DocType(DOCTYPE), frappe.qb.DocType("Contract")
	return (
		frappe.qb.from_(obligation)
		.join(contract)
		.on(contract.name == obligation.parent)
		.select(
			obligation.name,
			obligation.parent.as_("contract"),
			obligation.idx,
			obligation.obligor,
			obligation.kind,
			obligation.due_date,
			obligation.amount,
			obligation.qty,
			obligation.item,
			obligation.reference_doctype,
			obligation.reference_name,
			obligation.set_by_hand,
			contract.cm_direction.as_("direction"),
			*(obligation[field] for field in FIGURES),
		)
		.where(obligation.parenttype == "Contract")
		.where(obligation.parentfield == "cm_obligations")
		.where(obligation.parent.isin(contracts))
		.where(contract.docstatus < 2)
		.where(obligation.status != "Cancelled")
	).run(as_dict=True)


def _item_pieces(contracts):
	"""Per submitted document under the contracts and item: its quantity and its amount with VAT (the
	lines' net amount grown by the document's taxes). A return (negative quantities) is netted against
	the document it returns. One query per doctype."""
	pieces = []
	for doctype in ITEM_DOCUMENTS:
		parent, line = frappe.qb.DocType(doctype), frappe.qb.DocType(f"{doctype} Item")
		rows = (
			frappe.qb.from_(parent)
			.join(line)
			.on((line.parent == parent.name) & (line.parenttype == doctype))
			.select(
				parent.name,
				parent.cm_contract.as_("contract"),
				parent.posting_date.as_("date"),
				parent.grand_total,
				parent.net_total,
				parent.is_return,
				parent.return_against,
				line.item_code.as_("item"),
				Sum(line.qty).as_("qty"),
				Sum(line.net_amount).as_("amount"),
			)
			.where(parent.cm_contract.isin(contracts))
			.where(parent.docstatus == 1)
			.groupby(parent.name, line.item_code)
		).run(as_dict=True)
		of_document = {}
		for row in rows:
			with_vat = flt(row.grand_total) / flt(row.net_total) if flt(row.net_total) else 1
			row.update(doctype=doctype, amount=flt(row.amount) * with_vat, qty=flt(row.qty))
			if not row.is_return:
				pieces.append(row)
				of_document[(row.name, row.item)] = row
		for row in rows:
			returned = row.is_return and of_document.get((row.return_against, row.item))
			if returned:
				returned.qty = max(returned.qty + row.qty, 0.0)
				returned.amount = max(returned.amount + row.amount, 0.0)
	return pieces


def _payment_pieces(contracts):
	"""Payment Entries under the contracts, in the party's currency (what was received from the customer,
	or paid to the supplier)."""
	payment = frappe.qb.DocType(PAYMENT_ENTRY)
	rows = (
		frappe.qb.from_(payment)
		.select(
			payment.name,
			payment.cm_contract.as_("contract"),
			payment.posting_date.as_("date"),
			payment.payment_type,
			Case()
			.when(payment.payment_type == "Receive", payment.paid_amount)
			.else_(payment.received_amount)
			.as_("amount"),
		)
		.where(payment.cm_contract.isin(contracts))
		.where(payment.docstatus == 1)
		.where(payment.payment_type.isin(("Receive", "Pay")))
	).run(as_dict=True)
	for row in rows:
		row.update(doctype=PAYMENT_ENTRY, item=None, qty=0.0, amount=flt(row.amount))
	return rows


def _papers(contracts):
	paper = frappe.qb.DocType(PAPER_DOCTYPE)
	return (
		frappe.qb.from_(paper)
		.select(
			paper.name,
			paper.obligation,
			paper.reference_doctype,
			paper.reference_name,
			Case().when(awaited_condition(paper), 1).else_(0).as_("awaited"),
			Coalesce(
				paper.original_received_on, paper.original_sent_on, paper.signed_on, paper.received_on
			).as_("done_on"),
		)
		.where(paper.contract.isin(contracts))
		.where(paper.status != CANCELLED)
	).run(as_dict=True)


def compute(obligations, pieces, papers, on_date) -> dict[str, dict]:
	"""The figures of each obligation (not Set by Hand), from the documents' pieces and the papers."""
	sources = {row.name: set() for row in obligations}
	figures = {
		row.name: frappe._dict(qty=0.0, amount=0.0, covered=False, done_on=None) for row in obligations
	}
	for pool_pieces, pool_obligations in _pools(obligations, pieces):
		_allocate(pool_pieces, pool_obligations, figures, sources)

	papers_of_obligation, papers_of_document = {}, {}
	for paper in papers:
		if paper.obligation:
			papers_of_obligation.setdefault(paper.obligation, []).append(paper)
		if paper.reference_name:
			papers_of_document.setdefault((paper.reference_doctype, paper.reference_name), []).append(paper)

	computed = {}
	for row in obligations:
		if row.set_by_hand:
			continue
		done = figures[row.name]
		own = {paper.name: paper for paper in papers_of_obligation.get(row.name, [])}
		for source in sources[row.name]:
			own.update({paper.name: paper for paper in papers_of_document.get(source, [])})
		awaited = sum(1 for paper in own.values() if paper.awaited)
		status, fulfilled_on = PENDING, None
		if done.covered and not awaited:
			status = FULFILLED
			dates = [done.done_on, *(paper.done_on for paper in own.values() if paper.done_on)]
			fulfilled_on = max(getdate(date) for date in dates if date)
		elif done.covered or done.qty > EPSILON or done.amount > EPSILON:
			status = PARTLY
		computed[row.name] = {
			"status": status,
			"fulfilled_on": fulfilled_on,
			"fulfilled_qty": flt(done.qty, 6),
			"fulfilled_amount": flt(done.amount, 2),
			"days_late": days_late(row.due_date, fulfilled_on, on_date),
			"documents_awaited": awaited,
		}
	return computed


def days_late(due_date, fulfilled_on, on_date) -> int:
	if not due_date:
		return 0
	until = fulfilled_on or on_date
	return max(date_diff(until, due_date), 0)


def _pools(obligations, pieces):
	"""The obligations grouped with the document pieces they draw from, each group in order."""
	linked = {(row.reference_doctype, row.reference_name) for row in obligations if _explicit(row)}
	# Works and services are both invoiced: one pool per document type, so no line fills both.
	named_items = {
		(row.contract, _matching_doctype(row), row.item)
		for row in obligations
		if row.item and not _explicit(row)
	}
	by_document, by_contract = {}, {}
	for piece in pieces:
		by_document.setdefault((piece.doctype, piece.name), []).append(piece)
		by_contract.setdefault((piece.contract, piece.doctype), []).append(piece)

	pools = {}
	for row in obligations:
		if _explicit(row):
			key = ("linked", row.reference_doctype, row.reference_name, row.item)
		else:
			doctype = _matching_doctype(row)
			if not doctype:
				continue
			key = ("matched", row.contract, doctype, row.item)
		if key not in pools:
			pools[key] = (_candidates(row, key, by_document, by_contract, linked, named_items), [])
		pools[key][1].append(row)
	for pool_pieces, pool_obligations in pools.values():
		pool_obligations.sort(key=lambda row: (row.due_date is None, row.due_date or "", row.idx))
		yield pool_pieces, pool_obligations


def _candidates(row, key, by_document, by_contract, linked, named_items) -> list:
	"""The pieces a pool draws from, oldest first."""
	if key[0] == "linked":
		candidates = [
			piece
			for piece in by_document.get((row.reference_doctype, row.reference_name), [])
			if not row.item or piece.item == row.item
		]
	else:
		doctype = key[2]
		candidates = [
			piece
			for piece in by_contract.get((row.contract, doctype), [])
			if (piece.doctype, piece.name) not in linked
			and (doctype != PAYMENT_ENTRY or piece.payment_type == PAYER[row.direction][1])
			and (
				piece.item == row.item if row.item else (row.contract, doctype, piece.item) not in named_items
			)
		]
	return sorted(candidates, key=lambda piece: (getdate(piece.date), piece.name))


def _explicit(row) -> bool:
	return bool(row.reference_name) and row.reference_doctype in FULFILLING_DOCUMENTS


def _matching_doctype(row) -> str | None:
	if row.kind == "Payment":
		payer = PAYER.get(row.direction)
		return PAYMENT_ENTRY if payer and row.obligor == payer[0] else None
	if row.obligor != PERFORMER.get(row.direction):
		return None
	return DOCUMENT_OF_KIND.get(row.direction, {}).get(row.kind)


def _allocate(pieces, obligations, figures, sources):
	"""The pieces, oldest first, fill the obligations in order: by quantity where the obligation has one,
	else by amount; the other figure follows in proportion. One with neither takes one whole piece."""
	left = [frappe._dict(piece=piece, qty=flt(piece.qty), amount=flt(piece.amount)) for piece in pieces]
	position = 0
	for row in obligations:
		done = figures[row.name]
		measure = "qty" if flt(row.qty) > 0 else "amount" if flt(row.amount) > 0 else None
		if measure is None:
			while position < len(left) and left[position].qty <= EPSILON and left[position].amount <= EPSILON:
				position += 1
			if position < len(left):
				rest = left[position]
				done.update(qty=rest.qty, amount=rest.amount, covered=True, done_on=rest.piece.date)
				sources[row.name].add((rest.piece.doctype, rest.piece.name))
				rest.qty = rest.amount = 0.0
			continue
		other = "amount" if measure == "qty" else "qty"
		need = flt(row[measure])
		while need > EPSILON and position < len(left):
			rest = left[position]
			available = rest[measure]
			if available <= EPSILON:
				position += 1
				continue
			take = min(available, need)
			share = rest[other] * take / available
			done[measure] += take
			done[other] += share
			rest[measure] -= take
			rest[other] -= share
			need -= take
			sources[row.name].add((rest.piece.doctype, rest.piece.name))
			if need <= EPSILON:
				done.update(covered=True, done_on=rest.piece.date)


def write(obligations, computed):
	"""The rows whose figures changed, with one UPDATE per WRITE_CHUNK rows: a CASE per figure."""
	current = {row.name: row for row in obligations}
	changed = [
		name
		for name, values in computed.items()
		if any(_differs(current[name].get(field), values[field]) for field in FIGURES)
	]
	table = frappe.qb.DocType(DOCTYPE)
	now, user = now_datetime(), frappe.session.user
	for start in range(0, len(changed), WRITE_CHUNK):
		names = changed[start : start + WRITE_CHUNK]
		query = frappe.qb.update(table)
		for field in FIGURES:
			case = Case()
			for name in names:
				case = case.when(table.name == name, computed[name][field])
			query = query.set(table[field], case.else_(table[field]))
		query.set(table.modified, now).set(table.modified_by, user).where(table.name.isin(names)).run()


def _differs(old, new) -> bool:
	if isinstance(new, float) or isinstance(old, float):
		return abs(flt(old) - flt(new)) > EPSILON
	if new is None or old is None:
		return (old or None) != (new or None)
	if hasattr(new, "year"):
		return getdate(old) != getdate(new)
	return old != new


def validate_obligations(contract):
	"""On the contract's save: a row set by hand gives its reason; an explicit Fulfilled By is a submitted
	document of this contract (checked where it is new or changed, one query per doctype named)."""
	before = contract.get_doc_before_save()
	previous = {row.name: row for row in (before.get("cm_obligations") if before else None) or []}
	to_check = {}
	for row in contract.get("cm_obligations") or []:
		if row.set_by_hand and not (row.hand_reason or "").strip():
			frappe.throw(
				_("Row {0}: give the reason why the obligation's status is set by hand.").format(row.idx),
				title=_("Reason Required"),
			)
		if not row.reference_doctype:
			row.reference_name = None
			continue
		old = previous.get(row.name)
		if old and (old.reference_doctype, old.reference_name) == (row.reference_doctype, row.reference_name):
			continue
		if row.reference_doctype not in (*FULFILLING_DOCUMENTS, *PLANNING_DOCUMENTS):
			frappe.throw(
				_(
					"Row {0}: an obligation is fulfilled by a Delivery Note, Purchase Receipt, Sales Invoice, Purchase Invoice or Payment Entry, or planned in an order, not by a {1}."
				).format(row.idx, _(row.reference_doctype)),
				title=_("Invalid Document"),
			)
		if row.reference_name:
			to_check.setdefault(row.reference_doctype, []).append(row)
	for doctype, rows in to_check.items():
		found = {
			doc.name: doc
			for doc in frappe.get_all(
				doctype,
				filters={"name": ("in", [row.reference_name for row in rows])},
				fields=["name", "docstatus", "cm_contract"],
			)
		}
		for row in rows:
			doc = found.get(row.reference_name)
			if not doc:
				continue  # the Dynamic Link validation reports a document that does not exist
			if doc.docstatus != 1:
				frappe.throw(
					_(
						"Row {0}: {1} {2} is not submitted; only a submitted document fulfils an obligation."
					).format(row.idx, _(doctype), frappe.bold(row.reference_name)),
					title=_("Invalid Document"),
				)
			if doc.cm_contract != contract.name:
				frappe.throw(
					_("Row {0}: {1} {2} is not a document of contract {3}.").format(
						row.idx, _(doctype), frappe.bold(row.reference_name), frappe.bold(contract.name)
					),
					title=_("Invalid Document"),
				)


def refresh_contract(contract):
	"""After the contract's save: its obligations computed again, and the loaded rows given the new
	figures, so the form shows them at once. A contract without obligations (every contract ERPNext's own
	code saves) costs no query."""
	if not contract.get("cm_obligations"):
		return
	computed = refresh_obligations([contract.name])
	for row in contract.get("cm_obligations") or []:
		if row.name in computed:
			row.update(computed[row.name])


def refresh_open_obligations(on_date=None):
	"""The daily move: each open obligation past due (not Set by Hand, its contract signed) is a day later.
	Nothing else of an obligation moves with the date: its figures and status move when its documents
	or papers do, and those refresh it then. So the night is one UPDATE on the indexed (status, due date),
	of the rows whose days late differ, whatever the number of contracts."""
	on_date = getdate(on_date or nowdate())
	obligation, contract = frappe.qb.DocType(DOCTYPE), frappe.qb.DocType("Contract")
	days_late = DateDiff(on_date, obligation.due_date)
	(
		frappe.qb.update(obligation)
		.set(obligation.days_late, days_late)
		.set(obligation.modified, now_datetime())
		.set(obligation.modified_by, frappe.session.user)
		.where(obligation.parenttype == "Contract")
		.where(obligation.due_date < on_date)
		.where(obligation.status.isin(OPEN_STATUSES))
		.where(Coalesce(obligation.set_by_hand, 0) == 0)
		.where(Coalesce(obligation.days_late, -1) != days_late)
		.where(
			obligation.parent.isin(
				frappe.qb.from_(contract).select(contract.name).where(contract.docstatus == 1)
			)
		)
	).run()
