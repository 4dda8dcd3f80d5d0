"""The due-queries of the daily jobs read Contract, Sales Invoice, Purchase Invoice and the reminder log
through an index, never whole: EXPLAIN of each, on a site given a few thousand generated contracts
and invoices (in the test's transaction) so that the optimizer weighs real sizes."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, cint, getdate, nowdate

from benchmarks import generate
from contract_management.claims import claim as claims
from contract_management.common.settings import get_settings
from contract_management.contracts import lifecycle, prolongation
from contract_management.fulfilment import obligations
from contract_management.reminders import engine as reminders
from contract_management.reminders import kinds as reminder_kinds
from tests import records as r
from tests.contracts import make_contract

WATCHED = (
	"tabContract",
	"tabSales Invoice",
	"tabPurchase Invoice",
	"tabContract Reminder Log",
	"tabContract Primary Document",
)
WHOLE = ("ALL", "index")  # a full table scan, a full index scan


class TestDueQueriesUseIndexes(FrappeTestCase):
	def setUp(self):
		self.day = getdate(nowdate())
		# Numbered far from any benchmark dataset on the site.
		generate.generate(
			3000,
			self.day,
			[r.RUB_COMPANY, r.EUR_COMPANY],
			invoice_rows=6000,
			due=10,
			customers=300,
			suppliers=300,
			start_index=900_001,
		)
		papers_of_every_step(self.day)

	def assert_read_through_indexes(self, what: str, query: str | None = None):
		query = query or frappe.db.last_query
		plan = frappe.db.sql(f"explain {query}", as_dict=True)
		whole = [(row.table, row.type) for row in plan if row.table in WATCHED and row.type in WHOLE]
		self.assertEqual(whole, [], f"{what} reads a table whole:\n{query}\n{plan}")

	def test_reminder_kinds_and_the_log_lookup(self):
		settings = get_settings()
		window = cint(settings.reminder_catch_up_days)
		for kind, rules in reminders.rules_by_kind(settings).items():
			offsets = sorted({days for rule in rules.values() for days in reminders.parse_days(rule.days)})
			low, high = add_days(self.day, offsets[0] - window), add_days(self.day, offsets[-1])
			with self.subTest(kind=kind):
				reminder_kinds.candidates(kind, low, high, self.day)
				self.assert_read_through_indexes(f"The {kind} query")
			due = reminders.due_reminders(kind, rules, self.day, window)
			if due:
				with self.subTest(kind=kind, query="log"):
					self.assert_read_through_indexes(f"The reminder log lookup of {kind}")
		self.assertTrue(
			reminders.due_reminders(
				"Contract End", reminders.rules_by_kind(settings)["Contract End"], self.day, window
			),
			"the generated contracts ending in 30 days are due",
		)

	def test_prolongation_status_moves_and_no_answer(self):
		for what, run in (
			("The prolongation query", lambda: prolongation.contracts_due(self.day)),
			("The No Answer move", lambda: claims.update_no_answer(self.day)),
		):
			with self.subTest(what):
				run()
				self.assert_read_through_indexes(what)
		# Every one of the status moves, ERPNext's own status among them, not only the last.
		moves = queries_of(lambda: lifecycle.update_statuses(self.day))
		self.assertGreater(len(moves), 6)
		for number, query in enumerate(moves, start=1):
			with self.subTest("The status moves", move=number):
				self.assert_read_through_indexes(f"Status move {number}", query)

	def test_the_night_reads_only_the_contracts_that_move(self):
		"""Not every contract signed ahead, terminated or fulfilled before (issue 22, #10: at 1,000,000
		contracts the status moves read 131,770 not started, 47,998 fulfilled and 20,826 terminated
		contracts every night, and moved none of them)."""
		from tests.test_erpnext_status_job import rows_read

		def next_night():
			return rows_read(lambda: lifecycle.update_statuses(add_days(self.day, 1)))

		lifecycle.update_statuses(self.day)
		before = next_night()
		for _index in range(20):
			make_contract(start_date=add_days(self.day, 30), end_date=add_days(self.day, 400), submit=True)
			for field, status in (("cm_terminated_on", "Terminated"), ("cm_fulfilled_on", "Fulfilled")):
				ended = make_contract(
					start_date=add_days(self.day, -30), end_date=add_days(self.day, 400), submit=True
				)
				frappe.db.set_value(
					"Contract",
					ended.name,
					{field: add_days(self.day, -5), "cm_status": status, "status": "Inactive"},
				)
		lifecycle.update_statuses(self.day)
		after = next_night()
		self.assertLess(
			after - before,
			10,
			"20 contracts each signed ahead, terminated and fulfilled earlier: the next night reads them all",
		)


def papers_of_every_step(day, count: int = 6000):
	"""`count` primary documents under the site's signed contracts, at every step, dated over two years
	before `day`: the papers' reminder queries are weighed against a table of real size."""
	import random

	from contract_management.setup.defaults import UPD

	rng = random.Random(20)
	contracts = frappe.get_all(
		"Contract",
		filters={"docstatus": 1},
		fields=["name", "cm_company", "party_type", "party_name"],
		limit=3000,
	)
	now = frappe.utils.now_datetime()
	rows = []
	for index in range(count):
		contract = contracts[index % len(contracts)]
		date = add_days(day, -rng.randint(0, 730))
		step = index % 5
		rows.append(
			(
				f"CM-IDX-{index}",
				now,
				now,
				"Administrator",
				"Administrator",
				0,
				UPD,
				"We Receive" if step in (2, 3) else "We Issue",
				("Expected", "Sent", "Received", "Signed by Both", "Original Sent")[step],
				1,
				contract.name,
				contract.cm_company,
				contract.party_type,
				contract.party_name,
				date if step == 1 else None,
				date if step in (2, 3) else None,
				date if step == 3 else None,
				date if step == 4 else None,
				date,
			)
		)
	frappe.db.bulk_insert(
		"Contract Primary Document",
		(
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"kind",
			"flow",
			"status",
			"original_required",
			"contract",
			"company",
			"party_type",
			"party",
			"sent_on",
			"received_on",
			"signed_on",
			"original_sent_on",
			"reference_date",
		),
		rows,
	)


