"""Figures of the Contracts workspace that Frappe's own Document Type cards and Group By charts cannot
give: debts in the company's currency, counts by status with translated labels, and the primary
documents awaited.

Each reads the contracts and claims through the permission-aware list, so a user sees in the
workspace what they see in the lists and the reports; the whitelisted entry points check read
permission first."""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import flt, getdate, nowdate

from contract_management import compat
from contract_management.common import arguments
from contract_management.common.statuses import chart_names, claim_statuses
from contract_management.fulfilment.primary_document import DOCTYPE
from contract_management.reporting import debt_aging as aging
from contract_management.reporting.awaited import awaited_papers
from contract_management.reporting.scope import permitted
from contract_management.setup.custom_fields import CONTRACT_STATUSES

# Upper bounds (days overdue) of the aging buckets after "Not Due"; the last bucket is open-ended.
AGING_BOUNDS = aging.DEFAULT_RANGES
INVOICES = {"Receivable": "Sales Invoice", "Payable": "Purchase Invoice"}


# The aging chart's legend: short words that fit frappe-charts' legend (it cuts names over 18 letters,
# and «Дебиторская задолженность» has 25).
def series_name(side: str) -> str:
	return {"Receivable": _("Owed to Us"), "Payable": _("We Owe")}[side]


def company_of(filters) -> str | None:
	"""The company the card or chart is filtered on (its filters are JSON: {"company": name}), else the
	user's default company."""
	filters = arguments.json_value(filters, "filters", kinds=(dict,)) or {}
	company = arguments.name_of(filters.get("company"), "company", required=False)
	if company and not frappe.db.exists("Company", company):
		arguments.refuse(_("There is no company {0}.").format(frappe.bold(company)))
	return company or frappe.defaults.get_user_default("Company")


def visible_contracts(company: str | None):
	"""A subquery of the signed contracts the user may see, as the reports read them."""
	conditions = [["Contract", "docstatus", "=", 1]]
	if company:
		conditions.append(["Contract", "cm_company", "=", company])
	return permitted("Contract", conditions)


def _base_outstanding(table):
	# outstanding_amount is in the invoice's currency (a contract's invoices share its currency);
	# its company-currency value is taken at the invoice's rate, as the contract's money summary does.
	return table.outstanding_amount * table.conversion_rate


def overdue_debt(company: str | None, on_date=None) -> float:
	"""What customers owe under the contracts the user may see, past its due date, in the company's
	currency."""
	invoice = frappe.qb.DocType("Sales Invoice")
	(amount,) = (
		frappe.qb.from_(invoice)
		.select(Coalesce(Sum(_base_outstanding(invoice)), 0))
		.where(invoice.cm_contract.isin(visible_contracts(company)))
		.where(invoice.docstatus == 1)
		.where(invoice.due_date < getdate(on_date or nowdate()))
		.where(invoice.outstanding_amount > 0)
	).run()[0]
	return flt(amount)


def aging_labels() -> list[str]:
	# The workspace's chart is read at a glance beside others: its labels are the short ones.
	return aging.range_labels(AGING_BOUNDS, short=True)


def debt_aging(company: str | None, on_date=None) -> dict:
	"""Outstanding receivable and payable under the contracts the user may see, by days overdue:
	one grouped query per side."""
	on_date = getdate(on_date or nowdate())
	contracts = visible_contracts(company)
	labels = aging_labels()
	datasets = []
	for side, doctype in INVOICES.items():
		values = [0.0] * len(labels)
		invoice = frappe.qb.DocType(doctype)
		bucket = aging.range_of(invoice.due_date, on_date, AGING_BOUNDS)
		rows = (
			frappe.qb.from_(invoice)
			.select(bucket.as_("bucket"), Coalesce(Sum(_base_outstanding(invoice)), 0))
			.where(invoice.cm_contract.isin(contracts))
			.where(invoice.docstatus == 1)
			.where(invoice.outstanding_amount != 0)
			.groupby(bucket)
		).run()
		for index, amount in rows:
			values[int(index)] = flt(amount)
		datasets.append({"name": series_name(side), "values": values})
	return {"labels": labels, "datasets": datasets}


def status_label(status: str, context: str) -> str:
	"""A status as its own list shows it («Действует», «Направлена»), or the chart's shorter name."""
	short = chart_names().get(status)
	if short:
		return short
	return _(status, context=context)


def count_by_status(doctype: str, status_field: str, statuses, context: str) -> dict:
	"""Documents the user may see, counted by status through the permission-aware list."""
	rows = frappe.get_list(
		doctype,
		fields=[f"{status_field} as status", compat.count_field("count")],
		filters={"docstatus": ("<", 2)},
		group_by=status_field,
		order_by=None,
	)
	counts = {row.status: row.count for row in rows if row.status}
	shown = [status for status in statuses if counts.get(status)]
	return {
		"labels": [status_label(status, context) for status in shown],
		"datasets": [{"name": _("Count", context="Chart"), "values": [counts[status] for status in shown]}],
	}


def contracts_by_status() -> dict:
	return count_by_status("Contract", "cm_status", CONTRACT_STATUSES, "Contract Status")


def claims_by_status() -> dict:
	return count_by_status("Contract Claim", "status", claim_statuses(), "Contract Claim")


def chart_source(doctype: str, figures):
	"""The whitelisted `get` of a dashboard chart source over `doctype`: the user's read permission
	checked, then `figures(filters)`. Not cached: the figures differ from user to user."""

	@frappe.whitelist()
	def get(
		chart_name=None,
		chart=None,
		no_cache=None,
		filters=None,
		from_date=None,
		to_date=None,
		timespan=None,
		time_interval=None,
		heatmap_year=None,
	):
		frappe.has_permission(doctype, "read", throw=True)
		return figures(filters)

	return get


@frappe.whitelist()
def get_overdue_debt_card(filters=None) -> dict:
	"""The Overdue Debt under Contracts number card (a Custom card: it checks permission itself)."""
	frappe.has_permission("Contract", "read", throw=True)
	company = company_of(filters)
	return {
		"value": overdue_debt(company),
		"fieldtype": "Currency",
		"options": "Company:company:default_currency",
		"route": ["query-report", "Contract Fulfilment"],
		"route_options": {"company": company} if company else {},
	}


def primary_documents_awaited(company: str | None, on_date=None) -> int:
	"""How many primary documents under the contracts the user may see are awaited: the rows of the
	Primary Documents Awaited report for the same company."""
	filters = frappe._dict(company=company, on_date=getdate(on_date or nowdate()), min_days=0)
	query, paper, _since = awaited_papers(filters)
	(count,) = query.select(Count(paper.name)).run()[0]
	return count


@frappe.whitelist()
def get_primary_documents_awaited_card(filters=None) -> dict:
	"""The Primary Documents Awaited number card (a Custom card: it checks permission itself)."""
	frappe.has_permission(DOCTYPE, "read", throw=True)
	company = company_of(filters)
	return {
		"value": primary_documents_awaited(company),
		"fieldtype": "Int",
		"route": ["query-report", "Primary Documents Awaited"],
		"route_options": {"company": company} if company else {},
	}
