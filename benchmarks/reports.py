"""The reports, number cards and charts of the Contracts workspace on the benchmark dataset, each against
a hand-written raw-SQL floor that gives the same figures, in the same run; Debts by Contract against
ERPNext's own Accounts Receivable on the same data and date.

Each case runs the app's entry point as the desk calls it (a report's `execute` with the filters it
opens with, a card's `get_result` or method, a chart's source) and its floor: the least SQL a person
would write for the same figures, one statement where one can do it. The figures of both are compared
(each contract's, party's or status's numbers, rounded to the kopeck) before the times are written.
Both sides run the same number of times, alternating which goes first; the first run of each side is
a warm-up that is not counted (Accounts Receivable excepted: it is too long to run one more time).
All run as Administrator, who sees every contract: the app's permission-aware subqueries are then what
Frappe builds for a user without restrictions.
"""

import time
from collections import Counter
from dataclasses import dataclass, field

import frappe
from frappe.utils import add_days, flt, get_year_start, getdate

FLOOR_TARGET = 1.5


@dataclass
class Case:
	group: str  # "report", "card" or "chart"
	name: str
	app: object  # () -> raw result
	app_figures: object  # raw result -> comparable figures
	floor: object  # () -> raw rows
	floor_figures: object  # raw rows -> comparable figures
	against: str = "floor"  # what the other side is
	warm_up: bool = True
	note: str = ""
	results: dict = field(default_factory=dict)


def money(value) -> float:
	return round(flt(value), 2)


def sql(query: str, values=None) -> list:
	return frappe.db.sql(query, values or {})


# ---------------------------------------------------------------- reports


def report(module: str):
	return frappe.get_attr(f"contract_management.contract_management.report.{module}.{module}.execute")


def register_case(company, day) -> Case:
	def figures(result):
		return {
			row["contract"]: (
				money(row["invoiced"]),
				money(row["paid"]),
				money(row["outstanding"]),
				row["agreements"],
			)
			for row in result[1]
		}

	def floor():
		return sql(
			"""select c.name, c.cm_registry_number, c.cm_counterparty_number, c.cm_contract_date, c.cm_company,
				c.cm_direction, c.cm_contract_type, c.party_type, c.party_name, c.cm_subject, c.cm_is_framework,
				c.cm_amount_with_vat, c.cm_currency, c.start_date, c.end_date, c.cm_status, c.cm_responsible,
				c.cm_department, c.cm_original_received,
				coalesce(inv.total, 0), coalesce(inv.total - inv.outstanding, 0) + coalesce(pe.amount, 0),
				coalesce(inv.outstanding, 0), coalesce(am.n, 0)
			from `tabContract` c
			left join (
				select si.cm_contract, sum(si.grand_total) total, sum(si.outstanding_amount) outstanding
				from `tabSales Invoice` si join `tabContract` k on k.name = si.cm_contract
				where si.docstatus = 1 and k.cm_company = %(company)s and k.cm_direction != 'Purchase'
				group by si.cm_contract
				union all
				select pi.cm_contract, sum(pi.grand_total), sum(pi.outstanding_amount)
				from `tabPurchase Invoice` pi join `tabContract` k on k.name = pi.cm_contract
				where pi.docstatus = 1 and k.cm_company = %(company)s and k.cm_direction = 'Purchase'
				group by pi.cm_contract
			) inv on inv.cm_contract = c.name
			left join (
				select p.cm_contract, sum(p.unallocated_amount) amount
				from `tabPayment Entry` p join `tabContract` k on k.name = p.cm_contract
				where p.docstatus = 1 and k.cm_company = %(company)s group by p.cm_contract
			) pe on pe.cm_contract = c.name
			left join (
				select a.contract, count(*) n from `tabContract Amendment` a join `tabContract` k on k.name = a.contract
				where a.docstatus = 1 and k.cm_company = %(company)s group by a.contract
			) am on am.contract = c.name
			where c.cm_company = %(company)s
			order by c.cm_contract_date desc, c.name desc""",
			{"company": company},
		)

	return Case(
		"report",
		"Contract Register",
		lambda: report("contract_register")(frappe._dict(company=company, on_date=day)),
		figures,
		floor,
		lambda rows: {r[0]: (money(r[19]), money(r[20]), money(r[21]), r[22]) for r in rows},
	)


