"""Claims stored before the working-day rule get their deadlines and status recounted by a patch."""

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management.patches.v15_0 import recount_claim_deadlines
from tests.test_claims import invoice, make_claim, penalty_contract, weekends_only


class TestRecountClaimDeadlines(FrappeTestCase):
	def setUp(self):
		weekends_only()

	def stored_as_before(self, claim, response_due, court_from, status):
		"""What the calendar-day rule stored: the deadline on a Saturday and court from the same day."""
		frappe.db.set_value(
			"Contract Claim",
			claim.name,
			{"response_due": response_due, "court_from": court_from, "status": status},
			update_modified=False,
		)

	def test_an_open_claim_is_recounted_and_an_early_no_answer_undone(self):
		contract = penalty_contract()
		debt = invoice(contract, 10_000, "2026-02-01", "2026-03-01")
		claim = make_claim(
			contract,
			sent_on="2026-03-12",
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
			submit=True,
		)
		# 12 March + 30 days = Saturday 11 April; the old rule stopped there and called it No Answer.
		self.stored_as_before(claim, "2026-04-11", "2026-04-11", "No Answer")

		recount_claim_deadlines.execute(on_date="2026-04-13")

		stored = frappe.db.get_value("Contract Claim", claim.name, ["response_due", "court_from", "status"])
		# The period ends on Monday 13 April; the dispute may go to court from the 14th.
		self.assertEqual((str(stored[0]), str(stored[1]), stored[2]), ("2026-04-13", "2026-04-14", "Sent"))

		recount_claim_deadlines.execute(on_date="2026-04-14")
		self.assertEqual(frappe.db.get_value("Contract Claim", claim.name, "status"), "No Answer")

	def test_an_answered_claim_keeps_its_status_and_gets_its_dates_right(self):
		contract = penalty_contract()
		claim = make_claim(
			contract,
			direction="Incoming",
			basis="Other",
			received_on="2026-03-12",
			principal_amount=5_000,
			submit=True,
		)
		claim.reload()
		claim.response_date = "2026-03-20"
		claim.decision = "Rejected"
		claim.response_text = "Not founded."
		claim.save()
		self.stored_as_before(claim, "2026-04-11", "2026-04-11", "Rejected")

		recount_claim_deadlines.execute(on_date="2026-05-01")

		stored = frappe.db.get_value("Contract Claim", claim.name, ["response_due", "court_from", "status"])
		self.assertEqual(
			(str(stored[0]), str(stored[1]), stored[2]), ("2026-04-13", "2026-04-14", "Rejected")
		)
