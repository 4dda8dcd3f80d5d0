"""What the contract card's Fulfilment tab shows: the money summary (contracts/summary.py) and the
contract's primary documents, how many in each status and the awaited ones (awaited.py says which, since
when) with the days they have waited.

The papers are read through their own permission-aware list, so every figure is the user's: a paper the
user may not read is neither counted nor listed, and a user who may not read primary documents at all
gets none (the tab then says nothing of them). Two queries, whatever the number of papers.
"""

import frappe
from frappe.utils import date_diff, getdate, nowdate

from contract_management import compat
from contract_management.contracts.summary import get_contract_summary
from contract_management.fulfilment.awaited import awaited_query
from contract_management.fulfilment.primary_document import DOCTYPE

# The statuses in the order of the steps, as the doctype lists them.
STATUSES = (
	"Expected",
	"Sent",
	"Received",
	"Signed by Both",
	"Original Sent",
	"Original Received",
	"Cancelled",
)
# The oldest awaited papers listed on the card; the report lists them all.
AWAITED_SHOWN = 20


def fulfilment_summary(contract: str, on_date=None) -> dict:
	"""The Fulfilment tab of a contract the user may read: the money summary and its primary documents."""
	return {
		**get_contract_summary(contract, on_date),
		"primary_documents": primary_documents(contract, on_date),
	}


def primary_documents(contract: str, on_date=None) -> dict | None:
	"""The contract's papers the user may read: counts by status, and the awaited ones, oldest first.
	None when the user may not read primary documents at all."""
	if not frappe.has_permission(DOCTYPE, "read"):
		return None
	on_date = getdate(on_date or nowdate())
	filters = [[DOCTYPE, "contract", "=", contract]]
	counted = {
		row.status: row.count
		for row in frappe.get_list(
			DOCTYPE,
			filters=filters,
			fields=["status", compat.count_field("count")],
			group_by="status",
			order_by=None,
			limit_page_length=0,
		)
	}
	readable = compat.list_subquery(
		DOCTYPE, filters=filters, fields=[f"`tab{DOCTYPE}`.`name`"], order_by=None
	)
	query, paper, since = awaited_query(readable, [contract], on_date)
	awaited = (
		query.select(
			paper.name,
			paper.kind,
			paper.number,
			paper.flow,
			paper.status,
			since.as_("waiting_since"),
		)
		.orderby(since)
		.orderby(paper.name)
	).run(as_dict=True)
	for row in awaited:
		row.days_waiting = date_diff(on_date, row.waiting_since) if row.waiting_since else None
	return {
		"total": sum(counted.values()),
		"by_status": [
			{"status": status, "count": counted[status]} for status in STATUSES if status in counted
		],
		"awaited_count": len(awaited),
		"awaited": awaited[:AWAITED_SHOWN],
	}
