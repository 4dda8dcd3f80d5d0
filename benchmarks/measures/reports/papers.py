"""The primary documents awaited (fulfilment control): the Primary Documents Awaited report and its
number card, each against one hand-written statement giving the same figures."""

from benchmarks.measures.reports.case import Case, money, report_case, sql

# The papers awaited and the date each waits since, as fulfilment/awaited.py defines them, written out.
AWAITED = """
	from `tabContract Primary Document` p
	join `tabContract` c on c.name = p.contract
	left join `tabDelivery Note` dn on p.reference_doctype = 'Delivery Note' and dn.name = p.reference_name
	left join `tabPurchase Receipt` pr on p.reference_doctype = 'Purchase Receipt' and pr.name = p.reference_name
	left join `tabSales Invoice` si on p.reference_doctype = 'Sales Invoice' and si.name = p.reference_name
	left join `tabPurchase Invoice` pi on p.reference_doctype = 'Purchase Invoice' and pi.name = p.reference_name
	where c.cm_company = %(company)s
		and (p.status in ('Expected', 'Sent')
			or (p.status = 'Received' and p.original_required = 1 and coalesce(p.received_via, '') != 'Paper')
			or (p.status = 'Signed by Both' and p.original_required = 1))"""
SINCE = """case p.status when 'Sent' then p.sent_on when 'Received' then p.received_on
	when 'Signed by Both' then p.signed_on
	else coalesce(p.document_date, dn.posting_date, pr.posting_date, si.posting_date, pi.posting_date,
		date(p.creation)) end"""


def awaited_case(company, day) -> Case:
	values = {"company": company, "day": day}

	def figures(result):
		return {row["name"]: (row["days_waiting"], money(row["amount"])) for row in result[1]}

	def floor():
		# What the report shows, in its order, as every report's floor reads (Contract Register's all its
		# columns): at 100,000 contracts the papers are about 130,000 rows, and reading each column of
		# them is a cost of its own, whichever side reads it.
		return sql(
			f"""select p.name, datediff(%(day)s, {SINCE}) as days, p.amount, p.party_type, p.party,
				p.contract, c.cm_registry_number, p.kind, p.flow, p.number, p.document_date,
				p.reference_doctype, p.reference_name, p.status, {SINCE}, p.currency, p.responsible
			{AWAITED}
			order by p.party, p.contract, days desc, p.name""",
			values,
		)

	return report_case(
		"Primary Documents Awaited",
		"primary_documents_awaited",
		{"company": company, "on_date": day},
		figures,
		floor,
		lambda rows: {name: (days, money(amount)) for name, days, amount, *shown in rows},
	)


def awaited_card_case(company, day) -> Case:
	from contract_management.reporting import workspace

	return Case(
		"card",
		"Primary Documents Awaited",
		lambda: workspace.primary_documents_awaited(company, day),
		int,
		lambda: sql(f"select count(*) {AWAITED}", {"company": company}),
		lambda rows: int(rows[0][0]),
	)