def fulfilment_case(company, day) -> Case:
	def figures(result):
		return {
			row["contract"]: tuple(
				money(row[key])
				for key in ("ordered", "delivered", "invoiced", "paid", "outstanding", "overdue")
			)
			for row in result[1]
		}

	def floor():
		side = """select d.cm_contract, sum(d.grand_total) total from `tab{doctype}` d
			join `tabContract` k on k.name = d.cm_contract
			where d.docstatus = 1 and k.docstatus = 1 and k.cm_company = %(company)s and k.cm_direction {direction}
			group by d.cm_contract"""

		def both(sales, purchase):
			return (
				side.format(doctype=sales, direction="!= 'Purchase'")
				+ " union all "
				+ side.format(doctype=purchase, direction="= 'Purchase'")
			)

		return sql(
			f"""select c.name, c.cm_amount_with_vat, coalesce(o.total, 0), coalesce(dl.total, 0),
				coalesce(inv.total, 0), coalesce(inv.total - inv.outstanding, 0) + coalesce(pe.amount, 0),
				coalesce(inv.outstanding, 0), coalesce(inv.overdue, 0)
			from `tabContract` c
			left join ({both("Sales Order", "Purchase Order")}) o on o.cm_contract = c.name
			left join ({both("Delivery Note", "Purchase Receipt")}) dl on dl.cm_contract = c.name
			left join (
				select si.cm_contract, sum(si.grand_total) total, sum(si.outstanding_amount) outstanding,
					sum(if(si.due_date < %(day)s, si.outstanding_amount, 0)) overdue
				from `tabSales Invoice` si join `tabContract` k on k.name = si.cm_contract
				where si.docstatus = 1 and k.docstatus = 1 and k.cm_company = %(company)s
					and k.cm_direction != 'Purchase'
				group by si.cm_contract
				union all
				select pi.cm_contract, sum(pi.grand_total), sum(pi.outstanding_amount),
					sum(if(pi.due_date < %(day)s, pi.outstanding_amount, 0))
				from `tabPurchase Invoice` pi join `tabContract` k on k.name = pi.cm_contract
				where pi.docstatus = 1 and k.docstatus = 1 and k.cm_company = %(company)s
					and k.cm_direction = 'Purchase'
				group by pi.cm_contract
			) inv on inv.cm_contract = c.name
			left join (
				select p.cm_contract, sum(p.unallocated_amount) amount
				from `tabPayment Entry` p join `tabContract` k on k.name = p.cm_contract
				where p.docstatus = 1 and k.docstatus = 1 and k.cm_company = %(company)s group by p.cm_contract
			) pe on pe.cm_contract = c.name
			where c.cm_company = %(company)s and c.docstatus = 1
			order by c.cm_contract_date desc, c.name desc""",
			{"company": company, "day": day},
		)

	return Case(
		"report",
		"Contract Fulfilment",
		lambda: report("contract_fulfilment")(frappe._dict(company=company, on_date=day)),
		figures,
		floor,
		lambda rows: {r[0]: tuple(money(v) for v in r[2:8]) for r in rows},
	)


