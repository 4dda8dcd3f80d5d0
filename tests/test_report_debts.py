"""Debts by Contract: ageing per party and contract on real invoices and payments, agreeing with
ERPNext's Accounts Receivable and Accounts Payable; visibility per role; no query per contract."""

import frappe
from erpnext.accounts.report.accounts_payable.accounts_payable import execute as accounts_payable
from erpnext.accounts.report.accounts_receivable.accounts_receivable import execute as accounts_receivable
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from contract_management.api import make_claims_for_overdue_debts
from contract_management.contract_management.report.debts_by_contract.debts_by_contract import execute
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract

REPORT = "Debts by Contract"
AS_OF = "2026-11-30"
RANGES = "30, 60, 90, 180"
BUCKETS = ("not_due", "range1", "range2", "range3", "range4", "range5")


def sales_invoice(contract, amount, posting, due, customer=r.CUSTOMER_2):
	return f.make_sales_invoice(
		customer=customer,
		items=[(r.SERVICE_ITEM, 1, amount)],
		date=posting,
		due_date=due,
		cm_contract=contract.name if contract else None,
	)


def debts(**filters):
	values = {"company": r.RUB_COMPANY, "report_date": AS_OF, "range": RANGES, "debt_type": "Receivable"}
	columns, data, _message, chart = execute(frappe._dict({**values, **filters}))
	return columns, data, chart


def row_of(data, contract=None, party=None):
	if party:
		return next(row for row in data if row["party"] == party and not row["parent_row"])
	return next(row for row in data if row["parent_row"] and row.get("contract") == contract)


def buckets(row):
	return tuple(row[field] for field in BUCKETS)


class TestDebtsByContract(FrappeTestCase):
	def setUp(self):
		self.first = make_contract(submit=True, party_name=r.CUSTOMER_2, cm_amount=1_000_000)
		self.second = make_contract(submit=True, party_name=r.CUSTOMER_2, cm_amount=1_000_000)
		# age as of 30.11.2026, from the due date
		sales_invoice(self.first, 10_000, "2026-05-01", "2026-06-01")  # 182 days: over 180
		part_paid = sales_invoice(self.first, 20_000, "2026-08-01", "2026-09-15")  # 76 days: 61-90
		f.make_payment_entry(part_paid, amount=5_000, date="2026-10-01")
		sales_invoice(self.first, 7_000, "2026-11-01", "2026-11-20")  # 10 days: 1-30
		sales_invoice(self.first, 3_000, "2026-11-25", "2026-12-10")  # not due
		sales_invoice(self.second, 4_000, "2026-09-01", "2026-10-15")  # 46 days: 31-60
		sales_invoice(None, 1_000, "2026-07-01", "2026-07-31")  # 122 days: 91-180, no contract

	def test_ageing_per_contract_and_party(self):
		columns, data, chart = debts(party=r.CUSTOMER_2)
		first = row_of(data, self.first.name)
		self.assertEqual(first["outstanding"], 35_000)
		self.assertEqual(first["overdue"], 32_000)
		self.assertEqual(buckets(first), (3_000, 7_000, 0, 15_000, 0, 10_000))
		self.assertEqual(buckets(row_of(data, self.second.name)), (0, 0, 4_000, 0, 0, 0))
		without_contract = row_of(data, None)
		self.assertEqual(without_contract["registry_number"], "No contract")
		self.assertEqual(buckets(without_contract), (0, 0, 0, 0, 1_000, 0))

		party = row_of(data, party=r.CUSTOMER_2)
		self.assertEqual(party["outstanding"], 40_000)
		self.assertEqual(buckets(party), (3_000, 7_000, 4_000, 15_000, 1_000, 10_000))
		# the party row first, its contracts indented under it
		self.assertEqual([row["indent"] for row in data], [0, 1, 1, 1])
		self.assertEqual(
			[column["label"] for column in columns if column["fieldname"] in BUCKETS],
			["Not Due", "1-30 Days", "31-60 Days", "61-90 Days", "91-180 Days", "Over 180 Days"],
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [3_000, 7_000, 4_000, 15_000, 1_000, 10_000])

	def test_ranges_can_be_changed(self):
		_columns, data, _chart = debts(party=r.CUSTOMER_2, range="60, 120")
		party = row_of(data, party=r.CUSTOMER_2)
		# not due, 1-60, 61-120, over 120
		self.assertEqual(
			(party["not_due"], party["range1"], party["range2"], party["range3"]),
			(3_000, 11_000, 15_000, 11_000),
		)
		with self.assertRaises(frappe.ValidationError):
			debts(range="60, 30")

	def test_totals_agree_with_accounts_receivable(self):
		_columns, data, _chart = debts(party=r.CUSTOMER_2)
		ours = row_of(data, party=r.CUSTOMER_2)
		erpnext_rows = accounts_receivable(
			frappe._dict(
				company=r.RUB_COMPANY,
				report_date=AS_OF,
				party_type="Customer",
				party=[r.CUSTOMER_2],
				ageing_based_on="Due Date",
				range=RANGES,
			)
		)[1]
		theirs = {
			field: sum(row.get(field) or 0 for row in erpnext_rows) for field in ("outstanding", *BUCKETS[1:])
		}
		self.assertEqual(theirs["outstanding"], ours["outstanding"])
		# ERPNext leaves what is not yet due out of every range
		self.assertEqual(tuple(theirs[field] for field in BUCKETS[1:]), buckets(ours)[1:])

	def test_payables_agree_with_accounts_payable(self):
		contract = make_contract(
			submit=True, party_type="Supplier", party_name=r.SUPPLIER_2, cm_amount=1_000_000
		)
		bill = f.make_purchase_invoice(
			supplier=r.SUPPLIER_2,
			items=[(r.SERVICE_ITEM, 1, 6_000)],
			date="2026-09-20",
			due_date="2026-10-20",  # 41 days: 31-60
			cm_contract=contract.name,
		)
		f.make_payment_entry(bill, amount=1_000, date="2026-10-25")
		_columns, data, _chart = debts(debt_type="Payable", party=r.SUPPLIER_2)
		ours = row_of(data, contract.name)
		self.assertEqual(ours["outstanding"], 5_000)
		self.assertEqual(buckets(ours), (0, 0, 5_000, 0, 0, 0))
		erpnext_rows = accounts_payable(
			frappe._dict(
				company=r.RUB_COMPANY,
				report_date=AS_OF,
				party_type="Supplier",
				party=[r.SUPPLIER_2],
				ageing_based_on="Due Date",
				range=RANGES,
			)
		)[1]
		self.assertEqual(sum(row.get("outstanding") or 0 for row in erpnext_rows), ours["outstanding"])
		self.assertEqual(sum(row.get("range2") or 0 for row in erpnext_rows), 5_000)

	def test_contract_filter_leaves_other_contracts_and_vouchers_out(self):
		_columns, data, _chart = debts(contract=self.second.name)
		self.assertEqual([row.get("contract") for row in data if row["parent_row"]], [self.second.name])
		self.assertEqual(row_of(data, party=r.CUSTOMER_2)["outstanding"], 4_000)

	def test_each_role_sees_the_rows_of_the_contracts_it_may_see(self):
		frappe.db.set_value("Contract", self.first.name, "cm_responsible", "cm.sales@example.com")
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 1)
		filters = {"company": r.RUB_COMPANY, "report_date": AS_OF, "range": RANGES, "debt_type": "Receivable"}

		def contracts_seen(user):
			frappe.set_user(user)
			try:
				result = run(
					REPORT, filters, is_tree=True, parent_field="parent_row", ignore_prepared_report=True
				)["result"]
			finally:
				frappe.set_user("Administrator")
			return {row.get("contract") for row in result if isinstance(row, dict) and row.get("parent_row")}

		everything = {self.first.name, self.second.name, None}
		self.assertEqual(contracts_seen("cm.viewer@example.com"), everything)
		self.assertEqual(contracts_seen("cm.manager@example.com"), everything)
		self.assertEqual(contracts_seen("cm.legal@example.com"), everything)
		self.assertEqual(contracts_seen("cm.sales@example.com"), {self.first.name})
		self.assertEqual(contracts_seen("cm.sales2@example.com"), set())
		self.assertEqual(contracts_seen("cm.purchase@example.com"), set())
		frappe.set_user("cm.nobody@example.com")
		with self.assertRaises(frappe.PermissionError):
			run(REPORT, filters)

	def test_total_row_counts_each_party_once(self):
		frappe.set_user("cm.viewer@example.com")
		result = run(
			REPORT,
			{"company": r.RUB_COMPANY, "report_date": AS_OF, "range": RANGES, "party": r.CUSTOMER_2},
			is_tree=True,
			parent_field="parent_row",
			ignore_prepared_report=True,
		)
		columns = [column["fieldname"] for column in result["columns"]]
		total = result["result"][-1]
		self.assertEqual(total[columns.index("outstanding")], 40_000)


