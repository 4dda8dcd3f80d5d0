"""Claims work (Contract Claim): outgoing claims we send and incoming claims we answer.

A claim's own rules: defaults from its contract, checks, deadlines, the penalty and its status.
The documents a claim rests on and what was paid are claims/documents.py; the penalty
arithmetic claims/penalty.py; the working-day rule claims/deadlines.py; making claims (from a contract,
a party, in bulk) claims/flows.py.
"""

import frappe
from frappe import _
from frappe.utils import add_days, cint, flt, getdate, nowdate

from contract_management.claims import deadlines, non_accrual, penalty
from contract_management.claims import documents as claim_documents
from contract_management.claims.documents import OVERDUE_PAYMENT
from contract_management.common.settings import get_settings
from contract_management.common.validation import refuse_date_before
from contract_management.contracts.documents import check_contract_parties
from contract_management.contracts.printing import cm_percent

CONTRACT_PENALTY = "Contract Penalty"
FIXED_SUM = "Fixed Sum"
KEY_RATE = "Key Rate Interest (Art. 395)"
KEY_RATE_SHARE = "1/N of the Key Rate per Day"
# Which key rate a share of it takes, as the contract words it.
RATE_OF_EACH_DAY = "Rate in Force on Each Day"
RATE_ON_PAYMENT_DAY = "Rate on the Day of Payment"
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
			set_cap_from_contract(claim, contract)
		if claim.penalty_method == KEY_RATE_SHARE and not cint(claim.key_rate_share):
			claim.key_rate_share = contract.cm_penalty_key_rate_share
			set_cap_from_contract(claim, contract)
	if claim.penalty_method == KEY_RATE_SHARE and not claim.key_rate_mode:
		claim.key_rate_mode = get_settings().key_rate_mode or RATE_OF_EACH_DAY
	if not claim.currency and claim.company:
		claim.currency = frappe.get_cached_value("Company", claim.company, "default_currency")
	if not claim.claim_period_days:
		claim.claim_period_days = get_settings().default_claim_period_days or 30
	if not claim.calculation_date:
		claim.calculation_date = getdate(claim.sent_on or nowdate())


def set_cap_from_contract(claim, contract):
	claim.penalty_cap_basis = claim.penalty_cap_basis or contract.cm_penalty_cap_basis
	claim.penalty_cap_percent = claim.penalty_cap_percent or contract.cm_penalty_cap_percent


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
			"cm_penalty_key_rate_share",
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
	claim_documents.validate_direction(claim)
	claim_documents.fill_documents(claim)
	validate_amounts(claim)
	validate_penalty_terms(claim, contract)
	validate_dates(claim)
	compute(claim, contract)


def validate_contract(claim, contract):
	if claim.direction == "Outgoing" and claim.basis == OVERDUE_PAYMENT and not contract:
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
	if claim.basis == OVERDUE_PAYMENT and flt(claim.principal_amount) <= 0:
		frappe.throw(
			_("{0} must be greater than zero: a claim about an overdue payment needs a debt.").format(
				frappe.bold(_("Principal Amount"))
			),
			title=_("Invalid Amount"),
		)


def validate_penalty_terms(claim, contract):
	if claim.penalty_method == CONTRACT_PENALTY and not 0 < flt(claim.penalty_rate) < 100:
		frappe.throw(
			_("{0} must be above 0 and below 100% per day.").format(frappe.bold(_("Penalty, % per Day"))),
			title=_("Invalid Penalty"),
		)
	if claim.penalty_method == KEY_RATE_SHARE and cint(claim.key_rate_share) < 1:
		frappe.throw(
			_(
				"{0} must be a whole number above zero: 300 for a penalty of 1/300 of the key rate per day."
			).format(frappe.bold(_("Share of the Key Rate, 1/N"))),
			title=_("Invalid Penalty"),
		)
	if claim.penalty_method in (CONTRACT_PENALTY, KEY_RATE_SHARE):
		if flt(claim.penalty_cap_percent) < 0:
			frappe.throw(
				_("{0} cannot be below zero.").format(frappe.bold(_("Cap, %"))), title=_("Invalid Penalty")
			)
	if claim.penalty_method == FIXED_SUM and flt(claim.fixed_penalty) <= 0:
		frappe.throw(
			_("{0} must be greater than zero.").format(frappe.bold(_("Fixed Penalty"))),
			title=_("Invalid Penalty"),
		)
	contract_penalty = contract and contract_penalty_wording(contract)
	if (
		claim.penalty_method == KEY_RATE
		and claim.basis == OVERDUE_PAYMENT
		and contract_penalty
		and not (claim.key_rate_override_reason or "").strip()
	):
		frappe.throw(
			_(
				"Contract {0} sets a penalty of {1} for this debt, so key-rate interest is not due as well (Civil Code art. 395 p. 4). Claim the contract penalty, or state why in {2}."
			).format(
				frappe.bold(contract.name),
				contract_penalty,
				frappe.bold(_("Why Key Rate Interest Although the Contract Sets a Penalty")),
			),
			title=_("Penalty Set by the Contract"),
		)


