"""The registers: contracts (Contract Register), their fulfilment (Contract Fulfilment) and claims (Claims Register)."""

from benchmarks.measures.reports.case import Case, money, report_case, sql


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

	return report_case(
		"Contract Register",
		"contract_register",
		{"company": company, "on_date": day},
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

	return report_case(
		"Contract Fulfilment",
		"contract_fulfilment",
		{"company": company, "on_date": day},
		figures,
		floor,
		lambda rows: {r[0]: tuple(money(v) for v in r[2:8]) for r in rows},
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

	return report_case(
		"Claims Register",
		"claims_register",
		{"company": company, "on_date": day},
		lambda result: {
			row["claim"]: (money(row["claimed"]), money(row["recovered"]), row["days_open"])
			for row in result[1]
		},
		floor,
		lambda rows: {r[0]: (money(r[15]), money(r[16]), r[17]) for r in rows},
	)
