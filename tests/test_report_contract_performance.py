"""Contract Performance: each counterparty's delivery lines, claims and overdue debt over a period, on
real orders, receipts, deliveries, claims and invoices; the arithmetic written out by hand.

The period is March–April 2026 (Saturdays and Sundays the only non-working days): its cut-off is
30 April 2026, the period's end, being before today.
"""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from benchmarks.measures.reports.performance import FIELDS, performance_case
from contract_management.contract_management.report.contract_performance.contract_performance import (
	execute,
)
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract
from tests.test_report_delivery_plan import purchase_order, sales_order
from tests.test_reports_deadlines_claims import make_claim

REPORT = "Contract Performance"
PERIOD = {"company": r.RUB_COMPANY, "from_date": "2026-03-01", "to_date": "2026-04-30"}
SUPPLIER = "CM Performance Supplier"
CUSTOMER = "CM Performance Customer"


def new_party(doctype: str, name: str) -> str:
	if frappe.db.exists(doctype, name):
		return name
	group = {"customer_group": "All Customer Groups", "territory": "All Territories"}
	if doctype == "Supplier":
		group = {"supplier_group": "All Supplier Groups"}
	name_field = "customer_name" if doctype == "Customer" else "supplier_name"
	return frappe.get_doc({"doctype": doctype, name_field: name, **group}).insert().name


ORDERED_ON = "2026-02-20"


def claim(contract, direction, dated, penalty=0.0):
	"""A submitted claim dated `dated`, with a fixed penalty when given."""
	if not penalty:
		return make_claim(contract, direction, dated, 1000)
	return make_claim(contract, direction, dated, 1000, penalty_method="Fixed Sum", fixed_penalty=penalty)


def performance(**filters):
	_columns, data, message, chart = execute(frappe._dict({**PERIOD, **filters}))
	return {(row["party_type"], row["party"]): row for row in data}, message, chart


# The line figures, the first of what the benchmark compares.
LINE_FIELDS = FIELDS[:7]


