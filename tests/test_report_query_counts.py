"""No query per row: each of the nine reports runs the same number of queries for a counterparty with
one contract as for one with twenty, each contract with its invoice, payment, order, delivery,
obligation and claim made through the documents."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management.contract_management.report.claims_register import claims_register
from contract_management.contract_management.report.contract_deadlines import contract_deadlines
from contract_management.contract_management.report.contract_fulfilment import contract_fulfilment
from contract_management.contract_management.report.contract_performance import contract_performance
from contract_management.contract_management.report.contract_register import contract_register
from contract_management.contract_management.report.debts_by_contract import debts_by_contract
from contract_management.contract_management.report.delivery_plan_fulfilment import (
	delivery_plan_fulfilment,
)
from contract_management.contract_management.report.primary_documents_awaited import (
	primary_documents_awaited,
)
from contract_management.contract_management.report.reconciliation_act import reconciliation_act
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract

TODAY = getdate(nowdate())
ONE, TWENTY = r.CUSTOMER, r.CUSTOMER_2
MANAGER = "cm.manager@example.com"


def contract_with_documents(customer):
	"""A contract in force ending in 15 days, with a delivery due in 5 days; an invoice of 5,000 due 10
	days ago, paid 1,000; an order of 10 delivered 4; an incoming claim received 3 days ago."""
	contract = make_contract(
		submit=True,
		party_name=customer,
		start_date=add_days(TODAY, -60),
		end_date=add_days(TODAY, 15),
		cm_obligations=[
			{"obligor": "We", "kind": "Delivery", "description": "Lot", "due_date": add_days(TODAY, 5)}
		],
	)
	invoice = f.make_sales_invoice(
		customer=customer,
		date=add_days(TODAY, -40),
		due_date=add_days(TODAY, -10),
		cm_contract=contract.name,
	)
	f.make_payment_entry(invoice, amount=1000, date=add_days(TODAY, -5))
	order = f.make_sales_order(customer=customer, date=add_days(TODAY, -30), cm_contract=contract.name)
	f.make_delivery_note(order, date=add_days(TODAY, -20), qty=4)
	claim = frappe.get_doc(
		{
			"doctype": "Contract Claim",
			"direction": "Incoming",
			"basis": "Other",
			"company": r.RUB_COMPANY,
			"party_type": "Customer",
			"party": customer,
			"contract": contract.name,
			"drafted_on": add_days(TODAY, -3),
			"received_on": add_days(TODAY, -3),
			"penalty_method": "None",
			"documents": [
				{
					"reference_doctype": "Other",
					"description": "Act No. 7",
					"due_date": add_days(TODAY, -30),
					"amount": 1000,
					"unpaid_amount": 1000,
				}
			],
		}
	).insert()
	claim.submit()
	return contract


def counted(execute, filters) -> tuple[int, list]:
	"""The queries one run of the report makes, and its rows."""
	queries = []
	original = frappe.db.__class__.sql

	def counting(*args, **kwargs):
		queries.append(1)
		return original(*args, **kwargs)

	frappe.db.__class__.sql = counting
	try:
		data = execute(frappe._dict(filters))[1]
	finally:
		frappe.db.__class__.sql = original
	return len(queries), data


REPORTS = (
	# (report, its filters for a party, its rows that count, rows for one contract and for twenty)
	(
		contract_register.execute,
		lambda party: {"company": r.RUB_COMPANY, "party": party},
		len,
		(1, 20),
	),
	(
		contract_fulfilment.execute,
		lambda party: {"company": r.RUB_COMPANY, "party": party},
		len,
		(1, 20),
	),
	(
		# Per contract: its end, its delivery due, the answer to its claim.
		contract_deadlines.execute,
		lambda party: {"company": r.RUB_COMPANY, "party_type": "Customer", "party": party},
		len,
		(3, 60),
	),
	(
		claims_register.execute,
		lambda party: {"company": r.RUB_COMPANY, "party_type": "Customer", "party": party},
		len,
		(1, 20),
	),
	(
		# One row per contract under the party's row.
		debts_by_contract.execute,
		lambda party: {"company": r.RUB_COMPANY, "party": party, "report_date": TODAY},
		lambda data: len([row for row in data if row["parent_row"]]),
		(1, 20),
	),
	(
		# Per contract: its order line and its delivery obligation.
		delivery_plan_fulfilment.execute,
		lambda party: {"company": r.RUB_COMPANY, "party": party, "report_date": TODAY},
		len,
		(2, 40),
	),
	(
		# Opening balance, each invoice and payment, turnover, closing balance.
		reconciliation_act.execute,
		lambda party: {
			"company": r.RUB_COMPANY,
			"party_type": "Customer",
			"party": party,
			"from_date": add_days(TODAY, -90),
			"to_date": TODAY,
		},
		len,
		(1 + 2 + 2, 1 + 40 + 2),
	),
	(
		# Per contract: the papers its delivery and its invoice expect.
		primary_documents_awaited.execute,
		lambda party: {"company": r.RUB_COMPANY, "party_type": "Customer", "party": party},
		len,
		(2, 40),
	),
	(
		# One row for the party, whatever the number of its contracts, lines, claims and debts.
		contract_performance.execute,
		lambda party: {
			"company": r.RUB_COMPANY,
			"party_type": "Customer",
			"party": party,
			"from_date": add_days(TODAY, -90),
			"to_date": TODAY,
		},
		len,
		(1, 1),
	),
)


class TestSameQueriesForOneAndTwentyContracts(FrappeTestCase):
	def test_each_report(self):
		contract_with_documents(ONE)
		for _index in range(20):
			contract_with_documents(TWENTY)
		frappe.set_user(MANAGER)  # sees every contract, through the permission-aware subqueries
		for execute, filters_of, rows_of, expected_rows in REPORTS:
			with self.subTest(report=execute.__module__.rsplit(".", 1)[-1]):
				execute(frappe._dict(filters_of(ONE)))  # warm the caches
				for_one, one_data = counted(execute, filters_of(ONE))
				for_twenty, twenty_data = counted(execute, filters_of(TWENTY))
				self.assertEqual((rows_of(one_data), rows_of(twenty_data)), expected_rows)
				self.assertEqual(for_one, for_twenty)
				with self.assertQueryCount(for_one):
					execute(frappe._dict(filters_of(TWENTY)))


def queries_of(execute, filters) -> list[str]:
	"""The SQL one run of the report sends, each with its parameters."""
	queries = []
	original = frappe.db.__class__.sql

	def recording(self, query, *args, **kwargs):
		queries.append(f"{query} {args!r} {kwargs!r}")
		return original(self, query, *args, **kwargs)

	frappe.db.__class__.sql = recording
	try:
		execute(frappe._dict(filters))
	finally:
		frappe.db.__class__.sql = original
	return queries


class TestNoQueryNamesTheRowsContracts(FrappeTestCase):
	"""The contracts of a report's rows are joined or taken as a subquery, never fed back as a list of
	their names (a list that grows with the rows)."""

	def test_deadlines_and_debts(self):
		contracts = [contract_with_documents(TWENTY).name for _index in range(3)]
		frappe.set_user(MANAGER)
		for execute, filters in (
			(
				contract_deadlines.execute,
				{"company": r.RUB_COMPANY, "party_type": "Customer", "party": TWENTY},
			),
			(debts_by_contract.execute, {"company": r.RUB_COMPANY, "party": TWENTY, "report_date": TODAY}),
		):
			with self.subTest(report=execute.__module__.rsplit(".", 1)[-1]):
				naming = [
					query
					for query in queries_of(execute, filters)
					if sum(name in query for name in contracts) > 1
				]
				self.assertEqual(naming, [])
