"""Claims work (Contract Claim): outgoing claims we send and incoming claims we answer.

The documents a claim rests on are read from ERPNext in one query per document type, their payments
from the Payment Ledger in one query; the penalty is computed by services.penalty.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import add_days, cint, flt, getdate, nowdate

from contract_management.services import penalty
from contract_management.services.documents import check_contract_parties
from contract_management.services.settings import get_settings
from contract_management.services.validation import refuse_date_before

CONTRACT_PENALTY = "Contract Penalty"
FIXED_SUM = "Fixed Sum"
KEY_RATE = "Key Rate Interest (Art. 395)"
INVOICE_PARTY = {"Sales Invoice": "customer", "Purchase Invoice": "supplier"}
DELIVERY_PARTY = {"Delivery Note": "customer", "Purchase Receipt": "supplier"}
OPEN_STATUSES = ("Draft", "Sent", "Received", "Answered", "No Answer", "In Court", "Partly Satisfied")


def precision(claim) -> int:
	return claim.precision("penalty_amount") or 2


# ---------------------------------------------------------------- defaults


def set_defaults(claim):
	contract = _contract(claim)
	if contract:
		claim.company = claim.company or contract.cm_company
		claim.currency = claim.currency or contract.cm_currency
		if not claim.claim_period_days:
			claim.claim_period_days = contract.cm_claim_period_days
		if claim.penalty_method == CONTRACT_PENALTY and not claim.penalty_rate:
			claim.penalty_rate = contract.cm_penalty_rate_per_day
			claim.penalty_cap_basis = claim.penalty_cap_basis or contract.cm_penalty_cap_basis
			claim.penalty_cap_percent = claim.penalty_cap_percent or contract.cm_penalty_cap_percent
	if not claim.currency and claim.company:
		claim.currency = frappe.get_cached_value("Company", claim.company, "default_currency")
	if not claim.claim_period_days:
		claim.claim_period_days = get_settings().default_claim_period_days or 30
	if not claim.calculation_date:
		claim.calculation_date = getdate(claim.sent_on or nowdate())


def _contract(claim):
	if not claim.contract:
		return None
	return frappe.db.get_value(
		"Contract",
		claim.contract,
		[
			"name",
			"docstatus",
			"party_type",
			"party_name",
			"cm_company",
			"cm_currency",
			"cm_claim_period_days",
			"cm_penalty_rate_per_day",
			"cm_penalty_cap_basis",
			"cm_penalty_cap_percent",
			"cm_amount_with_vat",
		],
		as_dict=True,
	)


# ---------------------------------------------------------------- validate


def validate(claim):
	contract = _contract(claim)
	validate_contract(claim, contract)
	fill_documents(claim)
	validate_amounts(claim)
	validate_penalty_terms(claim, contract)
	validate_dates(claim)
	compute(claim, contract)


def validate_contract(claim, contract):
	if claim.direction == "Outgoing" and claim.basis == "Overdue Payment" and not contract:
		frappe.throw(
			_("An outgoing claim about an overdue payment needs its {0}.").format(frappe.bold(_("Contract"))),
			title=_("Contract Missing"),
		)
	if not contract:
		return
	check_contract_parties(contract, claim.party_type, claim.party, claim.company)
	if contract.docstatus != 1:
		frappe.throw(
			_("{0}: contract {1} is not signed.").format(
				frappe.bold(_("Contract")), frappe.bold(contract.name)
			),
			title=_("Contract Not Signed"),
		)


def fill_documents(claim):
	"""Each ERPNext document's date, due date, amount and what is still unpaid, read in one query per
	document type; each must be submitted and belong to the claim's party and company."""
	by_doctype = {}
	for row in claim.documents:
		row.currency = claim.currency
		if row.reference_doctype != "Other" and row.reference_name:
			by_doctype.setdefault(row.reference_doctype, []).append(row)
	for doctype, rows in by_doctype.items():
		party_field = INVOICE_PARTY.get(doctype) or DELIVERY_PARTY[doctype]
		fields = ["name", "docstatus", "company", "posting_date", "grand_total", f"{party_field} as party"]
		if doctype in INVOICE_PARTY:
			fields += ["due_date", "outstanding_amount"]
		records = {
			record.name: record
			for record in frappe.get_all(
				doctype, filters={"name": ("in", [row.reference_name for row in rows])}, fields=fields
			)
		}
		for row in rows:
			record = records.get(row.reference_name)
			if not record or record.docstatus != 1:
				frappe.throw(
					_(
						"Row {0}: {1} {2} is a draft or cancelled; a claim rests only on submitted documents."
					).format(row.idx, _(doctype), frappe.bold(row.reference_name)),
					title=_("Document Not Submitted"),
				)
			if record.party != claim.party or record.company != claim.company:
				frappe.throw(
					_("Row {0}: {1} {2} is not a document of {3} and {4}.").format(
						row.idx, _(doctype), frappe.bold(row.reference_name), claim.party, claim.company
					),
					title=_("Document of Another Party"),
				)
			row.document_date = record.posting_date
			row.amount = record.grand_total
			if doctype in INVOICE_PARTY:
				row.due_date = record.due_date
				row.unpaid_amount = record.outstanding_amount


