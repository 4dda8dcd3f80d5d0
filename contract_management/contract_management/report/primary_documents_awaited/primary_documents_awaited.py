"""Primary Documents Awaited (Ожидаемые первичные документы): the papers under the contracts the user
may see that still wait for a step from someone (fulfilment/awaited.py says which and since when), by
counterparty and contract, with the days waiting and the amounts.

One query, whatever the number of papers and contracts: the papers the user may read and the contracts
they may see are subqueries of the permission-aware lists (reporting/scope.py), so a user who cannot
read a contract sees none of its papers."""

from bisect import bisect_left
from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import flt, getdate, nowdate

from contract_management.common import arguments
from contract_management.common.queries import DateDiff
from contract_management.fulfilment.awaited import AWAITED_STATUSES
from contract_management.fulfilment.primary_document import DOCTYPE
from contract_management.reporting.awaited import awaited_papers
from contract_management.reporting.scope import (
	column,
	dynamic_link_columns,
	link_column,
	mixed_currencies_message,
	money_column,
	party_columns,
	translator,
)

# Upper bounds (days waiting) of the chart's buckets; the last one is open-ended.
BUCKETS = (7, 30, 90)
NAME_FILTERS = ("company", "party_type", "party", "contract", "responsible", "kind", "status")


def execute(filters=None):
	filters = checked_filters(filters)
	rows = awaited_rows(filters)
	message = mixed_currencies_message(rows)
	return get_columns(), rows, message, get_chart(rows)


def checked_filters(filters) -> frappe._dict:
	"""The filters in the form the report reads, a malformed one refused with a translated error."""
	filters = frappe._dict(filters or {})
	for key in NAME_FILTERS:
		filters[key] = arguments.name_of(filters.get(key), key, required=False)
	if filters.party_type and filters.party_type not in ("Customer", "Supplier"):
		arguments.refuse(
			_("Counterparty Type must be Customer or Supplier, not {0}.").format(
				frappe.bold(filters.party_type)
			)
		)
	if filters.status and filters.status not in AWAITED_STATUSES:
		arguments.refuse(_("{0} is not a status of a document awaited.").format(frappe.bold(filters.status)))
	on_date = arguments.date_of(filters.get("on_date"), "on_date", required=False)
	filters.on_date = on_date or getdate(nowdate())
	min_days = filters.get("min_days")
	filters.min_days = 0 if min_days in (None, "") else arguments.whole_number(min_days, "min_days")
	return filters


def awaited_rows(filters) -> list[dict]:
	"""The rows in the report's order (by counterparty and contract, the longest waiting first): the
	days waiting are counted and the rows sorted by the query, leaving Python only the translations.
	The rows are read as tuples and each made into its dict once, its translated values taken from the
	few distinct ones: at 100,000 contracts the report has about 130,000 rows, and setting fields on
	rows read as dicts was a third of what the report added to its query."""
	query, paper, since = awaited_papers(filters)
	contract = frappe.qb.DocType("Contract")
	days_waiting = DateDiff(filters.on_date, since)
	fields = {
		"name": paper.name,
		"party_type": paper.party_type,
		"party": paper.party,
		"contract": paper.contract,
		"registry_number": contract.cm_registry_number,
		"kind": paper.kind,
		"flow": paper.flow,
		"number": paper.number,
		"document_date": paper.document_date,
		"reference_doctype": paper.reference_doctype,
		"reference_name": paper.reference_name,
		"status": paper.status,
		"waiting_since": since,
		"days_waiting": days_waiting,
		"amount": paper.amount,
		"currency": paper.currency,
		"responsible": paper.responsible,
	}
	records = (
		query.left_join(contract)
		.on(contract.name == paper.contract)
		.select(*fields.values())
		.orderby(paper.party)
		.orderby(paper.contract)
		.orderby(days_waiting, order=Order.desc)
		.orderby(paper.name)
	).run()
	translate = translator()
	# A status as the primary documents' list shows it («Отправлен», not the claims' «Направлена»).
	statuses = {status: _(status, context=DOCTYPE) for status in AWAITED_STATUSES}
	rows = []
	for record in records:
		row = dict(zip(fields, record, strict=True))
		row["kind"] = translate(row["kind"])
		row["flow"] = translate(row["flow"])
		row["status_label"] = statuses[row["status"]]
		row["amount"] = flt(row["amount"])
		rows.append(row)
	return rows


def bucket_labels() -> list[str]:
	labels, lower = [], 0
	for upper in BUCKETS:
		labels.append(_("{0}-{1} Days").format(lower, upper))
		lower = upper + 1
	labels.append(_("Over {0} Days").format(BUCKETS[-1]))
	return labels


def get_chart(rows):
	if not rows:
		return None
	# bisect_left: the index of the first bucket whose upper bound is at least the days waited
	waited = Counter(bisect_left(BUCKETS, row["days_waiting"] or 0) for row in rows)
	counts = [waited[index] for index in range(len(BUCKETS) + 1)]
	return {
		"data": {
			"labels": bucket_labels(),
			"datasets": [{"name": _("Documents Awaited"), "values": counts}],
		},
		"type": "bar",
		"colors": ["#ECAD4B"],
		"height": 260,
	}


def get_columns():
	return [
		*party_columns(),
		link_column(_("Contract"), "contract", "Contract", 120),
		column(_("Registry Number"), "registry_number", width=110),
		link_column(_("Primary Document"), "name", DOCTYPE, 130),
		column(_("Kind of Primary Document"), "kind", width=150),
		column(_("Who Issues It"), "flow", width=110),
		column(_("Document Number"), "number", width=100),
		column(_("Document Date"), "document_date", "Date"),
		*dynamic_link_columns(
			_("Accompanies (Document Type)"), "reference_doctype", _("Accompanies"), "reference_name", 140
		),
		column(_("Status"), "status_label", width=130),
		column(_("Waiting Since"), "waiting_since", "Date"),
		column(_("Days Waiting"), "days_waiting", "Int", 90, disable_total=1),
		money_column(_("Amount"), "amount", 120),
		link_column(_("Currency"), "currency", "Currency", 70),
		link_column(_("Responsible"), "responsible", "User", 140),
	]