def contract_penalty_wording(contract) -> str:
	"""The penalty the contract sets for a late payment, as the contract words it; "" if none."""
	if flt(contract.cm_penalty_rate_per_day):
		return _("{0}% per day").format(cm_percent(contract.cm_penalty_rate_per_day))
	if cint(contract.cm_penalty_key_rate_share):
		return _("1/{0} of the key rate per day").format(cint(contract.cm_penalty_key_rate_share))
	return ""


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
	set_deadlines(claim)
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
				"rate_share": row.rate_share,
				"note": row.note,
				"currency": claim.currency,
			},
		)
	claim.penalty_amount = penalty.total(rows, precision(claim))
	claim.total_claimed = flt(flt(claim.principal_amount) + claim.penalty_amount, precision(claim))


def set_deadlines(claim):
	"""The answer is due on the claim period's last day (sent, or received, + N days, moved past
	non-working days); the dispute may go to court the day after."""
	sent = claim.sent_on if claim.direction == "Outgoing" else claim.received_on
	if not sent:
		claim.response_due = claim.court_from = None
		return
	claim.response_due = deadlines.period_end(sent, cint(claim.claim_period_days), claim.company)
	claim.court_from = add_days(claim.response_due, 1)


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
	if claim.penalty_method not in (CONTRACT_PENALTY, KEY_RATE, KEY_RATE_SHARE):
		return []
	debts = claim_documents.debts_of(claim)
	periods = non_accrual_periods(claim)
	if claim.penalty_method == KEY_RATE:
		return penalty.key_rate_interest(debts, key_rates(), calculation_date, digits, periods)
	if claim.penalty_method == KEY_RATE_SHARE:
		rows = penalty.key_rate_share(
			debts,
			cint(claim.key_rate_share),
			key_rates(),
			calculation_date,
			claim.key_rate_mode == RATE_ON_PAYMENT_DAY,
			digits,
			periods,
		)
	else:
		rows = penalty.contract_penalty(debts, flt(claim.penalty_rate), calculation_date, digits, periods)
	cap = cap_amount(claim, contract)
	if cap is None:
		return rows
	basis = (
		_("the contract price") if claim.penalty_cap_basis == "Contract Price" else _("the overdue amount")
	)
	return penalty.apply_cap(
		rows, cap, _("Limited to {0}% of {1}").format(cm_percent(claim.penalty_cap_percent), basis), digits
	)


def non_accrual_periods(claim) -> list[penalty.NonAccrualPeriod]:
	"""The periods without accrual that cover the claim's debtor: the counterparty of an outgoing claim,
	our company for an incoming one. A claim saved before they were counted has the setting off
	(patches/v15_0/keep_claim_penalties_before_non_accrual.py) and keeps its figures."""
	if not claim.leave_out_non_accrual:
		return []
	if claim.direction == "Incoming":
		return non_accrual.periods_for("Company", claim.company)
	return non_accrual.periods_for(claim.party_type, claim.party)


def cap_amount(claim, contract=None):
	if not (claim.penalty_cap_basis and flt(claim.penalty_cap_percent)):
		return None
	if claim.penalty_cap_basis == "Contract Price":
		contract = contract or _contract(claim)
		base = flt(contract.cm_amount_with_vat) if contract else 0
	else:
		base = sum(flt(row.amount) for row in claim.documents if row.due_date) or flt(claim.principal_amount)
	return flt(base * flt(claim.penalty_cap_percent) / 100, precision(claim))


def key_rates() -> list[tuple]:
	return [
		(getdate(row.effective_from), flt(row.rate))
		for row in frappe.get_all("Key Rate", fields=["effective_from", "rate"])
	]


def warn_if_key_rates_may_be_missing(claim):
	complete_until = get_settings().key_rates_complete_until
	if (
		claim.penalty_method in (KEY_RATE, KEY_RATE_SHARE)
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
	if claim.direction == "Outgoing" and claim.court_from and getdate(claim.court_from) <= on_date:
		return "No Answer"  # the claim period has passed unanswered
	return "Sent" if claim.direction == "Outgoing" else "Received"


def amount_recovered(claim) -> float:
	"""Payments against the claimed invoices made after the claim was sent."""
	if claim.direction != "Outgoing" or not claim.sent_on:
		return 0
	documents = [(row.reference_doctype, row.reference_name) for row in claim.documents if row.reference_name]
	return flt(claim_documents.paid_after(documents, claim.sent_on), precision(claim))


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
	"""Outgoing claims whose claim period has passed unanswered (on or after "may go to court from")
	become No Answer: one UPDATE, idempotent."""
	on_date = getdate(on_date or nowdate())
	table = frappe.qb.DocType("Contract Claim")
	(
		frappe.qb.update(table)
		.set(table.status, "No Answer")
		.where(table.docstatus == 1)
		.where(table.direction == "Outgoing")
		.where(table.status == "Sent")
		.where(table.court_from <= on_date)
	).run()