def deadlines_case(company, day) -> Case:
	from contract_management.contract_management.report.contract_deadlines.contract_deadlines import (
		KINDS,
		kind_label,
	)

	last = add_days(day, 30)

	def figures(result):
		kinds = {kind_label(kind): kind for kind in KINDS}
		return Counter((kinds[row["kind"]], row["document"], str(row["date"])) for row in result[1])

	def floor():
		return sql(
			"""select 'Contract End', c.name, c.end_date from `tabContract` c
				where c.docstatus = 1 and c.cm_status in ('Not Started', 'Active') and c.cm_company = %(company)s
					and c.end_date <= %(last)s
			union all
			select 'Prolongation Notice Deadline', c.name, c.cm_notice_deadline from `tabContract` c
				where c.docstatus = 1 and c.cm_status in ('Not Started', 'Active') and c.cm_company = %(company)s
					and c.cm_auto_prolongation = 1 and c.cm_prolongation_refused = 0
					and c.cm_notice_deadline <= %(last)s
			union all
			select 'Obligation Due', c.name, o.due_date from `tabContract Obligation` o
				join `tabContract` c on c.name = o.parent and o.parenttype = 'Contract'
				where c.docstatus = 1 and c.cm_status in ('Not Started', 'Active') and c.cm_company = %(company)s
					and o.status in ('Pending', 'Partly Fulfilled') and o.due_date <= %(last)s
			union all
			select 'Answer to Claim Due', k.name, k.response_due from `tabContract Claim` k
				where k.docstatus = 1 and k.closed_on is null and k.company = %(company)s
					and k.direction = 'Incoming' and k.response_date is null and k.response_due <= %(last)s
			union all
			select 'Claim May Go to Court', k.name, k.court_from from `tabContract Claim` k
				where k.docstatus = 1 and k.closed_on is null and k.company = %(company)s
					and k.direction = 'Outgoing' and k.status in ('Sent', 'No Answer') and k.court_from <= %(last)s
			order by 3, 1, 2""",
			{"company": company, "last": last},
		)

	return Case(
		"report",
		"Contract Deadlines",
		lambda: report("contract_deadlines")(frappe._dict(company=company, on_date=day, within_days=30)),
		figures,
		floor,
		lambda rows: Counter((kind, name, str(date)) for kind, name, date in rows),
	)


def claims_case(company, day) -> Case:
	def floor():
		return sql(
			"""select name, direction, basis, status, company, party_type, party, contract, responsible,
				currency, coalesce(sent_on, received_on), response_due, court_from, principal_amount,
				penalty_amount, total_claimed, amount_recovered,
				datediff(coalesce(closed_on, %(day)s), coalesce(sent_on, received_on))
			from `tabContract Claim` where company = %(company)s and docstatus < 2
			order by creation desc""",
			{"company": company, "day": day},
		)

	return Case(
		"report",
		"Claims Register",
		lambda: report("claims_register")(frappe._dict(company=company, on_date=day)),
		lambda result: {
			row["claim"]: (money(row["claimed"]), money(row["recovered"]), row["days_open"])
			for row in result[1]
		},
		floor,
		lambda rows: {r[0]: (money(r[15]), money(r[16]), r[17]) for r in rows},
	)


DEBT_BUCKETS = ("not_due", "range1", "range2", "range3", "range4", "range5")


def debts_floor(company, day):
	return sql(
		"""select v.party, coalesce(si.cm_contract, pi.cm_contract, pe.cm_contract, '') contract,
			sum(v.outstanding),
			sum(if(datediff(%(day)s, v.due_date) <= 0, v.outstanding, 0)),
			sum(if(datediff(%(day)s, v.due_date) between 1 and 30, v.outstanding, 0)),
			sum(if(datediff(%(day)s, v.due_date) between 31 and 60, v.outstanding, 0)),
			sum(if(datediff(%(day)s, v.due_date) between 61 and 90, v.outstanding, 0)),
			sum(if(datediff(%(day)s, v.due_date) between 91 and 180, v.outstanding, 0)),
			sum(if(datediff(%(day)s, v.due_date) > 180, v.outstanding, 0))
		from (
			select party, against_voucher_type vt, against_voucher_no vn, sum(amount) outstanding,
				max(if(voucher_type = against_voucher_type and voucher_no = against_voucher_no,
					coalesce(due_date, posting_date), null)) due_date
			from `tabPayment Ledger Entry`
			where company = %(company)s and posting_date <= %(day)s and delinked = 0
				and account_type = 'Receivable' and party_type = 'Customer'
			group by party, against_voucher_type, against_voucher_no
			having sum(amount) != 0
		) v
		left join `tabSales Invoice` si on v.vt = 'Sales Invoice' and si.name = v.vn
		left join `tabPurchase Invoice` pi on v.vt = 'Purchase Invoice' and pi.name = v.vn
		left join `tabPayment Entry` pe on v.vt = 'Payment Entry' and pe.name = v.vn
		group by v.party, contract""",
		{"company": company, "day": day},
	)


