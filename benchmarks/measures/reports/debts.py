"""Money: Debts by Contract against its floor and against ERPNext's Accounts Receivable, and the Reconciliation Act."""

from collections import Counter

import frappe
from frappe.utils import flt, get_year_start

from benchmarks.measures.reports.case import Case, money, report_case, sql

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
	return report_case(
		"Debts by Contract",
		"debts_by_contract",
		{"company": company, "report_date": day},
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

	return report_case(
		"Debts by Contract",
		"debts_by_contract",
		{"company": company, "report_date": day},
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

	return report_case(
		"Reconciliation Act",
		"reconciliation_act",
		filters,
		figures,
		floor,
		floor_figures,
		note=f"one customer's act ({party}, the most ledger entries) from {from_date} to {day}",
	)
