"""The backlog of days without a scheduler (benchmarks/generate/backlog.py, issue 22 #9): the work of each
missed day is due on the day the scheduler comes back, as much as a day's, and removing the backlog
leaves nothing of it."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from benchmarks import generate
from contract_management.contracts.prolongation import contracts_due
from tests import records as r

MISSED_DAYS = 7
DUE = 2


class TestBenchmarkBacklog(FrappeTestCase):
	def setUp(self):
		self.day = getdate(nowdate())
		self.batch = generate.plant_backlog(
			self.day, [r.RUB_COMPANY, r.EUR_COMPANY], DUE, MISSED_DAYS, start_index=980_001
		)
		self.names = [contract.name for contract in self.batch.contracts]

	def tearDown(self):
		frappe.db.rollback()

	def test_each_missed_days_work_is_due_on_the_day(self):
		# The lifecycle's work of every missed day (the day's own is the dataset's).
		self.assertEqual(len(self.batch.prolonging), MISSED_DAYS * DUE)
		self.assertEqual(len(self.batch.starting), MISSED_DAYS * DUE * 3 // 2)
		self.assertEqual(len(self.batch.expiring), MISSED_DAYS * DUE * 3 // 2)
		self.assertEqual(len(self.batch.claims_to_court), MISSED_DAYS * DUE)
		self.assertTrue(set(self.batch.prolonging) <= set(contracts_due(self.day)))
		ends = {
			getdate(end)
			for end in frappe.get_all("Contract", {"name": ("in", self.batch.prolonging)}, pluck="end_date")
		}
		self.assertEqual(ends, {add_days(self.day, -lag - 1) for lag in range(1, MISSED_DAYS + 1)})
		statuses = frappe.get_all(
			"Contract Claim", {"name": ("in", self.batch.claims_to_court)}, ["status", "court_from"]
		)
		self.assertEqual({claim.status for claim in statuses}, {"Sent"})
		self.assertTrue(all(getdate(claim.court_from) < self.day for claim in statuses))
		# The overdue invoices of the missed days within the reminders' window (six days back).
		overdue = frappe.get_all(
			"Sales Invoice", {"cm_contract": ("in", self.names), "status": "Overdue"}, pluck="due_date"
		)
		self.assertEqual(
			sorted({getdate(due) for due in overdue}),
			[add_days(self.day, -lag - 1) for lag in range(MISSED_DAYS - 1, 0, -1)],
		)

	def test_removing_the_backlog_leaves_nothing_of_it(self):
		invoices = frappe.get_all("Sales Invoice", {"cm_contract": ("in", self.names)}, pluck="name")
		self.assertTrue(invoices)
		generate.remove_backlog(self.batch)
		for doctype, column, names in (
			("Contract", "name", self.names),
			("Contract Claim", "contract", self.names),
			("Contract Obligation", "parent", self.names),
			("Contract Primary Document", "contract", self.names),
			("Contract Reminder Log", "contract", self.names),
			("Sales Invoice", "name", invoices),
			("GL Entry", "voucher_no", invoices),
			("Payment Ledger Entry", "voucher_no", invoices),
		):
			self.assertEqual(frappe.db.count(doctype, {column: ("in", names)}), 0, doctype)