def debts_case(company, day) -> Case:
	return Case(
		"report",
		"Debts by Contract",
		lambda: report("debts_by_contract")(frappe._dict(company=company, report_date=day)),
		lambda result: {
			(row["party"], row["contract"] or ""): tuple(
				money(row[key]) for key in ("outstanding", *DEBT_BUCKETS)
			)
			for row in result[1]
			if row["parent_row"]
		},
		lambda: debts_floor(company, day),
		lambda rows: {(r[0], r[1]): tuple(money(v) for v in r[2:]) for r in rows},
	)


def debts_against_receivable_case(company, day) -> Case:
	"""The same report against ERPNext's Accounts Receivable: the parties' totals must agree."""
	from erpnext.accounts.report.accounts_receivable.accounts_receivable import execute as receivable

	def ours(result):
		return {row["party"]: money(row["outstanding"]) for row in result[1] if not row["parent_row"]}

	def theirs(result):
		totals = Counter()
		for row in result[1]:
			if isinstance(row, dict) and row.get("party") and row.get("voucher_no"):
				totals[row["party"]] += flt(row.get("outstanding"))
		return {party: money(amount) for party, amount in totals.items() if money(amount)}

	return Case(
		"report",
		"Debts by Contract",
		lambda: report("debts_by_contract")(frappe._dict(company=company, report_date=day)),
		ours,
		lambda: receivable(
			frappe._dict(
				company=company,
				report_date=day,
				party_type="Customer",
				ageing_based_on="Due Date",
				range="30, 60, 90, 180",
			)
		),
		theirs,
		against="ERPNext's Accounts Receivable",
		warm_up=False,
	)


