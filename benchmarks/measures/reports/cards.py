"""The number cards of the Contracts workspace."""

import frappe
from frappe.utils import add_days, get_year_start

from benchmarks.measures.reports.case import Case, money, single


def card(name: str, filters: list):
	from frappe.desk.doctype.number_card.number_card import get_result

	doc = frappe.get_doc("Number Card", name)
	return lambda: get_result(doc.as_dict(), [*frappe.parse_json(doc.filters_json or "[]"), *filters])


def card_cases(company, day) -> list[Case]:
	from contract_management.reporting import workspace

	year_start, year_end = (
		get_year_start(day),
		add_days(get_year_start(add_days(get_year_start(day), 400)), -1),
	)
	number = money
	first = lambda rows: money(rows[0][0])  # noqa: E731
	return [
		Case(
			"card",
			"Contracts in Force",
			card("Contracts in Force", []),
			number,
			single("select count(*) from `tabContract` where docstatus = 1 and cm_status = 'Active'"),
			first,
		),
		Case(
			"card",
			"Contracts Ending within 30 Days",
			card(
				"Contracts Ending within 30 Days",
				[["Contract", "end_date", "between", [day, add_days(day, 30)]]],
			),
			number,
			single(
				"""select count(*) from `tabContract` where docstatus = 1 and cm_status in ('Not Started', 'Active')
				and end_date between %(day)s and %(last)s""",
				{"day": day, "last": add_days(day, 30)},
			),
			first,
		),
		Case(
			"card",
			"Contracts on Approval",
			card("Contracts on Approval", []),
			number,
			single("select count(*) from `tabContract` where cm_status = 'On Approval'"),
			first,
		),
		Case(
			"card",
			"Overdue Debt under Contracts",
			lambda: workspace.get_overdue_debt_card(filters={"company": company}),
			lambda result: money(result["value"]),
			single(
				"""select coalesce(sum(si.outstanding_amount * si.conversion_rate), 0) from `tabSales Invoice` si
				join `tabContract` c on c.name = si.cm_contract
				where c.docstatus = 1 and c.cm_company = %(company)s and si.docstatus = 1
					and si.due_date < %(day)s and si.outstanding_amount > 0""",
				{"company": company, "day": day},
			),
			first,
		),
		Case(
			"card",
			"Open Claims",
			card("Open Claims", []),
			number,
			single(
				"""select count(*) from `tabContract Claim` where docstatus = 1
				and status not in ('Satisfied', 'Closed')"""
			),
			first,
		),
		Case(
			"card",
			"Claimed This Year",
			card("Claimed This Year", []),
			number,
			single(
				"""select coalesce(sum(total_claimed), 0) from `tabContract Claim` where docstatus = 1
				and direction = 'Outgoing' and sent_on between %(first)s and %(last)s""",
				{"first": year_start, "last": year_end},
			),
			first,
		),
	]