def validate_amounts(claim):
	for row in claim.documents:
		if flt(row.amount) < 0 or flt(row.unpaid_amount) < 0:
			frappe.throw(
				_("Row {0}: amounts of the documents cannot be negative.").format(row.idx),
				title=_("Invalid Amount"),
			)
	if not flt(claim.principal_amount):
		claim.principal_amount = sum(flt(row.unpaid_amount) for row in claim.documents)
	if flt(claim.principal_amount) < 0 or flt(claim.fixed_penalty) < 0:
		frappe.throw(
			_("{0} and {1} cannot be negative.").format(
				frappe.bold(_("Principal Amount")), frappe.bold(_("Fixed Penalty"))
			),
			title=_("Invalid Amount"),
		)
	if claim.basis == "Overdue Payment" and flt(claim.principal_amount) <= 0:
		frappe.throw(
			_("{0} must be greater than zero: a claim about an overdue payment needs a debt.").format(
				frappe.bold(_("Principal Amount"))
			),
			title=_("Invalid Amount"),
		)


def validate_penalty_terms(claim, contract):
	if claim.penalty_method == CONTRACT_PENALTY:
		if not 0 < flt(claim.penalty_rate) < 100:
			frappe.throw(
				_("{0} must be above 0 and below 100% per day.").format(frappe.bold(_("Penalty, % per Day"))),
				title=_("Invalid Penalty"),
			)
		if flt(claim.penalty_cap_percent) < 0:
			frappe.throw(
				_("{0} cannot be below zero.").format(frappe.bold(_("Cap, %"))), title=_("Invalid Penalty")
			)
	if claim.penalty_method == FIXED_SUM and flt(claim.fixed_penalty) <= 0:
		frappe.throw(
			_("{0} must be greater than zero.").format(frappe.bold(_("Fixed Penalty"))),
			title=_("Invalid Penalty"),
		)
	if (
		claim.penalty_method == KEY_RATE
		and claim.basis == "Overdue Payment"
		and contract
		and flt(contract.cm_penalty_rate_per_day)
		and not (claim.key_rate_override_reason or "").strip()
	):
		frappe.throw(
			_(
				"Contract {0} sets a penalty of {1}% per day for this debt, so key-rate interest is not due as well (Civil Code art. 395 p. 4). Claim the contract penalty, or state why in {2}."
			).format(
				frappe.bold(contract.name),
				flt(contract.cm_penalty_rate_per_day),
				frappe.bold(_("Why Key Rate Interest Although the Contract Sets a Penalty")),
			),
			title=_("Penalty Set by the Contract"),
		)