def delivery_plan_case(company, day) -> Case:
	def figures(result):
		return Counter(
			(
				row["contract"],
				str(row["due_date"]),
				money(row["ordered_qty"]),
				money(row["delivered_qty"]),
				money(row["on_time_qty"]),
				money(row["shortfall_amount"]),
			)
			for row in result[1]
		)

	def floor():
		# The dataset has no Sales or Purchase Orders: their lines are read too, and are none.
		orders = sql(
			"""select o.cm_contract, i.delivery_date, i.qty, coalesce(sum(d.qty), 0),
				coalesce(sum(if(n.posting_date <= i.delivery_date, d.qty, 0)), 0), i.rate
			from `tabSales Order Item` i join `tabSales Order` o on o.name = i.parent
			join `tabContract` c on c.name = o.cm_contract
			left join `tabDelivery Note Item` d on d.so_detail = i.name
			left join `tabDelivery Note` n on n.name = d.parent and n.docstatus = 1 and n.posting_date <= %(day)s
			where o.docstatus = 1 and c.cm_company = %(company)s and c.cm_direction = 'Sales'
			group by i.name
			union all
			select o.cm_contract, i.schedule_date, i.qty, coalesce(sum(d.qty), 0),
				coalesce(sum(if(n.posting_date <= i.schedule_date, d.qty, 0)), 0), i.rate
			from `tabPurchase Order Item` i join `tabPurchase Order` o on o.name = i.parent
			join `tabContract` c on c.name = o.cm_contract
			left join `tabPurchase Receipt Item` d on d.purchase_order_item = i.name
			left join `tabPurchase Receipt` n on n.name = d.parent and n.docstatus = 1 and n.posting_date <= %(day)s
			where o.docstatus = 1 and c.cm_company = %(company)s and c.cm_direction = 'Purchase'
			group by i.name""",
			{"company": company, "day": day},
		)
		obligations = sql(
			"""select c.name, o.due_date, if(o.qty > 0, o.qty, 1) qty, o.amount,
				o.status = 'Fulfilled' and coalesce(o.fulfilled_on, o.due_date) <= %(day)s fulfilled,
				o.status = 'Fulfilled' and coalesce(o.fulfilled_on, o.due_date) <= least(%(day)s, o.due_date) on_time
			from `tabContract Obligation` o
			join `tabContract` c on c.name = o.parent and o.parenttype = 'Contract'
			where c.docstatus = 1 and c.cm_company = %(company)s and o.status != 'Cancelled'
				and o.due_date is not null and o.kind in ('Delivery', 'Works', 'Services')
				and ((c.cm_direction = 'Sales' and o.obligor = 'We' and coalesce(o.reference_doctype, '') != 'Sales Order')
				or (c.cm_direction = 'Purchase' and o.obligor = 'Counterparty'
					and coalesce(o.reference_doctype, '') != 'Purchase Order'))""",
			{"company": company, "day": day},
		)
		return orders, obligations

	def floor_figures(rows):
		orders, obligations = rows
		counted = Counter()
		for contract, due, qty, delivered, on_time, rate in orders:
			shortfall = max(flt(qty) - flt(delivered), 0)
			counted[
				(
					contract,
					str(due),
					money(qty),
					money(delivered),
					money(on_time),
					money(shortfall * flt(rate)),
				)
			] += 1
		for contract, due, qty, amount, fulfilled, on_time in obligations:
			delivered = flt(qty) * (fulfilled or 0)
			shortfall = max(flt(qty) - delivered, 0)
			rate = flt(amount) / flt(qty)
			counted[
				(
					contract,
					str(due),
					money(qty),
					money(delivered),
					money(flt(qty) * (on_time or 0)),
					money(shortfall * rate),
				)
			] += 1
		return counted

	return Case(
		"report",
		"Delivery Plan Fulfilment",
		lambda: report("delivery_plan_fulfilment")(frappe._dict(company=company, report_date=day)),
		figures,
		floor,
		floor_figures,
	)


def reconciliation_case(company, day) -> Case:
	# The customer with the most ledger entries: the longest act.
	party = sql(
		"""select party from `tabGL Entry` where company = %s and party_type = 'Customer' and is_cancelled = 0
		group by party order by count(*) desc limit 1""",
		company,
	)[0][0]
	from_date = get_year_start(day)
	filters = dict(company=company, party_type="Customer", party=party, from_date=from_date, to_date=day)

	def figures(result):
		data = result[1]
		entries = [row for row in data if row.get("voucher_no")]
		return (
			money(data[0]["our_debit"] - data[0]["our_credit"]),
			len(entries),
			money(data[-1]["our_debit"] - data[-1]["our_credit"]),
		)

	def floor():
		return sql(
			"""select posting_date < %(from_date)s or is_opening = 'Yes' opening, voucher_type, voucher_no,
				sum(debit), sum(credit), min(posting_date)
			from `tabGL Entry`
			where company = %(company)s and party_type = 'Customer' and party = %(party)s and is_cancelled = 0
				and posting_date <= %(to_date)s
			group by opening, voucher_type, voucher_no
			order by min(posting_date), min(creation)""",
			filters,
		)

	def floor_figures(rows):
		opening = sum(flt(r[3]) - flt(r[4]) for r in rows if r[0])
		period = [r for r in rows if not r[0] and (flt(r[3]) or flt(r[4]))]
		closing = opening + sum(flt(r[3]) - flt(r[4]) for r in period)
		return (money(opening), len(period), money(closing))

	return Case(
		"report",
		"Reconciliation Act",
		lambda: report("reconciliation_act")(frappe._dict(filters)),
		figures,
		floor,
		floor_figures,
		note=f"one customer's act ({party}, the most ledger entries) from {from_date} to {day}",
	)


# ---------------------------------------------------------------- number cards and charts