class TestContractPerformance(FrappeTestCase):
	def setUp(self):
		self.supplier = new_party("Supplier", SUPPLIER)
		self.customer = new_party("Customer", CUSTOMER)
		self.purchase = make_contract(submit=True, party_type="Supplier", party_name=self.supplier)
		# A: 10 × 500 due Monday 16 March, all on Friday 13 March: on time.
		f.make_purchase_receipt(
			purchase_order(self.purchase, 10, 500, ORDERED_ON, "2026-03-16"), date="2026-03-13"
		)
		# B: 10 × 300 due Monday 16 March: 6 that day, 4 on Friday 20 March: late by 4 days.
		two_parts = purchase_order(self.purchase, 10, 300, ORDERED_ON, "2026-03-16")
		f.make_purchase_receipt(two_parts, date="2026-03-16", qty=6)
		f.make_purchase_receipt(two_parts, date="2026-03-20", qty=4)
		# C: 5 × 200 due Saturday 28 March, so on Monday 30 March: received then, on time.
		f.make_purchase_receipt(
			purchase_order(self.purchase, 5, 200, ORDERED_ON, "2026-03-28"), date="2026-03-30"
		)
		# D: 8 × 100 due Wednesday 15 April, 3 that day, 5 never: short, late by 15 days on 30 April.
		f.make_purchase_receipt(
			purchase_order(self.purchase, 8, 100, ORDERED_ON, "2026-04-15"), date="2026-04-15", qty=3
		)
		# Outside the period: due in February and in May.
		purchase_order(self.purchase, 1, 100, ORDERED_ON, "2026-02-27")
		purchase_order(self.purchase, 1, 100, ORDERED_ON, "2026-05-04")
		# Our claims to the supplier: one sent in April with a penalty of 1,500 (700 recovered), one in
		# June (after the period); theirs to us, received in March.
		ours = claim(self.purchase, "Outgoing", "2026-04-20", penalty=1500)
		frappe.db.set_value("Contract Claim", ours.name, "amount_recovered", 700)
		claim(self.purchase, "Outgoing", "2026-06-01", penalty=900)
		claim(self.purchase, "Incoming", "2026-03-25")
		# Our debt to the supplier: 10,000 due 10 April, unpaid on 30 April.
		f.make_purchase_invoice(
			supplier=self.supplier,
			items=[(r.SERVICE_ITEM, 1, 10_000)],
			date="2026-03-31",
			due_date="2026-04-10",
			cm_contract=self.purchase.name,
		)

		self.sales = make_contract(submit=True, party_name=self.customer)
		# E: 4 × 1,000 due Thursday 2 April: 4 delivered on Tuesday 7 April, late by 5 days.
		f.make_delivery_note(sales_order(self.sales, 4, 1000, ORDERED_ON, "2026-04-02"), date="2026-04-07")
		# The customer's debt: 5,000 due 1 April, 2,000 paid on 10 April, 3,000 overdue on 30 April;
		# 1,000 more due 5 May, not yet due then.
		invoice = f.make_sales_invoice(
			customer=self.customer,
			items=[(r.SERVICE_ITEM, 1, 5000)],
			date="2026-03-20",
			due_date="2026-04-01",
			cm_contract=self.sales.name,
		)
		f.make_payment_entry(invoice, amount=2000, date="2026-04-10")
		f.make_sales_invoice(
			customer=self.customer,
			items=[(r.SERVICE_ITEM, 1, 1000)],
			date="2026-04-20",
			due_date="2026-05-05",
			cm_contract=self.sales.name,
		)

	def test_each_counterparty(self):
		rows, message, _chart = performance()
		supplier = rows[("Supplier", self.supplier)]
		# 4 lines due: A and C on time, B late, D short; 2 / 4 = 50 %; (4 + 15) / 2 = 9.5 days late;
		# D's 5 missing × 100 = 500.
		self.assertEqual(tuple(supplier[field] for field in LINE_FIELDS), (4, 2, 1, 1, 50, 9.5, 500))
		self.assertEqual((supplier["claims_made"], supplier["claims_received"]), (1, 1))
		self.assertEqual((supplier["penalties_claimed"], supplier["amount_recovered"]), (1500, 700))
		self.assertEqual(supplier["overdue_debt"], 10_000)
		customer = rows[("Customer", self.customer)]
		# 1 line, late by 5 days, nothing short; 5,000 − 2,000 overdue.
		self.assertEqual(tuple(customer[field] for field in LINE_FIELDS), (1, 0, 1, 0, 0, 5, 0))
		self.assertEqual((customer["claims_made"], customer["claims_received"]), (0, 0))
		self.assertEqual(customer["overdue_debt"], 3000)
		self.assertIsNone(message)

	def test_the_cut_off_is_the_period_end(self):
		# To 31 March: D is not due yet, B came in full on 20 March: lines A, B, C; no claim of ours yet.
		rows, _message, _chart = performance(to_date="2026-03-31", party_type="Supplier", party=self.supplier)
		supplier = rows[("Supplier", self.supplier)]
		self.assertEqual(tuple(supplier[field] for field in LINE_FIELDS), (3, 2, 1, 0, 66.67, 4, 0))
		self.assertEqual((supplier["claims_made"], supplier["claims_received"]), (0, 1))
		self.assertEqual(supplier["overdue_debt"], 0, "the invoice is due on 10 April")
		self.assertEqual(list(rows), [("Supplier", self.supplier)])

	def test_the_chart_shows_the_on_time_share_by_month(self):
		_rows, _message, chart = performance(party_type="Supplier", party=self.supplier)
		# March: A, B, C, two on time; April: D, none.
		self.assertEqual(chart["data"]["labels"], ["03.2026", "04.2026"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [66.67, 0])
		self.assertEqual(chart["type"], "line")

	def test_a_single_months_share_is_drawn_as_a_bar(self):
		# Frappe's charts draw a line through one point as a broken SVG path (the browser logs errors
		# and shows nothing): one month is a bar.
		_rows, _message, chart = performance(party_type="Supplier", party=self.supplier, to_date="2026-03-31")
		self.assertEqual(chart["data"]["labels"], ["03.2026"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [66.67])
		self.assertEqual(chart["type"], "bar")

	def test_each_role_sees_only_the_contracts_it_may_read(self):
		def parties_seen(user):
			frappe.set_user(user)
			try:
				result = run(REPORT, dict(PERIOD), ignore_prepared_report=True)["result"]
				return {row["party"]: row for row in result if isinstance(row, dict)}
			finally:
				frappe.set_user("Administrator")

		sales = parties_seen("cm.sales@example.com")
		self.assertIn(self.customer, sales)
		self.assertNotIn(self.supplier, sales, "a sales contract user reads no purchase contract")
		purchase = parties_seen("cm.purchase@example.com")
		self.assertEqual(purchase[self.supplier]["lines_due"], 4)
		self.assertNotIn(self.customer, purchase)
		frappe.set_user("cm.nobody@example.com")
		with self.assertRaises(frappe.PermissionError):
			run(REPORT, dict(PERIOD))

	def test_the_benchmarks_raw_sql_floor_gives_the_same_figures(self):
		case = performance_case(r.RUB_COMPANY, "2026-04-30")  # the twelve months to 30 April 2026
		ours = case.app_figures(case.app())
		self.assertEqual(ours, case.floor_figures(case.floor()))
		# Its A, B, C and D and the line due in February, never delivered: short too.
		self.assertEqual(ours[("Supplier", self.supplier)][:4], (5, 2, 1, 2))

	def test_refused_without_a_company_or_a_period(self):
		with self.assertRaises(frappe.ValidationError):
			execute(frappe._dict(from_date="2026-03-01", to_date="2026-04-30"))
		with self.assertRaises(frappe.ValidationError):
			execute(frappe._dict(company=r.RUB_COMPANY, from_date="2026-05-01", to_date="2026-04-30"))