def validate_dates(claim):
	sent = claim.sent_on if claim.direction == "Outgoing" else claim.received_on
	checks = [
		(
			claim.drafted_on,
			_("Drafted On"),
			sent,
			_("Sent On") if claim.direction == "Outgoing" else _("Received On"),
		),
		(
			sent,
			_("Sent On") if claim.direction == "Outgoing" else _("Received On"),
			claim.response_date,
			_("Response Date"),
		),
		(
			sent,
			_("Sent On") if claim.direction == "Outgoing" else _("Received On"),
			claim.court_filed_on,
			_("Filed With the Court On"),
		),
		(
			sent,
			_("Sent On") if claim.direction == "Outgoing" else _("Received On"),
			claim.closed_on,
			_("Closed On"),
		),
	]
	if claim.direction == "Outgoing":
		checks.append((claim.drafted_on, _("Drafted On"), claim.calculation_date, _("Penalty Calculated To")))
	for earlier, earlier_label, later, later_label in checks:
		refuse_date_before(later, later_label, earlier, earlier_label, title=_("Dates Out of Order"))
	if claim.docstatus == 1 and not sent:
		frappe.throw(
			_("Set {0} before registering the claim.").format(
				frappe.bold(_("Sent On") if claim.direction == "Outgoing" else _("Received On"))
			),
			title=_("Date Missing"),
		)


# ---------------------------------------------------------------- compute


def compute(claim, contract=None):
	sent = claim.sent_on if claim.direction == "Outgoing" else claim.received_on
	claim.response_due = add_days(sent, cint(claim.claim_period_days)) if sent else None
	claim.court_from = claim.response_due
	rows = penalty_rows(claim, contract)
	claim.set("penalty_rows", [])
	for row in rows:
		claim.append(
			"penalty_rows",
			{
				"reference_name": row.reference,
				"period_from": row.period_from,
				"period_to": row.period_to,
				"base": row.base,
				"rate": row.rate,
				"days": row.days,
				"days_in_year": row.days_in_year,
				"amount": row.amount,
				"note": row.note,
				"currency": claim.currency,
			},
		)
	claim.penalty_amount = penalty.total(rows, precision(claim))
	claim.total_claimed = flt(flt(claim.principal_amount) + claim.penalty_amount, precision(claim))


def penalty_rows(claim, contract=None) -> list:
	digits = precision(claim)
	calculation_date = getdate(claim.calculation_date or nowdate())
	if claim.penalty_method == FIXED_SUM:
		return [
			penalty.PenaltyRow(
				"",
				None,
				None,
				0,
				0,
				0,
				flt(claim.fixed_penalty, digits),
				note=_("Fixed penalty under the contract"),
			)
		]
	if claim.penalty_method not in (CONTRACT_PENALTY, KEY_RATE):
		return []
	debts = debts_of(claim)
	if claim.penalty_method == KEY_RATE:
		return penalty.key_rate_interest(debts, key_rates(), calculation_date, digits)
	rows = penalty.contract_penalty(debts, flt(claim.penalty_rate), calculation_date, digits)
	cap = cap_amount(claim, contract)
	if cap is None:
		return rows
	basis = (
		_("the contract price") if claim.penalty_cap_basis == "Contract Price" else _("the overdue amount")
	)
	return penalty.apply_cap(
		rows, cap, _("Limited to {0}% of {1}").format(flt(claim.penalty_cap_percent), basis), digits
	)


def cap_amount(claim, contract=None):
	if not (claim.penalty_cap_basis and flt(claim.penalty_cap_percent)):
		return None
	if claim.penalty_cap_basis == "Contract Price":
		contract = contract or _contract(claim)
		base = flt(contract.cm_amount_with_vat) if contract else 0
	else:
		base = sum(flt(row.amount) for row in claim.documents if row.due_date) or flt(claim.principal_amount)
	return flt(base * flt(claim.penalty_cap_percent) / 100, precision(claim))


def debts_of(claim) -> list[penalty.Debt]:
	"""Each claimed document with a due date, with the payments made against it."""
	rows = [row for row in claim.documents if row.due_date and flt(row.amount)]
	paid = payments_against(
		[(row.reference_doctype, row.reference_name) for row in rows if row.reference_name]
	)
	debts = []
	for row in rows:
		if row.reference_doctype in INVOICE_PARTY and row.reference_name:
			debts.append(
				penalty.Debt(
					row.reference_name,
					getdate(row.due_date),
					flt(row.amount),
					paid.get(row.reference_name, []),
				)
			)
		else:
			debts.append(
				penalty.Debt(
					row.reference_name or row.description or "", getdate(row.due_date), flt(row.unpaid_amount)
				)
			)
	return debts