def card(name: str, filters: list):
	from frappe.desk.doctype.number_card.number_card import get_result

	doc = frappe.get_doc("Number Card", name)
	return lambda: get_result(doc.as_dict(), [*frappe.parse_json(doc.filters_json or "[]"), *filters])


def single(query: str, values=None):
	return lambda: sql(query, values)


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
			where docstatus = 1 and signed_on >= %(from_date)s and signed_on <= now()
			group by 1""",
			{"from_date": from_date},
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


def cases(company, day) -> list[Case]:
	day = getdate(day)
	return [
		register_case(company, day),
		deadlines_case(company, day),
		fulfilment_case(company, day),
		debts_case(company, day),
		claims_case(company, day),
		delivery_plan_case(company, day),
		reconciliation_case(company, day),
		*card_cases(company, day),
		*chart_cases(company, day),
		debts_against_receivable_case(company, day),
	]


def timed(function):
	started = time.perf_counter()
	result = function()
	return time.perf_counter() - started, result


def measure(company, day, repeat: int, figure_class, log=print, only=None) -> list[dict]:
	"""Each case: both sides `repeat` times; their figures compared. Returns plain dicts (picklable).
	A case that fails is written down as failed, and the others are measured."""
	measured = []
	for case in cases(company, day):
		if only and case.name not in only:
			continue
		log(f"{case.group} {case.name} against {case.against}")
		try:
			m = measure_case(case, repeat, figure_class)
		except Exception as error:
			frappe.db.rollback()
			frappe.set_user("Administrator")
			log(f"  failed: {error!r}")
			measured.append(
				{"group": case.group, "name": case.name, "against": case.against, "failed": repr(error)[:300]}
			)
			continue
		measured.append(m)
		agree = "agree" if m["agree"] else "DIFFER: " + m["difference"]
		log(f"  app {m['ours'].s()}; {case.against} {m['theirs'].s()}; figures {agree}")
	return measured


def measure_case(case: Case, repeat: int, figure_class) -> dict:
	frappe.set_user("Administrator")
	ours, theirs = [], []
	our_result = their_result = None
	if case.warm_up:
		case.app()
		case.floor()
	for index in range(repeat):
		order = ("app", "floor") if index % 2 == 0 else ("floor", "app")
		for side in order:
			if side == "app":
				seconds, result = timed(case.app)
				ours.append(seconds)
				our_result = our_result if our_result is not None else result
			else:
				seconds, result = timed(case.floor)
				theirs.append(seconds)
				their_result = their_result if their_result is not None else result
		frappe.db.rollback()  # a report only reads; nothing is kept between runs
	our_figures, their_figures = case.app_figures(our_result), case.floor_figures(their_result)
	same = our_figures == their_figures
	return {
		"group": case.group,
		"name": case.name,
		"against": case.against,
		"note": case.note,
		"ours": figure_class(ours),
		"theirs": figure_class(theirs),
		"agree": same,
		"size": len(our_figures) if hasattr(our_figures, "__len__") else 1,
		"difference": "" if same else describe_difference(our_figures, their_figures),
	}


def describe_difference(ours, theirs) -> str:
	if isinstance(ours, dict) and isinstance(theirs, dict):
		only_ours = [key for key in ours if key not in theirs]
		only_theirs = [key for key in theirs if key not in ours]
		differ = [key for key in ours if key in theirs and ours[key] != theirs[key]]
		parts = [f"{len(ours):,} against {len(theirs):,} keys"]
		if only_ours:
			parts.append(f"only in the app's {len(only_ours):,} (e.g. {only_ours[0]!r})")
		if only_theirs:
			parts.append(f"only in the other's {len(only_theirs):,} (e.g. {only_theirs[0]!r})")
		if differ:
			key = differ[0]
			parts.append(f"{len(differ):,} differ (e.g. {key!r}: {ours[key]!r} against {theirs[key]!r})")
		return "; ".join(parts)
	return f"{ours!r} against {theirs!r}"[:300]
