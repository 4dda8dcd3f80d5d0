"""The kinds of reminder and, for each, the one query that finds its candidates.

A kind's query returns the documents whose date reminded of falls between `low` and `high` (on indexed
dates), with what a reminder needs: company, contract, party, responsible person, department. Which of
them are due today, and which were already sent, is the engine's business (reminders/engine.py).

Three kinds remind of primary documents (Contract Primary Document, read here by query only: the
fulfilment package owns it), each counted from a date stored on the paper itself: an original we still
wait for after its scan, a paper we sent that has not come back signed, and an expected paper still
missing after the ERPNext document it accompanies. Not to be confused with Original Not Returned, the
contract's own signed original.
"""

from dataclasses import dataclass

import frappe
from frappe.query_builder import CustomFunction
from frappe.query_builder.functions import Coalesce, Date
from frappe.utils import add_days

from contract_management.common.claim_contracts import claims_with_contracts

AddDate = CustomFunction("ADDDATE", ["date", "days"])
KINDS = (
	"Contract End",
	"Notice Deadline",
	"Obligation Due",
	"Incoming Claim Response Due",
	"Outgoing Claim Court Date",
	"Overdue Invoice",
	"Original Not Returned",
	"Stuck on Approval",
	"Primary Document Original Not Received",
	"Primary Document Not Signed by Counterparty",
	"Expected Primary Document Missing",
)
PAPER_ORIGINAL_NOT_RECEIVED, PAPER_NOT_SIGNED, PAPER_MISSING = KINDS[-3:]
PAPER_KINDS = KINDS[-3:]
PAPER = "Contract Primary Document"
# Contracts that ended for good hear no more reminders.
CLOSED = ("Terminated", "Fulfilled", "Cancelled")


@dataclass
class Due:
	kind: str
	doctype: str
	name: str
	target_date: object
	offset: int
	company: str
	contract: str | None
	party: str | None
	responsible: str | None
	department: str | None
	amount: float = 0
	# Set by the engine: a missed reminder that a later one of the same document supersedes.
	stale: bool = False
	# What the reminder of a primary document names of it (kinds.paper_details); None for the other kinds.
	paper: dict | None = None


def candidates(kind: str, low, high, on_date) -> list[dict]:
	"""The documents of one kind whose date falls in [low, high], with the fields a reminder needs."""
	return CANDIDATES[kind](low, high, on_date)


def _contract_columns(contract):
	return (
		contract.cm_company.as_("company"),
		contract.party_name.as_("party"),
		contract.cm_responsible.as_("responsible"),
		contract.cm_department.as_("department"),
	)


def _contracts(target_date, *conditions, columns=()):
	"""The query of the contracts where all `conditions` hold, with `target_date` as the date reminded
	of and the fields a reminder needs (`columns` besides)."""
	contract = frappe.qb.DocType("Contract")
	query = frappe.qb.from_(contract).select(
		contract.name,
		contract.name.as_("contract"),
		target_date.as_("target_date"),
		*columns,
		*_contract_columns(contract),
	)
	for condition in conditions:
		query = query.where(condition)
	return query


def _contract_candidates(target_date, *conditions):
	"""The candidates of a kind that reminds of a date of the contract itself."""
	return _run(_contracts(target_date, *conditions), "Contract")


def _under_contracts(document, contract_link, target_date, amount):
	"""The query of the documents under a contract (`contract_link` names it), with `target_date` as
	the date reminded of, the `amount` and the contract's fields a reminder needs."""
	contract = frappe.qb.DocType("Contract")
	return (
		frappe.qb.from_(document)
		.join(contract)
		.on(contract_link == contract.name)
		.select(
			document.name,
			contract.name.as_("contract"),
			target_date.as_("target_date"),
			amount.as_("amount"),
			*_contract_columns(contract),
		)
	)


def _contract_end(low, high, on_date):
	# Two halves joined by UNION, each read through its own index: the contracts ending within reach
	# of the rules' offsets (end_date), and the few with days of their own (cm_remind_days_before_end).
	# One OR over both would make the database read every contract.
	contract = frappe.qb.DocType("Contract")

	def ending(condition):
		return _contracts(
			contract.end_date,
			contract.docstatus == 1,
			contract.cm_status.notin(CLOSED),
			condition,
			columns=(contract.cm_remind_days_before_end.as_("own_days"),),
		)

	own_reminder_date = AddDate(contract.end_date, -contract.cm_remind_days_before_end)
	return _run(
		ending(contract.end_date[low:high]).union(
			ending((contract.cm_remind_days_before_end > 0) & own_reminder_date[low:on_date])
		),
		"Contract",
	)


def _notice_deadline(low, high, on_date):
	contract = frappe.qb.DocType("Contract")
	return _contract_candidates(
		contract.cm_notice_deadline,
		contract.docstatus == 1,
		contract.cm_status.notin(CLOSED),
		contract.cm_auto_prolongation == 1,
		Coalesce(contract.cm_prolongation_refused, 0) == 0,
		contract.cm_notice_deadline[low:high],
	)


def _obligation_due(low, high, on_date):
	contract = frappe.qb.DocType("Contract")
	obligation = frappe.qb.DocType("Contract Obligation")
	obligations = _under_contracts(obligation, obligation.parent, obligation.due_date, obligation.amount)
	return _run(
		obligations.where(obligation.parenttype == "Contract")
		.where(contract.docstatus == 1)
		.where(contract.cm_status.notin(CLOSED))
		.where(obligation.status.isin(("Pending", "Partly Fulfilled")))
		.where(obligation.due_date[low:high]),
		"Contract Obligation",
	)


