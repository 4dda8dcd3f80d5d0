"""The dashboard charts of the Contracts workspace."""

import frappe
from frappe.utils import add_days, getdate, now_datetime

from benchmarks.measures.reports.case import Case, money, single, sql


def chart_source(name: str):
	return frappe.get_attr(
		f"contract_management.contract_management.dashboard_chart_source.{name}.{name}.get"
	)


def labelled(result) -> dict:
	return {
		label: tuple(money(dataset["values"][index]) for dataset in result["datasets"])
		for index, label in enumerate(result["labels"])
	}


def chart_cases(company, day) -> list[Case]:
	from frappe import _
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as dashboard_chart
	from frappe.utils.dateutils import get_from_date_from_timespan, get_period, get_period_beginning

	from contract_management.reporting import workspace

	def by_status(rows):
		return {_(status): (money(count),) for status, count in rows if status and count}

	def aging_floor():
		bucket = """case when due_date >= %(day)s then 0 when due_date >= %(d30)s then 1
			when due_date >= %(d60)s then 2 when due_date >= %(d90)s then 3 when due_date >= %(d180)s then 4
			else 5 end"""
		values = {"day": day, "company": company} | {
			f"d{days}": add_days(day, -days) for days in workspace.AGING_BOUNDS
		}
		return [
			sql(
				f"""select {bucket} b, sum(i.outstanding_amount * i.conversion_rate) from `tab{doctype}` i
				join `tabContract` c on c.name = i.cm_contract
				where c.docstatus = 1 and c.cm_company = %(company)s and i.docstatus = 1 and i.outstanding_amount != 0
				group by b""",
				values,
			)
			for doctype in ("Sales Invoice", "Purchase Invoice")
		]

	def aging_figures(sides):
		labels = workspace.aging_labels()
		values = [[0.0] * len(labels) for _side in sides]
		for side, rows in enumerate(sides):
			for bucket, amount in rows:
				values[side][int(bucket)] = money(amount)
		return {
			label: tuple(values[side][index] for side in range(len(sides)))
			for index, label in enumerate(labels)
		}

	from_date = get_period_beginning(get_from_date_from_timespan(None, "Last Year"), "Monthly")

	signed_chart = frappe.as_json(frappe.get_doc("Dashboard Chart", "Contracts Signed per Month").as_dict())

	def signed_floor():
		return sql(
			"""select date_format(signed_on, '%%Y-%%m'), count(*) from `tabContract`
			where docstatus = 1 and signed_on >= %(from_date)s and signed_on <= %(to_date)s
			group by 1""",
			# The site's clock, as the chart counts to (the database's now() is the server's: past 21:00
			# UTC a site in Moscow is a day ahead of it).
			{"from_date": from_date, "to_date": now_datetime()},
		)

	def signed_figures(result):
		return {
			label: (money(value),)
			for label, value in zip(result["labels"], result["datasets"][0]["values"], strict=True)
			if value
		}

	def signed_floor_figures(rows):
		return {get_period(getdate(f"{month}-01"), "Monthly"): (money(count),) for month, count in rows}

	return [
		Case(
			"chart",
			"Contracts by Status",
			lambda: chart_source("contract_status_counts")(),
			labelled,
			single("select cm_status, count(*) from `tabContract` where docstatus < 2 group by cm_status"),
			by_status,
		),
		Case(
			"chart",
			"Debt Aging under Contracts",
			lambda: chart_source("contract_debt_aging")(filters={"company": company}),
			labelled,
			aging_floor,
			aging_figures,
		),
		Case(
			"chart",
			"Claims by Status",
			lambda: chart_source("contract_claim_status_counts")(),
			labelled,
			single("select status, count(*) from `tabContract Claim` where docstatus < 2 group by status"),
			by_status,
		),
		Case(
			"chart",
			"Contracts Signed per Month",
			# As the desk asks for it uncached: the chart's record as JSON.
			lambda: dashboard_chart(chart=signed_chart, no_cache=1),
			signed_figures,
			signed_floor,
			signed_floor_figures,
		),
	]


# ---------------------------------------------------------------- the measuring
