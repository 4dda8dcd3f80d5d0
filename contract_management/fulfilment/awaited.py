"""Which primary documents are awaited, since when, in one place: the Primary Documents Awaited report
and the workspace's number card both read them through `awaited_query`.

A paper is awaited while a step of it is still to come from someone:
- Expected: the paper is not yet made or received; waiting since its own date, else the date of the
  ERPNext document it accompanies, else the day the record was made;
- Sent (we issued it): waiting for the counterparty's signature since it was sent;
- Received as a scan or by EDI (not on paper) when the original is required: waiting for the original
  since the scan came;
- Signed by Both when the original is required and no original is sent or received yet: waiting since
  it was signed.
Any other status is final (an original sent or received, a paper signed by both whose original is not
required, a paper received on paper or without the need of an original) or Cancelled.
"""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Date
from frappe.utils import add_days
from pypika.terms import Term

from contract_management.common.queries import join_dynamic_link
from contract_management.fulfilment.primary_document import DOCTYPE, EXPECTED, REFERENCE_DOCTYPES

SENT, RECEIVED, SIGNED = "Sent", "Received", "Signed by Both"
AWAITED_STATUSES = (EXPECTED, SENT, RECEIVED, SIGNED)


def awaited_condition(paper) -> Term:
	"""SQL: the paper (a `frappe.qb.DocType(DOCTYPE)`) is awaited."""
	return (
		paper.status.isin([EXPECTED, SENT])
		| (
			(paper.status == RECEIVED)
			& (paper.original_required == 1)
			& (Coalesce(paper.received_via, "") != "Paper")
		)
		| ((paper.status == SIGNED) & (paper.original_required == 1))
	)


def awaited_query(papers: Term | None, contracts: Term, on_date, min_days: int = 0):
	"""The awaited papers among the `papers` subquery (their names; None: every paper) under the
	`contracts` subquery (the contracts' names), waiting `min_days` or more on `on_date`: one query, the
	ERPNext documents joined for their dates. Returns the query (to select from), the paper table and
	the SQL of the date waited since."""
	paper = frappe.qb.DocType(DOCTYPE)
	query, references = join_dynamic_link(
		frappe.qb.from_(paper), paper.reference_doctype, paper.reference_name, REFERENCE_DOCTYPES
	)
	reference_dates = [reference.posting_date for reference in references]
	since = (
		Case()
		.when(paper.status == SENT, paper.sent_on)
		.when(paper.status == RECEIVED, paper.received_on)
		.when(paper.status == SIGNED, paper.signed_on)
		.else_(Coalesce(paper.document_date, *reference_dates, Date(paper.creation)))
	)
	query = (
		query.where(paper.status.isin(AWAITED_STATUSES))
		.where(awaited_condition(paper))
		.where(paper.contract.isin(contracts))
	)
	if papers is not None:
		query = query.where(paper.name.isin(papers))
	if min_days:
		query = query.where(since <= add_days(on_date, -min_days))
	return query, paper, since
