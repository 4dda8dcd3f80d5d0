"""Delivery Plan Fulfilment: order lines and obligations under contracts against deliveries by their
due dates, on real orders, delivery notes and receipts; visibility per role; no query per contract."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from contract_management.contract_management.report.delivery_plan_fulfilment.delivery_plan_fulfilment import (
	execute,
)
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract

REPORT = "Delivery Plan Fulfilment"
AS_OF = "2026-11-30"


def sales_order(contract, qty, rate, date, due):
	order = f.make_sales_order(
		customer=contract.party_name,
		items=[(r.STOCK_ITEM, qty, rate)],
		date=date,
		submit=False,
		cm_contract=contract.name,
	)
	order.delivery_date = due
	order.items[0].delivery_date = due
	order.submit()
	return order


def purchase_order(contract, qty, rate, date, due):
	order = f.make_purchase_order(
		supplier=contract.party_name,
		items=[(r.STOCK_ITEM, qty, rate)],
		date=date,
		submit=False,
		cm_contract=contract.name,
	)
	order.schedule_date = due
	order.items[0].schedule_date = due
	order.submit()
	return order


def plan(**filters):
	columns, data, _message, chart = execute(frappe._dict({"report_date": AS_OF, **filters}))
	return columns, data, chart


FIELDS = (
	"ordered_qty",
	"delivered_qty",
	"on_time_qty",
	"late_qty",
	"late_deliveries",
	"on_time_percent",
	"shortfall_qty",
	"shortfall_amount",
	"overdue",
)


def figures(row):
	return tuple(row[field] for field in FIELDS)


class TestDeliveryPlanFulfilment(FrappeTestCase):
	def setUp(self):
		self.sales = make_contract(
			submit=True,
			party_name=r.CUSTOMER_2,
			cm_amount=1_000_000,
			cm_obligations=[
				{
					"obligor": "We",
					"kind": "Services",
					"description": "Installation",
					"due_date": "2026-04-01",
					"amount": 5_000,
					"status": "Fulfilled",
					"fulfilled_on": "2026-04-05",
					# no document of the contract does it: kept as set by hand
					"set_by_hand": 1,
					"hand_reason": "Accepted by the customer's letter",
				},
				{
					"obligor": "Counterparty",
					"kind": "Payment",
					"description": "Payment",
					"due_date": "2026-04-10",
					"amount": 5_000,
				},
			],
		)
		self.first = sales_order(self.sales, 10, 1_000, "2026-03-01", "2026-03-10")
		f.make_delivery_note(self.first, date="2026-03-08", qty=6)  # on time
		f.make_delivery_note(self.first, date="2026-03-20", qty=3)  # late
		self.second = sales_order(self.sales, 5, 2_000, "2026-11-01", "2026-12-20")  # not yet due
		self.purchase = make_contract(
			submit=True, party_type="Supplier", party_name=r.SUPPLIER_2, cm_amount=1_000_000
		)
		self.bought = purchase_order(self.purchase, 4, 500, "2026-05-01", "2026-05-10")
		f.make_purchase_receipt(self.bought, date="2026-05-10")

	def test_lines_against_deliveries(self):
		_columns, data, chart = plan()
		rows = {(row["contract"], row["source_name"], str(row["due_date"])): row for row in data}
		self.assertEqual(
			figures(rows[(self.sales.name, self.first.name, "2026-03-10")]),
			(10, 9, 6, 3, 1, 60, 1, 1_000, 1),
		)
		self.assertEqual(
			figures(rows[(self.sales.name, self.second.name, "2026-12-20")]), (5, 0, 0, 0, 0, 0, 5, 10_000, 0)
		)
		installation = rows[(self.sales.name, self.sales.name, "2026-04-01")]
		self.assertEqual(installation["item_name"], "Installation")
		self.assertEqual(figures(installation), (1, 1, 0, 1, 1, 0, 0, 0, 0))
		self.assertEqual(
			figures(rows[(self.purchase.name, self.bought.name, "2026-05-10")]), (4, 4, 4, 0, 0, 100, 0, 0, 0)
		)
		self.assertEqual(len(data), 4, "the counterparty's payment obligation is no delivery")
		self.assertEqual(chart["data"]["datasets"][0]["values"], [10, 4, 6])

	def test_filters(self):
		_columns, data, _chart = plan(direction="Purchase")
		self.assertEqual({row["contract"] for row in data}, {self.purchase.name})
		_columns, data, _chart = plan(contract=self.sales.name, from_date="2026-03-01", to_date="2026-06-30")
		self.assertEqual([row["source_name"] for row in data], [self.first.name, self.sales.name])
		_columns, data, _chart = plan(report_date="2026-03-15")
		early = next(row for row in data if row["source_name"] == self.first.name)
		self.assertEqual((early["delivered_qty"], early["shortfall_qty"]), (6, 4))

	def test_each_role_sees_its_contracts(self):
		def contracts_seen(user):
			frappe.set_user(user)
			try:
				return {
					row["contract"]
					for row in run(REPORT, {"report_date": AS_OF}, ignore_prepared_report=True)["result"]
					if isinstance(row, dict)
				}
			finally:
				frappe.set_user("Administrator")

		both = {self.sales.name, self.purchase.name}
		self.assertEqual(contracts_seen("cm.viewer@example.com"), both)
		self.assertEqual(contracts_seen("cm.manager@example.com"), both)
		self.assertEqual(contracts_seen("cm.sales@example.com"), {self.sales.name})
		self.assertEqual(contracts_seen("cm.purchase@example.com"), {self.purchase.name})
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 1)
		self.assertEqual(contracts_seen("cm.sales@example.com"), set())
		frappe.set_user("cm.nobody@example.com")
		with self.assertRaises(frappe.PermissionError):
			run(REPORT, {"report_date": AS_OF})


class TestDeliveryPlanQueryCount(FrappeTestCase):
	QUERIES = 9

	def run_with(self, contracts: int):
		for _index in range(contracts):
			contract = make_contract(submit=True, party_name=r.CUSTOMER_2)
			order = sales_order(contract, 2, 100, "2026-03-01", "2026-03-10")
			f.make_delivery_note(order, date="2026-03-09", qty=1)
		frappe.set_user("cm.sales@example.com")
		execute(frappe._dict(report_date=AS_OF))  # warm the caches
		with self.assertQueryCount(self.QUERIES):
			data = execute(frappe._dict(report_date=AS_OF))[1]
		frappe.set_user("Administrator")
		return data

	def test_one_contract(self):
		self.assertEqual(len(self.run_with(1)), 1)

	def test_twenty_contracts(self):
		self.assertEqual(len(self.run_with(20)), 20)
