"""What falls due: Contract Deadlines and Delivery Plan Fulfilment."""

from collections import Counter

from frappe.utils import add_days, flt

from benchmarks.measures.reports.case import Case, money, report_case, sql


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

	return report_case(
		"Contract Deadlines",
		"contract_deadlines",
		{"company": company, "on_date": day, "within_days": 30},
		figures,
		floor,
		lambda rows: Counter((kind, name, str(date)) for kind, name, date in rows),
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

	return report_case(
		"Delivery Plan Fulfilment",
		"delivery_plan_fulfilment",
		{"company": company, "report_date": day},
		figures,
		floor,
		floor_figures,
	)