class TestObligationRefreshUsesIndexes(TestDueQueriesUseIndexes):
	"""The daily refresh finds the open obligations past due through (status, due date), and the refresh
	reads the obligations and papers of its contracts through their contract's index. (The generated
	dataset makes no deliveries or payments: those tables are read by `cm_contract`, indexed too.)"""

	def test_reminder_kinds_and_the_log_lookup(self):
		pass  # TestDueQueriesUseIndexes's own

	def test_prolongation_status_moves_and_no_answer(self):
		pass  # TestDueQueriesUseIndexes's own

	def test_the_night_reads_only_the_contracts_that_move(self):
		pass  # TestDueQueriesUseIndexes's own

	def test_open_obligations_and_their_refresh(self):
		(moved,) = queries_of(lambda: obligations.refresh_open_obligations(self.day))
		plan = frappe.db.sql(f"explain {moved}", as_dict=True)
		keys = next(row.possible_keys for row in plan if row.table == "tabContract Obligation")
		# Most generated obligations are open and past due, so a scan may win on this dataset; the index
		# is there for a site whose obligations are mostly fulfilled.
		self.assertIn("cm_status_due_date", keys)
		contracts = obligations.contracts_with_obligations()
		self.assertTrue(contracts, "the generated contracts have obligations")
		watched = ("tabContract Obligation", "tabContract Primary Document")
		refresh = queries_of(lambda: obligations.refresh_obligations(contracts[:5], self.day))
		for number, query in enumerate(refresh, start=1):
			if not query.lstrip().lower().startswith("select"):
				continue
			with self.subTest(query=number):
				plan = frappe.db.sql(f"explain {query}", as_dict=True)
				whole = [(row.table, row.type) for row in plan if row.table in watched and row.type in WHOLE]
				self.assertEqual(whole, [], f"query {number} reads a table whole:\n{query}\n{plan}")


def queries_of(run) -> list[str]:
	"""Each query `run` makes, as the database received it."""
	queries = []
	original = frappe.db.__class__.sql

	def recording(db, *args, **kwargs):
		result = original(db, *args, **kwargs)
		queries.append(db.last_query)
		return result

	frappe.db.__class__.sql = recording
	try:
		run()
	finally:
		frappe.db.__class__.sql = original
	return queries
