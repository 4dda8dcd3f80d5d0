"""Two prolongation runs at the same moment, and a run after one that crashed in the middle of a chunk,
each from its own database session: no contract is prolonged twice.

The sessions must see each other's writes, so this test commits its records and removes them after.
"""

import threading
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from contract_management.contracts import prolongation
from tests import records as r
from tests.amendments import TODAY
from tests.test_amendment_concurrency import Session
from tests.test_prolongation import auto_contract

HOLD_SECONDS = 1.5


class TestProlongationRuns(FrappeTestCase):
	def setUp(self):
		self.site, self.sites_path = frappe.local.site, frappe.local.sites_path
		self.started = now_datetime()
		self.contracts = [
			auto_contract(
				party_name=party,
				start_date=add_days(TODAY, -800),
				end_date=add_days(TODAY, -days),
				cm_renewal_term_months=12,
			)
			for party, days in ((r.CUSTOMER, 1), (r.CUSTOMER_2, 3), (r.CUSTOMER, 400))
		]
		self.names = [contract.name for contract in self.contracts]
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		agreements = frappe.get_all("Contract Amendment", {"contract": ("in", self.names)}, pluck="name")
		frappe.db.delete("Contract Amendment Change", {"parent": ("in", agreements or [""])})
		frappe.db.delete("Contract Approval Visa", {"parent": ("in", [*agreements, *self.names])})
		frappe.db.delete("Version", {"docname": ("in", [*agreements, *self.names])})
		frappe.db.delete("Contract Amendment", {"contract": ("in", self.names)})
		frappe.db.delete("Contract", {"name": ("in", self.names)})
		frappe.db.delete("Error Log", {"creation": (">=", self.started)})
		frappe.db.commit()

	def run_sessions(self, *works):
		sessions = [Session(self.site, self.sites_path, work) for work in works]
		for session in sessions:
			session.start()
		for session in sessions:
			session.join(timeout=120)
		frappe.db.rollback()  # a fresh snapshot for this session's reads
		for session in sessions:
			self.assertFalse(session.is_alive())
		return sessions

	def assert_prolonged_once(self):
		renewals = {
			name: frappe.get_all(
				"Contract Amendment",
				{"contract": name, "made_by_system": 1},
				["amendment_no", "docstatus", "new_end_date"],
				order_by="amendment_no",
			)
			for name in self.names
		}
		for name, rows in renewals.items():
			self.assertTrue(rows, f"{name} prolonged")
			self.assertEqual([row.amendment_no for row in rows], list(range(1, len(rows) + 1)))
			self.assertEqual({row.docstatus for row in rows}, {1})
			ends = [row.new_end_date for row in rows]
			self.assertEqual(ends, sorted(set(ends)), f"{name}: each renewal once")
			end = frappe.db.get_value("Contract", name, "end_date")
			self.assertEqual(end, ends[-1])
			self.assertGreaterEqual(end, TODAY)
			self.assertLess(add_days(end, -366), TODAY, f"{name}: not prolonged a term too far")
		self.assertEqual(len(renewals[self.names[0]]), 1)
		self.assertEqual(len(renewals[self.names[1]]), 1)
		changes = frappe.db.count(
			"Contract Amendment Change",
			{
				"parent": (
					"in",
					[f"{name}/{row.amendment_no}" for name in self.names for row in renewals[name]],
				)
			},
		)
		self.assertEqual(changes, sum(len(rows) for rows in renewals.values()))
		# The logs of these contracts only: other tests' servers may log on the site meanwhile.
		self.assertEqual(
			frappe.db.count(
				"Error Log",
				{"creation": (">=", self.started), "reference_name": ("in", self.names)},
			),
			0,
		)

	def test_two_runs_at_once_prolong_each_contract_once(self):
		holding, runs_started = threading.Event(), threading.Barrier(2, timeout=30)

		def hold():
			# A third session holds one of the contracts for a while, so that both runs are certainly
			# under way, and waiting on the same rows, before either can write.
			frappe.db.sql("select name from `tabContract` where name = %s for update", self.names[1])
			holding.set()
			time.sleep(HOLD_SECONDS)
			frappe.db.rollback()

		def run():
			holding.wait(timeout=30)
			runs_started.wait()
			prolongation.prolong_due_contracts()
			frappe.db.commit()

		sessions = self.run_sessions(hold, run, run)
		for session in sessions:
			self.assertIsNone(session.error)
		self.assert_prolonged_once()

	def test_a_run_after_a_crash_in_the_middle_of_a_chunk_prolongs_each_once(self):
		def crash():
			# The chunk's agreements, change rows, Version entries and contracts written, then the
			# process dies before the commit: the connection drops and the database undoes it all.
			prolongation.prolong_chunk(self.names, TODAY)
			frappe.db.close()

		def run():
			prolongation.prolong_due_contracts()
			frappe.db.commit()

		[crashed] = self.run_sessions(crash)
		self.assertIsNone(crashed.error)
		self.assertEqual(frappe.db.count("Contract Amendment", {"contract": ("in", self.names)}), 0)
		[after] = self.run_sessions(run)
		self.assertIsNone(after.error)
		self.assert_prolonged_once()
		self.assertEqual(prolongation.contracts_due(TODAY), [])