def payments_against(documents: list[tuple[str, str]]) -> dict[str, list]:
	"""{invoice: [(date, amount paid)]} from the Payment Ledger, in the invoice's currency. One query."""
	invoices = [name for doctype, name in documents if doctype in INVOICE_PARTY]
	if not invoices:
		return {}
	ledger = frappe.qb.DocType("Payment Ledger Entry")
	rows = (
		frappe.qb.from_(ledger)
		.select(
			ledger.against_voucher_no,
			ledger.posting_date,
			Sum(ledger.amount_in_account_currency).as_("amount"),
		)
		.where(ledger.against_voucher_no.isin(invoices))
		.where(ledger.voucher_no != ledger.against_voucher_no)
		.where(ledger.delinked == 0)
		.groupby(ledger.against_voucher_no, ledger.posting_date)
		.orderby(ledger.posting_date)
	).run(as_dict=True)
	paid = {}
	for row in rows:
		# Payments reduce the invoice's balance: negative for a receivable, positive for a payable.
		paid.setdefault(row.against_voucher_no, []).append((getdate(row.posting_date), abs(flt(row.amount))))
	return paid


def key_rates() -> list[tuple]:
	return [
		(getdate(row.effective_from), flt(row.rate))
		for row in frappe.get_all("Key Rate", fields=["effective_from", "rate"])
	]


def warn_if_key_rates_may_be_missing(claim):
	complete_until = get_settings().key_rates_complete_until
	if (
		claim.penalty_method == KEY_RATE
		and complete_until
		and getdate(claim.calculation_date) > getdate(complete_until)
	):
		frappe.msgprint(
			_(
				"The key-rate table is known to be complete only up to {0}; the calculation runs to {1}. Add any later Bank of Russia decisions under Key Rate."
			).format(frappe.format(complete_until, "Date"), frappe.format(claim.calculation_date, "Date")),
			title=_("Key Rates May Be Missing"),
			indicator="orange",
		)


# ---------------------------------------------------------------- status and follow-up


def status_of(claim, on_date=None) -> str:
	on_date = getdate(on_date or nowdate())
	if claim.docstatus == 0:
		return "Draft"
	if claim.docstatus == 2:
		return "Cancelled"
	if claim.closed_on:
		return "Closed"
	if claim.court_filed_on:
		return "In Court"
	if claim.decision:
		return claim.decision
	if claim.response_date:
		return "Answered"
	if claim.direction == "Outgoing" and claim.response_due and getdate(claim.response_due) < on_date:
		return "No Answer"
	return "Sent" if claim.direction == "Outgoing" else "Received"


def amount_recovered(claim) -> float:
	"""Payments against the claimed invoices made after the claim was sent."""
	if claim.direction != "Outgoing" or not claim.sent_on:
		return 0
	invoices = [
		row.reference_name
		for row in claim.documents
		if row.reference_doctype in INVOICE_PARTY and row.reference_name
	]
	paid = payments_against([("Sales Invoice", name) for name in invoices])
	sent = getdate(claim.sent_on)
	return flt(
		sum(amount for rows in paid.values() for paid_on, amount in rows if paid_on > sent), precision(claim)
	)


def assign_incoming(claim):
	"""An incoming claim becomes a ToDo of its responsible person, due when our answer is due."""
	from frappe.desk.form.assign_to import add as assign

	user = claim.responsible or claim.owner
	assign(
		{
			"assign_to": [user],
			"doctype": claim.doctype,
			"name": claim.name,
			"date": claim.response_due,
			"priority": "High",
			"description": _("Answer claim {0} of {1} with reasons by {2}.").format(
				claim.name, claim.party, frappe.format(claim.response_due, "Date")
			),
		}
	)


def update_no_answer(on_date=None):
	"""Outgoing claims whose response is overdue become No Answer: one UPDATE, idempotent."""
	on_date = getdate(on_date or nowdate())
	table = frappe.qb.DocType("Contract Claim")
	(
		frappe.qb.update(table)
		.set(table.status, "No Answer")
		.where(table.docstatus == 1)
		.where(table.direction == "Outgoing")
		.where(table.status == "Sent")
		.where(table.response_due < on_date)
	).run()


