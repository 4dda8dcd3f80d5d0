"""Making claims: from a contract, from a customer or supplier, and in bulk from overdue debts or late
deliveries.

Each flow offers only what fits the claim's direction (claims/documents.py): on a sales contract
we claim the customer's overdue Sales Invoices and register the customer's claims about the goods; on
a purchase contract we claim the supplier's goods or our advance back and register the supplier's
claims for our overdue Purchase Invoices. Who may read a contract and create a claim gets, for the
claim, that contract's documents, whatever their ERPNext roles (claim_documents.documents_of_contract).
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Max, Min
from frappe.utils import add_days, cint, escape_html, flt, getdate, nowdate, strip_html

import contract_management.claims.claim as claims
from contract_management.claims import deadlines
from contract_management.claims import documents as claim_documents
from contract_management.claims.documents import (
	ADVANCE_NOT_RETURNED,
	GOODS_DUE,
	ORDER_LINES,
	OVERDUE_PAYMENT,
	PAYMENT_TYPE,
)

ORDER_OF_PARTY = {"Customer": "Sales Order", "Supplier": "Purchase Order"}
BULK_SAVEPOINT = "cm_overdue_claim"
LATE_DELIVERY = "Late Delivery"
# What ERPNext keeps as delivered on an order line (accepted and rejected, less returns).
DELIVERED_QTY = {"Purchase Order": "received_qty", "Sales Order": "delivered_qty"}


def _outgoing_demands():
	return {
		OVERDUE_PAYMENT: _("Pay the overdue debt under contract {0} and the penalty for the delay."),
		"Non-Delivery": _("Deliver the goods due under contract {0}."),
		"Late Delivery": _("Pay the penalty for the late delivery of the goods under contract {0}."),
		"Shortage": _("Deliver the missing goods under contract {0}."),
		"Quality": _("Replace the goods of inadequate quality delivered under contract {0}."),
		ADVANCE_NOT_RETURNED: _("Return the advance paid under contract {0} for goods not delivered."),
	}


def new_claim_for_contract(
	contract_name: str,
	direction: str = "Outgoing",
	basis: str | None = None,
	min_days_overdue: int = 0,
	on_date=None,
):
	"""A claim (not saved) under a signed contract, of the direction asked and a basis that fits it
	(overdue payment where it may be one), with the documents it rests on and the penalty to today."""
	on_date = getdate(on_date or nowdate())
	contract = frappe.get_doc("Contract", contract_name)
	check_may_claim(contract)
	bases = claim_documents.bases_for(direction, contract.party_type)
	basis = basis or (OVERDUE_PAYMENT if OVERDUE_PAYMENT in bases else bases[0] if bases else None)
	claim = frappe.new_doc("Contract Claim")
	claim.update(
		{
			"direction": direction,
			"basis": basis,
			"company": contract.cm_company,
			"party_type": contract.party_type,
			"party": contract.party_name,
			"contract": contract.name,
			"currency": contract.cm_currency,
			"responsible": contract.cm_responsible,
			"calculation_date": on_date,
			"penalty_method": "None",
		}
	)
	claim_documents.validate_direction(claim)
	if direction == "Outgoing" and basis in _outgoing_demands():
		claim.demand = _outgoing_demands()[basis].format(contract.cm_registry_number or contract.name)
	if basis in (OVERDUE_PAYMENT, LATE_DELIVERY):
		# Interest under art. 395 is for money: a late delivery takes the contract's penalty or none.
		claim.penalty_method = (
			claims.CONTRACT_PENALTY
			if flt(contract.cm_penalty_rate_per_day)
			else claims.KEY_RATE_SHARE
			if cint(contract.cm_penalty_key_rate_share)
			else claims.KEY_RATE
			if basis == OVERDUE_PAYMENT
			else "None"
		)
	if basis == OVERDUE_PAYMENT:
		_add_overdue_invoices(claim, contract, min_days_overdue, on_date)
	elif basis in GOODS_DUE:
		_add_orders_not_delivered(claim, contract, on_date)
	elif basis == ADVANCE_NOT_RETURNED:
		_add_advances(claim, contract)
	claims.set_defaults(claim)
	claim.principal_amount = sum(flt(row.unpaid_amount) for row in claim.documents)
	claims.compute(claim, claims._contract(claim))
	return claim


def check_may_claim(contract):
	"""Who may read the contract and create a claim may make a claim under it (and so read the
	documents it rests on); anyone else gets a permission error."""
	frappe.has_permission("Contract", "read", contract, throw=True)
	frappe.has_permission("Contract Claim", "create", throw=True)


def _add_overdue_invoices(claim, contract, min_days_overdue: int, on_date):
	doctype = claim_documents.invoice_doctype_for(claim.direction, claim.party_type)
	overdue_before = add_days(on_date, -cint(min_days_overdue))
	for invoice in claim_documents.invoices_offered(doctype, contract, overdue_before):
		claim.append(
			"documents",
			{
				"reference_doctype": doctype,
				"reference_name": invoice.name,
				"document_date": invoice.posting_date,
				"due_date": invoice.due_date,
				"amount": flt(invoice.rounded_total) or flt(invoice.grand_total),
				"unpaid_amount": invoice.outstanding_amount,
			},
		)


def _add_orders_not_delivered(claim, contract, on_date):
	"""The contract's orders past their delivery date and not fully delivered; for a late delivery,
	its orders with a late line (late_orders)."""
	doctype = ORDER_OF_PARTY[claim.party_type]
	due_field, done_field = claim_documents.ORDER_DUE[doctype]
	filters = {"status": ("not in", ("Closed", "On Hold")), done_field: ("<", 100), due_field: ("<", on_date)}
	if claim.basis == LATE_DELIVERY:
		# Orders with a line delivered late, or past due and not delivered, however much came since.
		late = late_orders(doctype, on_date, contracts=[contract.name], without_open_claims=False)
		filters = {"name": ("in", [order for _contract, order in late] or [""])}
	orders = claim_documents.documents_of_contract(
		doctype,
		contract,
		filters=filters,
		fields=["name", "transaction_date", due_field, "grand_total", "rounded_total", done_field],
		order_by=due_field,
	)
	for order in orders:
		total = flt(order.rounded_total) or flt(order.grand_total)
		claim.append(
			"documents",
			{
				"reference_doctype": doctype,
				"reference_name": order.name,
				"document_date": order.transaction_date,
				"due_date": order.get(due_field),
				"amount": total,
				"unpaid_amount": flt(total * (100 - flt(order.get(done_field))) / 100, 2),
			},
		)


def _add_advances(claim, contract):
	"""Advances paid under the contract and not yet covered by a delivery invoiced against them."""
	payments = claim_documents.documents_of_contract(
		"Payment Entry",
		contract,
		filters={
			"party_type": claim.party_type,
			"payment_type": PAYMENT_TYPE[claim.party_type],
			"unallocated_amount": (">", 0),
		},
		fields=["name", "posting_date", "paid_amount", "received_amount", "unallocated_amount"],
		order_by="posting_date",
	)
	for payment in payments:
		claim.append(
			"documents",
			{
				"reference_doctype": "Payment Entry",
				"reference_name": payment.name,
				"document_date": payment.posting_date,
				"amount": payment.received_amount if claim.party_type == "Supplier" else payment.paid_amount,
				"unpaid_amount": payment.unallocated_amount,
			},
		)


def new_claim_for_party(party_type: str, party: str, direction: str = "Outgoing", basis: str | None = None):
	"""A claim against a customer or supplier: under their one contract in force when they have
	exactly one (read with the user's permissions), else with the party alone."""
	field = "cm_customer" if party_type == "Customer" else "cm_supplier"
	contracts = frappe.get_list(
		"Contract", filters={field: party, "docstatus": 1, "cm_status": "Active"}, pluck="name", limit=2
	)
	if len(contracts) == 1:
		return new_claim_for_contract(contracts[0], direction, basis)
	claim = frappe.new_doc("Contract Claim")
	claim.update({"party_type": party_type, "party": party, "direction": direction, "basis": basis})
	if basis:
		claim_documents.validate_direction(claim)
	return claim


# ---------------------------------------------------------------- bulk


def contracts_with_overdue_debts(
	min_days_overdue: int, company: str | None = None, on_date=None, contracts: list[str] | None = None
) -> list[str]:
	"""Contracts (of `contracts`, when given) whose customer owes Sales Invoices overdue beyond N days,
	with no open claim about them. One query gives each contract's earliest unpaid due date; a due date on a non-working day
	counts from the next working day of the contract's company."""
	on_date = getdate(on_date or nowdate())
	overdue_before = add_days(on_date, -cint(min_days_overdue))
	invoice = frappe.qb.DocType("Sales Invoice")
	claim = frappe.qb.DocType("Contract Claim")
	open_claims = (
		frappe.qb.from_(claim)
		.select(claim.contract)
		.where(claim.docstatus < 2)
		.where(claim.direction == "Outgoing")
		.where(claim.basis == OVERDUE_PAYMENT)
		.where(claim.status.isin(claims.OPEN_STATUSES))
		.where(claim.contract.isnotnull())
	)
	query = (
		frappe.qb.from_(invoice)
		.select(invoice.cm_contract, invoice.company, Min(invoice.due_date).as_("due_date"))
		.where(invoice.docstatus == 1)
		.where(invoice.cm_contract.isnotnull())
		.where(invoice.outstanding_amount > 0)
		.where(invoice.due_date < overdue_before)
		.where(invoice.cm_contract.notin(open_claims))
		.groupby(invoice.cm_contract, invoice.company)
		.orderby(invoice.cm_contract)
	)
	if company:
		query = query.where(invoice.company == company)
	if contracts is not None:
		query = query.where(invoice.cm_contract.isin(contracts or [""]))
	calendars = {}
	due = []
	for row in query.run(as_dict=True):
		calendar = calendars.get(row.company) or calendars.setdefault(
			row.company, deadlines.calendar_for(row.company)
		)
		if claim_documents.is_overdue(calendar, row.due_date, overdue_before) and row.cm_contract not in due:
			due.append(row.cm_contract)
	return due


def make_claims_for_overdue_debts(
	min_days_overdue: int = 30, company: str | None = None, contracts: list[str] | None = None
) -> dict:
	"""One draft outgoing claim per contract with debts overdue beyond N days, each contract in a
	transaction of its own: a contract that fails is logged (Error Log, named) and the job goes on.
	Run twice, it makes nothing the second time: contracts with an open claim are left out.
	Returns {"made": [claims], "failed": [{"contract", "reason"}]}; the progress says the same."""
	return _make_claims(
		contracts_with_overdue_debts(min_days_overdue, company, contracts=contracts),
		lambda contract: new_claim_for_contract(contract, min_days_overdue=min_days_overdue),
		_("Claim for overdue debts under contract {0} failed"),
		_("Making claims for overdue debts"),
	)


def late_orders(
	doctype: str,
	on_date,
	company: str | None = None,
	contracts: list[str] | None = None,
	without_open_claims: bool = True,
) -> list[tuple[str, str]]:
	"""(contract, order) of the submitted orders under contracts with a line delivered late: past its
	due date (moved to the next working day) and not delivered in full, or with a delivery after it.
	One query; with `without_open_claims`, contracts with an open late-delivery claim are left out."""
	on_date = getdate(on_date or nowdate())
	line_doctype, due_field, item_doctype, link_field, _order_field = ORDER_LINES[doctype]
	delivery_doctype = next(
		key for key, value in claim_documents.ORDER_OF_DELIVERY.items() if value == doctype
	)
	order, line = frappe.qb.DocType(doctype), frappe.qb.DocType(line_doctype)
	item, delivery = frappe.qb.DocType(item_doctype), frappe.qb.DocType(delivery_doctype)
	query = (
		frappe.qb.from_(line)
		.join(order)
		.on(line.parent == order.name)
		.left_join(item)
		.on((item[link_field] == line.name) & (item.docstatus == 1))
		.left_join(delivery)
		.on(delivery.name == item.parent)
		.select(
			order.cm_contract,
			order.company,
			order.name,
			line[due_field].as_("due_date"),
			line.qty,
			line[DELIVERED_QTY[doctype]].as_("delivered"),
			Max(delivery.posting_date).as_("last_delivered_on"),
		)
		.where(order.docstatus == 1)
		.where(order.cm_contract.isnotnull())
		.where(line.parenttype == doctype)
		.where(line[due_field] < on_date)
		.groupby(line.name)
		.orderby(order.cm_contract)
		.orderby(line[due_field])
	)
	if without_open_claims:
		claim = frappe.qb.DocType("Contract Claim")
		query = query.where(
			order.cm_contract.notin(
				frappe.qb.from_(claim)
				.select(claim.contract)
				.where(claim.docstatus < 2)
				.where(claim.basis == LATE_DELIVERY)
				.where(claim.status.isin(claims.OPEN_STATUSES))
				.where(claim.contract.isnotnull())
			)
		)
	if company:
		query = query.where(order.company == company)
	if contracts is not None:
		query = query.where(order.cm_contract.isin(contracts or [""]))
	calendars, late = {}, []
	for row in query.run(as_dict=True):
		calendar = calendars.get(row.company) or calendars.setdefault(
			row.company, deadlines.calendar_for(row.company)
		)
		due = calendar.next_working_day(getdate(row.due_date))
		short = flt(row.delivered) < flt(row.qty) and due < on_date
		came_late = row.last_delivered_on and getdate(row.last_delivered_on) > due
		if (short or came_late) and (row.cm_contract, row.name) not in late:
			late.append((row.cm_contract, row.name))
	return late


def contracts_with_late_deliveries(
	company: str | None = None, on_date=None, contracts: list[str] | None = None
) -> list[str]:
	"""Purchase contracts whose supplier delivered an order line late, with no open late-delivery
	claim."""
	late = late_orders("Purchase Order", on_date, company, contracts)
	return list(dict.fromkeys(contract for contract, _order in late))


def make_claims_for_late_deliveries(company: str | None = None, contracts: list[str] | None = None) -> dict:
	"""One draft outgoing late-delivery claim per purchase contract with a late line, as
	make_claims_for_overdue_debts makes them for debts: each contract its own transaction, none twice."""
	return _make_claims(
		contracts_with_late_deliveries(company, contracts=contracts),
		lambda contract: new_claim_for_contract(contract, "Outgoing", LATE_DELIVERY),
		_("Claim for late deliveries under contract {0} failed"),
		_("Making claims for late deliveries"),
	)


def _make_claims(contracts: list[str], new_claim, failure_title: str, progress_title: str) -> dict:
	made, failed = [], []
	for index, contract in enumerate(contracts, start=1):
		frappe.db.savepoint(BULK_SAVEPOINT)
		try:
			claim = new_claim(contract)
			claim.insert()
		except Exception as error:
			frappe.db.rollback(save_point=BULK_SAVEPOINT)
			frappe.clear_messages()
			reason = strip_html(str(error)) or error.__class__.__name__
			failed.append({"contract": contract, "reason": reason})
			frappe.log_error(
				title=failure_title.format(contract), reference_doctype="Contract", reference_name=contract
			)
		else:
			made.append(claim.name)
		_commit()
		frappe.publish_progress(
			index * 100 / len(contracts), title=progress_title, description=_bulk_progress(made, failed)
		)
	return {"made": made, "failed": failed}


def _bulk_progress(made: list, failed: list) -> str:
	description = _("Claims made: {0}; contracts failed: {1}.").format(len(made), len(failed))
	for failure in failed:
		description += "<br>" + escape_html(
			_("Contract {0}: {1}").format(failure["contract"], failure["reason"])
		)
	return description


def _commit():
	# Each contract's claim (or its error log) is its own transaction. Tests run the job inside
	# the transaction they roll back.
	if not frappe.flags.in_test:
		# A background job commits contract by contract on purpose.
		# nosemgrep: frappe-manual-commit
		frappe.db.commit()