class TestCreateClaims(FrappeTestCase):
	def test_chosen_contracts_are_checked(self):
		frappe.set_user("cm.manager@example.com")
		with self.assertRaises(frappe.DoesNotExistError):
			make_claims_for_overdue_debts(min_days_overdue=0, contracts=["NO-SUCH-1"])
		with self.assertRaises(frappe.ValidationError):
			make_claims_for_overdue_debts(min_days_overdue=0, contracts="not a list")
		# who may not make claims is refused before anything is read
		frappe.set_user("cm.sales@example.com")
		with self.assertRaises(frappe.PermissionError):
			make_claims_for_overdue_debts(min_days_overdue=0, contracts=["NO-SUCH-1"])


class TestDebtsQueryCount(FrappeTestCase):
	QUERIES = 5  # the contracts' fields are joined to the debts, not read by their names

	def run_with(self, contracts: int):
		for _index in range(contracts):
			contract = make_contract(submit=True, party_name=r.CUSTOMER_2)
			sales_invoice(contract, 1_000, "2026-10-01", "2026-10-31")
		frappe.set_user("cm.sales@example.com")
		execute(frappe._dict(company=r.RUB_COMPANY, report_date=AS_OF))  # warm the caches
		with self.assertQueryCount(self.QUERIES):
			_columns, data, _message, _chart = execute(frappe._dict(company=r.RUB_COMPANY, report_date=AS_OF))
		frappe.set_user("Administrator")
		return data

	def test_one_contract(self):
		self.assertEqual(len([row for row in self.run_with(1) if row["parent_row"]]), 1)

	def test_twenty_contracts(self):
		self.assertEqual(len([row for row in self.run_with(20) if row["parent_row"]]), 20)
