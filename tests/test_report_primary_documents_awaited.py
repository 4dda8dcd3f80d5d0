"""Primary Documents Awaited (issue 20, fulfilment control): the papers still waiting for a step, with
the days waited counted by hand for each awaited state, gone once final; the rows of the contracts each
user may see; the workspace's card counting the same rows; malformed filters refused in the user's
language."""

import json

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from contract_management.contract_management.report.primary_documents_awaited import (
	primary_documents_awaited as report,
)
from contract_management.reporting.workspace import get_primary_documents_awaited_card
from contract_management.setup.defaults import UPD
from tests import factories as f
from tests import records as r
from tests.amendments import TODAY
from tests.test_access import MANAGER, NOBODY, PURCHASE, SALES, VIEWER
from tests.test_indexes import queries_of
from tests.test_primary_documents import new_document, purchase_contract, supply_contract

NAME = "Primary Documents Awaited"
PAPERS_TABLE = "FROM `tabContract Primary Document`"


def as_user(user, function, *args, **kwargs):
	frappe.set_user(user)
	try:
		return function(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def rows(user=MANAGER, **filters):
	return as_user(user, lambda: report.execute(frappe._dict(filters))[1])


def paper(contract, **fields):
	return new_document(contract, **fields).insert()


class TestPrimaryDocumentsAwaited(FrappeTestCase):
	def setUp(self):
		self.contract = supply_contract()
		delivery = f.make_delivery_note(date=add_days(TODAY, -10), cm_contract=self.contract.name)
		self.expected = frappe.get_all(
			"Contract Primary Document",
			filters={"reference_doctype": "Delivery Note", "reference_name": delivery.name},
			pluck="name",
		)[0]
		c = self.contract
		self.awaited = {
			self.expected: ("Expected", 10),  # since the delivery note's date
			paper(c, document_date=add_days(TODAY, -5)).name: ("Expected", 5),
			paper(c, document_date=add_days(TODAY, -9), sent_on=add_days(TODAY, -8)).name: ("Sent", 8),
			paper(
				c,
				flow="We Receive",
				received_on=add_days(TODAY, -6),
				received_via="Scan",
				original_required=1,
				document_date=add_days(TODAY, -7),
			).name: ("Received", 6),
			paper(
				c,
				document_date=add_days(TODAY, -30),
				sent_on=add_days(TODAY, -20),
				signed_on=add_days(TODAY, -15),
				original_required=1,
			).name: ("Signed by Both", 15),
		}
		self.final = [
			paper(c, flow="We Receive", received_on=TODAY, received_via="Paper", original_required=1),
			paper(c, flow="We Receive", received_on=TODAY, received_via="EDI", original_required=0),
			paper(c, sent_on=TODAY, signed_on=TODAY, original_required=0),
			paper(c, sent_on=TODAY, signed_on=TODAY, original_required=1, original_sent_on=TODAY),
			paper(c, status="Cancelled"),
		]

	def test_each_awaited_state_with_its_days_and_nothing_final(self):
		data = rows(contract=self.contract.name)
		self.assertEqual({row["name"]: (row["status"], row["days_waiting"]) for row in data}, self.awaited)
		first = next(row for row in data if row["name"] == self.expected)
		self.assertEqual(first["waiting_since"], add_days(TODAY, -10))
		self.assertEqual(
			(first["party"], first["contract"], first["kind"]), (r.CUSTOMER, self.contract.name, UPD)
		)
		self.assertEqual(first["reference_doctype"], "Delivery Note")
		self.assertGreater(first["amount"], 0)
		self.assertEqual(first["responsible"], MANAGER)
		self.assertEqual(
			[row["days_waiting"] for row in data], sorted((row["days_waiting"] for row in data), reverse=True)
		)
		self.assertEqual(
			[row["name"] for row in rows(contract=self.contract.name, min_days=9)],
			[
				name
				for name, (_status, days) in sorted(self.awaited.items(), key=lambda i: -i[1][1])
				if days >= 9
			],
		)
		self.assertEqual(len(rows(contract=self.contract.name, status="Sent")), 1)

		# Final once the last step is dated: the signed paper's original comes, the sent one is signed.
		signed = next(name for name, (status, _days) in self.awaited.items() if status == "Signed by Both")
		sent = next(name for name, (status, _days) in self.awaited.items() if status == "Sent")
		frappe.get_doc("Contract Primary Document", signed).update({"original_received_on": TODAY}).save()
		doc = frappe.get_doc("Contract Primary Document", sent)
		doc.update({"signed_on": TODAY, "original_required": 0}).save()
		left = {row["name"] for row in rows(contract=self.contract.name)}
		self.assertEqual(left, set(self.awaited) - {signed, sent})

		result = run(NAME, {"contract": self.contract.name})
		self.assertEqual(len(result["chart"]["data"]["labels"]), 4)

	def test_a_user_sees_the_papers_of_the_contracts_they_may_see(self):
		bought = purchase_contract()
		theirs = paper(bought, flow="We Receive", document_date=TODAY).name
		ours = set(self.awaited)
		for user, expected in ((SALES, ours), (PURCHASE, {theirs}), (VIEWER, ours | {theirs})):
			with self.subTest(user=user):
				result = as_user(user, run, NAME, {"company": r.RUB_COMPANY})
				names = {row["name"] for row in result["result"] if isinstance(row, dict) and row.get("name")}
				self.assertEqual(names & (ours | {theirs}), expected)
		with self.assertRaises(frappe.PermissionError):
			as_user(NOBODY, run, NAME, {"company": r.RUB_COMPANY})

	def test_the_card_counts_the_rows_of_the_report(self):
		purchase_contract()
		filters = json.dumps({"company": r.RUB_COMPANY})
		for user in (SALES, PURCHASE, VIEWER):
			with self.subTest(user=user):
				card = as_user(user, get_primary_documents_awaited_card, filters)
				self.assertEqual(card["value"], len(rows(user, company=r.RUB_COMPANY)))
				self.assertEqual(card["route"], ["query-report", NAME])
		self.assertGreaterEqual(as_user(SALES, get_primary_documents_awaited_card, filters)["value"], 5)
		with self.assertRaises(frappe.PermissionError):
			as_user(NOBODY, get_primary_documents_awaited_card, filters)


class TestPapersReadOnce(FrappeTestCase):
	def test_a_user_who_sees_every_paper_reads_the_papers_table_once(self):
		"""The permission-aware list of the papers is a subquery only when it narrows them: for a user who
		may read every paper it is the whole table, which the database would read again by name for each
		paper (half the card's time at 100,000 contracts against its floor: benchmarks/RESULTS.md)."""
		from contract_management.reporting.workspace import primary_documents_awaited

		for user, run_it in (
			(VIEWER, lambda: primary_documents_awaited(r.RUB_COMPANY)),
			("Administrator", lambda: report.execute(frappe._dict(company=r.RUB_COMPANY, kind=UPD))),
		):
			with self.subTest(user=user):
				(query,) = [
					query
					for query in as_user(user, queries_of, run_it)
					if query.lstrip().upper().startswith("SELECT")
					and PAPERS_TABLE in query.split(" WHERE ")[0]
				]
				plan = frappe.db.sql(f"explain {query}", as_dict=True)
				self.assertEqual([row.table for row in plan].count("tabContract Primary Document"), 1, plan)


class TestBadFilters(FrappeTestCase):
	def test_refused_with_a_translated_error(self):
		from contract_management.setup.translations import compile_app_translations

		compile_app_translations(force=True)
		frappe.local.lang = "ru"
		try:
			for filters in (
				{"on_date": "yesterday"},
				{"min_days": "-1"},
				{"min_days": "many"},
				{"party": ["A", "B"]},
				{"contract": {"name": "X"}},
				{"status": "Original Received"},
			):
				with self.subTest(filters=filters):
					with self.assertRaises(frappe.ValidationError) as caught:
						report.execute(frappe._dict(filters))
					self.assertEqual(caught.exception.http_status_code, 417)
					self.assertRegex(str(caught.exception), "[а-яА-Я]", "in Russian")
			self.assertEqual(frappe._(NAME), "Ожидаемые первичные документы")
			self.assertEqual(frappe._("Days Waiting"), "Дней ожидания")
		finally:
			frappe.local.lang = "en"
