"""Contract Performance against a floor of hand-written SQL giving the same figures per counterparty: the
order lines due in the last twelve months with their deliveries by date, the claims, and the debts
aged at the cut-off, with the working-day due date and each line's verdict counted in Python (the
company's Default Holiday List, else Saturdays and Sundays: the benchmark site sets no other rule)."""

from datetime import timedelta

from frappe.utils import add_months, flt, getdate

from benchmarks.measures.reports.case import Case, money, report_case, sql
from contract_management.reporting.order_lines import FLOWS

FIELDS = (
	"lines_due",
	"on_time",
	"late",
	"short",
	"on_time_percent",
	"average_days_late",
	"shortfall_amount",
	"claims_made",
	"claims_received",
	"penalties_claimed",
	"amount_recovered",
	"overdue_debt",
)


def lines_floor(direction, values):
	order, item, due, delivery, delivery_item, link = FLOWS[direction]
	where = f"""from `tab{item}` i join `tab{order}` o on o.name = i.parent
		join `tabContract` c on c.name = o.cm_contract
		where o.docstatus = 1 and c.cm_direction = '{direction}' and c.cm_company = %(company)s
			and i.{due} between %(start)s and %(until)s"""
	lines = sql(
		f"select c.party_type, c.party_name, i.name, i.{due}, i.qty, i.stock_qty, i.base_rate {where}", values
	)
	delivered = sql(
		f"""select d.{link}, n.posting_date, sum(d.stock_qty)
		from `tab{delivery_item}` d join `tab{delivery}` n on n.name = d.parent
		where n.docstatus = 1 and n.posting_date <= %(until)s and d.{link} in (select i.name {where})
		group by d.{link}, n.posting_date order by n.posting_date""",
		values,
	)
	return lines, delivered


def performance_case(company, day) -> Case:
	until = getdate(day)
	start = getdate(add_months(until, -12))
	values = {"company": company, "start": start, "until": until}

	def figures(result):
		return {
			(row["party_type"], row["party"]): tuple(money(row[key]) for key in FIELDS) for row in result[1]
		}

	def floor():
		holidays = sql(
			"""select h.holiday_date, l.from_date, l.to_date from `tabCompany` co
			join `tabHoliday List` l on l.name = co.default_holiday_list
			left join `tabHoliday` h on h.parent = l.name where co.name = %(company)s""",
			values,
		)
		lines = {direction: lines_floor(direction, values) for direction in FLOWS}
		claims = sql(
			"""select cl.party_type, cl.party, sum(cl.direction = 'Outgoing'), sum(cl.direction = 'Incoming'),
				sum(if(cl.direction = 'Outgoing' and cl.currency = co.default_currency, cl.penalty_amount, 0)),
				sum(if(cl.direction = 'Outgoing' and cl.currency = co.default_currency, cl.amount_recovered, 0))
			from `tabContract Claim` cl join `tabContract` c on c.name = cl.contract
			join `tabCompany` co on co.name = cl.company
			where cl.docstatus = 1 and cl.company = %(company)s and c.cm_company = %(company)s
				and ((cl.direction = 'Outgoing' and cl.sent_on between %(start)s and %(until)s)
				or (cl.direction = 'Incoming' and cl.received_on between %(start)s and %(until)s))
			group by cl.party_type, cl.party""",
			values,
		)
		debts = sql(
			"""select v.party_type, v.party,
				sum(v.outstanding) - sum(if(datediff(%(until)s, v.due_date) <= 0, v.outstanding, 0))
			from (
				select party_type, party, against_voucher_type vt, against_voucher_no vn, sum(amount) outstanding,
					max(if(voucher_type = against_voucher_type and voucher_no = against_voucher_no,
						coalesce(due_date, posting_date), null)) due_date
				from `tabPayment Ledger Entry`
				where company = %(company)s and posting_date <= %(until)s and delinked = 0
					and ((account_type = 'Receivable' and party_type = 'Customer')
					or (account_type = 'Payable' and party_type = 'Supplier'))
				group by party_type, party, against_voucher_type, against_voucher_no
				having sum(amount) != 0
			) v
			left join `tabSales Invoice` si on v.vt = 'Sales Invoice' and si.name = v.vn
			left join `tabPurchase Invoice` pi on v.vt = 'Purchase Invoice' and pi.name = v.vn
			left join `tabPayment Entry` pe on v.vt = 'Payment Entry' and pe.name = v.vn
			where coalesce(si.cm_contract, pi.cm_contract, pe.cm_contract, '') != ''
			group by v.party_type, v.party""",
			values,
		)
		return holidays, lines, claims, debts

	def floor_figures(rows):
		holidays, lines, claims, debts = rows
		off = {getdate(row[0]) for row in holidays if row[0]}
		span = (getdate(holidays[0][1]), getdate(holidays[0][2])) if holidays else None

		def working(due):
			while (due in off) if span and span[0] <= due <= span[1] else due.weekday() >= 5:
				due += timedelta(days=1)
			return due

		parties = {}
		for line_rows, delivered_rows in lines.values():
			deliveries = {}
			for line, posted, qty in delivered_rows:
				deliveries.setdefault(line, []).append((getdate(posted), flt(qty)))
			for party_type, party, line, due, qty, stock_qty, base_rate in line_rows:
				due = working(getdate(due))
				total, completed = 0.0, None
				for posted, delivered_qty in deliveries.get(line, []):
					total += delivered_qty
					completed = (completed or posted) if flt(stock_qty) and total >= flt(stock_qty) else None
				unit = flt(stock_qty) / flt(qty) if flt(qty) else 1
				party_lines = parties.setdefault((party_type, party), {"lines": []})["lines"]
				party_lines.append(
					(
						1 if completed and completed <= due else 0,
						1 if completed and completed > due else 0,
						0 if completed else 1,
						max(((completed or until) - due).days, 0),
						max(flt(qty) - total / unit, 0) * flt(base_rate),
					)
				)
		for party_type, party, made, received, penalties, recovered in claims:
			parties.setdefault((party_type, party), {"lines": []})["claims"] = (
				made,
				received,
				penalties,
				recovered,
			)
		for party_type, party, overdue in debts:
			if flt(overdue, 2):
				parties.setdefault((party_type, party), {"lines": []})["overdue"] = overdue
		counted = {}
		for key, party in parties.items():
			rows = party["lines"]
			late_days = [row[3] for row in rows if row[3]]
			on_time = sum(row[0] for row in rows)
			made, received, penalties, recovered = party.get("claims", (0, 0, 0, 0))
			counted[key] = tuple(
				money(value)
				for value in (
					len(rows),
					on_time,
					sum(row[1] for row in rows),
					sum(row[2] for row in rows),
					flt(on_time * 100 / len(rows), 2) if rows else 0,
					flt(sum(late_days) / len(late_days), 2) if late_days else 0,
					sum(row[4] for row in rows),
					made,
					received,
					penalties,
					recovered,
					party.get("overdue", 0),
				)
			)
		return counted

	return report_case(
		"Contract Performance",
		"contract_performance",
		{"company": company, "from_date": start, "to_date": until},
		figures,
		floor,
		floor_figures,
	)