def _claims(low, high, direction, date_field, statuses=None):
	claim, contract, claims = claims_with_contracts()
	query = (
		claims.select(
			claim.name,
			claim.contract,
			claim[date_field].as_("target_date"),
			claim.company,
			claim.party,
			Coalesce(claim.responsible, contract.cm_responsible).as_("responsible"),
			contract.cm_department.as_("department"),
			claim.total_claimed.as_("amount"),
		)
		.where(claim.docstatus == 1)
		.where(claim.direction == direction)
		.where(claim.closed_on.isnull())
		.where(claim[date_field][low:high])
	)
	if statuses:
		query = query.where(claim.status.isin(statuses))
	else:
		query = query.where(claim.response_date.isnull())
	return _run(query, "Contract Claim")


def _incoming_claims(low, high, on_date):
	return _claims(low, high, "Incoming", "response_due")


def _outgoing_claims(low, high, on_date):
	return _claims(low, high, "Outgoing", "court_from", ("Sent", "No Answer"))


def _overdue_invoices(low, high, on_date):
	invoice = frappe.qb.DocType("Sales Invoice")
	invoices = _under_contracts(invoice, invoice.cm_contract, invoice.due_date, invoice.outstanding_amount)
	return _run(
		invoices.where(invoice.docstatus == 1)
		.where(invoice.outstanding_amount > 0)
		.where(invoice.due_date[low:high]),
		"Sales Invoice",
	)


def _original_not_returned(low, high, on_date):
	contract = frappe.qb.DocType("Contract")
	return _contract_candidates(
		Date(contract.signed_on),
		contract.docstatus == 1,
		Coalesce(contract.cm_original_received, 0) == 0,
		contract.signed_on[low : add_days(high, 1)],
	)


def _stuck_on_approval(low, high, on_date):
	contract = frappe.qb.DocType("Contract")
	return _contract_candidates(
		contract.cm_sent_for_approval_on,
		contract.docstatus == 0,
		contract.cm_status == "On Approval",
		contract.cm_sent_for_approval_on[low:high],
	)


def _papers(target_date, *conditions):
	"""The candidates of a kind that reminds of a primary document: the papers where all `conditions`
	hold, under signed contracts that are not closed, with `target_date` (a date of the paper) as the
	date reminded of. The paper's own responsible person, else the contract's."""
	paper = frappe.qb.DocType(PAPER)
	contract = frappe.qb.DocType("Contract")
	query = (
		frappe.qb.from_(paper)
		.join(contract)
		.on(contract.name == paper.contract)
		.select(
			paper.name,
			paper.contract,
			target_date.as_("target_date"),
			paper.amount,
			paper.company,
			paper.party,
			Coalesce(paper.responsible, contract.cm_responsible).as_("responsible"),
			contract.cm_department.as_("department"),
			paper.kind.as_("paper_kind"),
			paper.number.as_("paper_number"),
			paper.document_date.as_("paper_date"),
			paper.reference_doctype,
			paper.reference_name,
		)
		.where(contract.docstatus == 1)
		.where(contract.cm_status.notin(CLOSED))
	)
	for condition in conditions:
		query = query.where(condition)
	rows = _run(query, PAPER)
	for row in rows:
		row.paper = paper_details(
			row.pop("paper_kind"),
			row.pop("paper_number"),
			row.pop("paper_date"),
			row.pop("reference_doctype"),
			row.pop("reference_name"),
		)
	return rows


def paper_details(kind, number, date, reference_doctype=None, reference_name=None) -> dict:
	"""What a reminder names of a primary document: its kind, number and date, and the ERPNext document
	it accompanies."""
	return {
		"kind": kind,
		"number": number,
		"date": date,
		"reference_doctype": reference_doctype,
		"reference_name": reference_name,
	}


def _paper_original_not_received(low, high, on_date):
	# A paper we receive that came as a scan or by EDI (not on paper), whose original is required and
	# has not come: counted from the scan. Signing it (or sending ours back) does not bring the original.
	paper = frappe.qb.DocType(PAPER)
	return _papers(
		paper.received_on,
		paper.status.isin(("Received", "Signed by Both", "Original Sent")),
		paper.received_on[low:high],
		paper.flow == "We Receive",
		paper.original_required == 1,
		Coalesce(paper.received_via, "") != "Paper",
		paper.original_received_on.isnull(),
	)


def _paper_not_signed(low, high, on_date):
	# A paper we issued and sent whose counterparty has not signed it: counted from the sending.
	paper = frappe.qb.DocType(PAPER)
	return _papers(
		paper.sent_on,
		paper.status == "Sent",
		paper.sent_on[low:high],
		paper.flow == "We Issue",
	)


def _paper_missing(low, high, on_date):
	# An expected paper neither sent nor received: counted from the date of the ERPNext document it
	# accompanies, which the paper keeps (reference_date), so this reads one table and its index.
	paper = frappe.qb.DocType(PAPER)
	return _papers(paper.reference_date, paper.status == "Expected", paper.reference_date[low:high])


def _run(query, doctype):
	rows = query.run(as_dict=True)
	for row in rows:
		row.doctype = doctype
		row.setdefault("own_days", None)
	return rows


CANDIDATES = {
	"Contract End": _contract_end,
	"Notice Deadline": _notice_deadline,
	"Obligation Due": _obligation_due,
	"Incoming Claim Response Due": _incoming_claims,
	"Outgoing Claim Court Date": _outgoing_claims,
	"Overdue Invoice": _overdue_invoices,
	"Original Not Returned": _original_not_returned,
	"Stuck on Approval": _stuck_on_approval,
	PAPER_ORIGINAL_NOT_RECEIVED: _paper_original_not_received,
	PAPER_NOT_SIGNED: _paper_not_signed,
	PAPER_MISSING: _paper_missing,
}