# ---------------------------------------------------------------- making claims


def new_claim_for_contract(contract_name: str, min_days_overdue: int = 0, on_date=None):
	"""An outgoing claim (not saved) for the overdue invoices of a sales contract, with the
	penalty computed to today."""
	on_date = getdate(on_date or nowdate())
	contract = frappe.get_doc("Contract", contract_name)
	doctype = "Purchase Invoice" if contract.cm_direction == "Purchase" else "Sales Invoice"
	invoices = frappe.get_all(
		doctype,
		filters={
			"cm_contract": contract.name,
			"docstatus": 1,
			"outstanding_amount": (">", 0),
			"due_date": ("<", add_days(on_date, -cint(min_days_overdue))),
		},
		fields=["name", "posting_date", "due_date", "grand_total", "outstanding_amount"],
		order_by="due_date",
	)
	claim = frappe.new_doc("Contract Claim")
	claim.update(
		{
			"direction": "Outgoing",
			"basis": "Overdue Payment",
			"company": contract.cm_company,
			"party_type": contract.party_type,
			"party": contract.party_name,
			"contract": contract.name,
			"currency": contract.cm_currency,
			"responsible": contract.cm_responsible,
			"calculation_date": on_date,
			"penalty_method": CONTRACT_PENALTY if flt(contract.cm_penalty_rate_per_day) else KEY_RATE,
			"demand": _("Pay the overdue debt under contract {0} and the penalty for the delay.").format(
				contract.cm_registry_number or contract.name
			),
		}
	)
	for invoice in invoices:
		claim.append(
			"documents",
			{
				"reference_doctype": doctype,
				"reference_name": invoice.name,
				"document_date": invoice.posting_date,
				"due_date": invoice.due_date,
				"amount": invoice.grand_total,
				"unpaid_amount": invoice.outstanding_amount,
			},
		)
	set_defaults(claim)
	claim.principal_amount = sum(flt(invoice.outstanding_amount) for invoice in invoices)
	compute(claim, _contract(claim))
	return claim


def contracts_with_overdue_debts(
	min_days_overdue: int, company: str | None = None, on_date=None
) -> list[str]:
	"""Sales contracts with invoices overdue beyond N days and no open claim about them: one query."""
	on_date = getdate(on_date or nowdate())
	invoice = frappe.qb.DocType("Sales Invoice")
	claim = frappe.qb.DocType("Contract Claim")
	open_claims = (
		frappe.qb.from_(claim)
		.select(claim.contract)
		.where(claim.docstatus < 2)
		.where(claim.direction == "Outgoing")
		.where(claim.basis == "Overdue Payment")
		.where(claim.status.isin(OPEN_STATUSES))
		.where(claim.contract.isnotnull())
	)
	query = (
		frappe.qb.from_(invoice)
		.select(invoice.cm_contract)
		.distinct()
		.where(invoice.docstatus == 1)
		.where(invoice.cm_contract.isnotnull())
		.where(invoice.outstanding_amount > 0)
		.where(invoice.due_date < add_days(on_date, -cint(min_days_overdue)))
		.where(invoice.cm_contract.notin(open_claims))
		.orderby(invoice.cm_contract)
	)
	if company:
		query = query.where(invoice.company == company)
	return query.run(pluck=True)


def make_claims_for_overdue_debts(min_days_overdue: int = 30, company: str | None = None) -> list[str]:
	"""One draft outgoing claim per contract with debts overdue beyond N days. Run twice, it makes
	nothing the second time: contracts with an open claim are left out. Shows progress."""
	contracts = contracts_with_overdue_debts(min_days_overdue, company)
	made = []
	for index, contract in enumerate(contracts, start=1):
		claim = new_claim_for_contract(contract, min_days_overdue)
		claim.insert()
		made.append(claim.name)
		frappe.publish_progress(
			index * 100 / len(contracts),
			title=_("Making claims for overdue debts"),
			description=_("Contract {0}: claim {1}").format(contract, claim.name),
		)
	return made


def claims_summary(contract: str) -> dict:
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
