"""The benchmark's generated primary documents are papers the app itself would accept, at every step,
and the Primary Documents Awaited report and its number card give the same figures as their raw-SQL
floors (benchmarks/measures/reports/papers.py) on them."""

from collections import Counter

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, nowdate

from benchmarks import generate
from benchmarks.generate.primary_documents import PAPERS_PER_CONTRACT, STEPS_CLEAR
from benchmarks.measures.reports.papers import awaited_card_case, awaited_case
from tests import records as r

CONTRACTS = 60
FIRST_INDEX = 970_001  # far from what other tests generate


class TestBenchmarkPapers(FrappeTestCase):
	def setUp(self):
		self.day = getdate(nowdate())
		self.batch = generate.generate(
			CONTRACTS,
			self.day,
			[r.RUB_COMPANY],
			due=2,
			customers=3,
			suppliers=3,
			start_index=FIRST_INDEX,
		)
		contracts = [contract.name for contract in self.batch.contracts]
		self.papers = frappe.get_all(
			"Contract Primary Document", filters={"contract": ("in", contracts)}, pluck="name"
		)

	def test_every_generated_paper_passes_the_apps_own_validation(self):
		self.assertEqual(self.batch.counts["primary_documents"], len(self.papers))
		self.assertGreater(len(self.papers), CONTRACTS * PAPERS_PER_CONTRACT // 2)
		for name in self.papers:
			paper = frappe.get_doc("Contract Primary Document", name)
			paper.run_method("validate")  # throws on a paper the app would refuse

	def test_papers_are_at_every_step_and_clear_of_the_days_reminders(self):
		papers = frappe.get_all(
			"Contract Primary Document",
			filters={"name": ("in", self.papers)},
			fields=[
				"status",
				"sent_on",
				"received_on",
				"signed_on",
				"original_sent_on",
				"original_received_on",
			],
		)
		statuses = Counter(paper.status for paper in papers)
		for status in (
			"Expected",
			"Sent",
			"Received",
			"Signed by Both",
			"Original Sent",
			"Original Received",
		):
			self.assertIn(status, statuses)
		latest = max(
			getdate(date)
			for paper in papers
			for date in (
				paper.sent_on,
				paper.received_on,
				paper.signed_on,
				paper.original_sent_on,
				paper.original_received_on,
			)
			if date
		)
		self.assertLessEqual((latest - self.day).days, -STEPS_CLEAR)

	def test_the_awaited_report_and_card_agree_with_their_floors(self):
		for case in (awaited_case(r.RUB_COMPANY, self.day), awaited_card_case(r.RUB_COMPANY, self.day)):
			ours, floor = case.app_figures(case.app()), case.floor_figures(case.floor())
			self.assertEqual(ours, floor, case.name)
		awaited = awaited_card_case(r.RUB_COMPANY, self.day)
		self.assertGreater(awaited.app_figures(awaited.app()), 0)
