"""Claims: outgoing and incoming, deadlines, penalty on real invoices and payments, flows and errors."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management.api import claim_bases, make_claim_from_contract, make_claim_from_party
from contract_management.claims.claim import update_no_answer
from contract_management.claims.deadlines import next_working_day
from contract_management.claims.flows import (
	contracts_with_overdue_debts,
	make_claims_for_overdue_debts,
	new_claim_for_contract,
)
from contract_management.contracts.summary import get_contract_summary
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract
from tests.test_deadlines import russian_holiday_list, set_company_holiday_list, use_holiday_list
from tests.test_workspace import as_user

TODAY = getdate(nowdate())


def penalty_contract(**fields):
	values = {
		"start_date": "2026-01-01",
		"end_date": "2026-12-31",
		"cm_amount": 1_000_000,
		"cm_penalty_rate_per_day": 0.1,
		**fields,
	}
	return make_contract(submit=True, **values)


def make_claim(contract=None, submit=False, **fields):
	values = {
		"doctype": "Contract Claim",
		"direction": "Outgoing",
		"basis": "Overdue Payment",
		"company": r.RUB_COMPANY,
		"party_type": "Customer",
		"party": r.CUSTOMER,
		"contract": contract.name if contract else None,
		"drafted_on": "2026-03-01",
		**fields,
	}
	claim = frappe.get_doc(values).insert()
	if submit:
		claim.submit()
	return claim


def invoice(contract, amount, posting, due):
	return f.make_sales_invoice(
		customer=contract.party_name,
		items=[(r.SERVICE_ITEM, 1, amount)],
		date=posting,
		due_date=due,
		cm_contract=contract.name,
	)


def weekends_only():
	"""No Holiday List anywhere: Saturdays and Sundays are the non-working days."""
	use_holiday_list(None)
	set_company_holiday_list(r.RUB_COMPANY, None)


class TestPenaltyOnRealDocuments(FrappeTestCase):
	def setUp(self):
		weekends_only()

	def test_contract_penalty_across_a_partial_payment_and_a_cap(self):
		contract = penalty_contract(cm_penalty_cap_basis="Overdue Amount", cm_penalty_cap_percent=2)
		debt = invoice(contract, 100_000, "2026-02-01", "2026-03-01")
		f.make_payment_entry(debt, amount=40_000, date="2026-03-11")

		claim = make_claim(
			contract,
			calculation_date="2026-03-31",
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
		)
		self.assertEqual((claim.penalty_rate, claim.penalty_cap_percent), (0.1, 2), "terms from the contract")
		self.assertEqual((claim.documents[0].amount, claim.documents[0].unpaid_amount), (100_000, 60_000))
		# Due on Sunday 1 March, so payable on Monday 2 March: the delay starts on 3 March.
		# 100 000 × 0.1 % × 9 = 900; 60 000 × 0.1 % × 20 = 1 200; capped at 2 % of 100 000 = 2 000.
		self.assertEqual(str(claim.penalty_rows[0].period_from), "2026-03-03")
		self.assertEqual([row.amount for row in claim.penalty_rows], [900, 1200, -100])
		self.assertEqual(claim.penalty_amount, 2000)
		self.assertEqual(claim.penalty_amount, sum(row.amount for row in claim.penalty_rows))
		self.assertEqual(claim.principal_amount, 60_000)
		self.assertEqual(claim.total_claimed, 62_000)

	def test_cap_as_a_share_of_the_contract_price(self):
		contract = penalty_contract(
			cm_amount=50_000, cm_penalty_cap_basis="Contract Price", cm_penalty_cap_percent=1
		)
		debt = invoice(contract, 40_000, "2026-02-01", "2026-03-01")
		claim = make_claim(
			contract,
			calculation_date="2026-04-30",
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
		)
		# 40 000 × 0.1 % × 59 days (3 March to 30 April) = 2 360, capped at 1 % of 50 000 = 500.
		self.assertEqual(claim.penalty_amount, 500)

	def test_key_rate_interest_across_two_rate_changes_and_a_leap_year(self):
		contract = penalty_contract(cm_penalty_rate_per_day=0)
		claim = make_claim(
			contract,
			penalty_method="Key Rate Interest (Art. 395)",
			calculation_date="2024-08-05",
			drafted_on="2024-08-05",
			documents=[
				{
					"reference_doctype": "Other",
					"description": "Act No. 7",
					"due_date": "2023-12-10",
					"amount": 100_000,
					"unpaid_amount": 100_000,
				}
			],
		)
		# The shipped Bank of Russia history: 15 % from 2023-10-30, 16 % from 2023-12-18, 18 % from 2024-07-29.
		# Due on Sunday 10 December 2023, so payable on Monday 11 December: the delay starts on the 12th.
		# 100 000 × 15 % × 6 / 365 = 246.58; then as from 18 December.
		self.assertEqual([row.amount for row in claim.penalty_rows], [246.58, 613.70, 9180.33, 393.44])
		self.assertEqual([row.days_in_year for row in claim.penalty_rows], [365, 365, 366, 366])
		self.assertEqual(claim.penalty_amount, 10434.05)
		self.assertEqual(claim.total_claimed, 110434.05)

	def test_key_rate_interest_is_not_offered_where_the_contract_sets_a_penalty(self):
		contract = penalty_contract()
		debt = invoice(contract, 10_000, "2026-02-01", "2026-03-01")
		documents = [{"reference_doctype": "Sales Invoice", "reference_name": debt.name}]
		with self.assertRaisesRegex(frappe.ValidationError, "395"):
			make_claim(contract, penalty_method="Key Rate Interest (Art. 395)", documents=documents)
		claim = make_claim(
			contract,
			penalty_method="Key Rate Interest (Art. 395)",
			key_rate_override_reason="The penalty clause was found void by the court",
			documents=documents,
		)
		self.assertTrue(claim.penalty_rows)

	def test_warning_when_the_key_rate_table_may_be_incomplete(self):
		contract = penalty_contract(cm_penalty_rate_per_day=0)
		claim = make_claim(
			contract,
			penalty_method="Key Rate Interest (Art. 395)",
			calculation_date="2026-03-31",
			sent_on="2026-03-31",
			drafted_on="2026-03-01",
			documents=[
				{
					"reference_doctype": "Other",
					"description": "Act",
					"due_date": "2026-03-01",
					"amount": 1000,
					"unpaid_amount": 1000,
				}
			],
		)
		frappe.clear_messages()
		claim.submit()
		self.assertIn("complete only up to", str(frappe.get_message_log()))


class TestDeadlinesAndStatus(FrappeTestCase):
	def setUp(self):
		weekends_only()

	def test_outgoing_claim_deadline_from_the_contract_or_thirty_days(self):
		contract = penalty_contract()
		debt = invoice(contract, 10_000, "2026-02-01", "2026-03-01")
		docs = [{"reference_doctype": "Sales Invoice", "reference_name": debt.name}]
		claim = make_claim(contract, sent_on="2026-03-10", documents=docs, submit=True)
		self.assertEqual(str(claim.response_due), "2026-04-09")  # 10 March + 30 days, a Thursday
		self.assertEqual(str(claim.court_from), "2026-04-10", "the day after the claim period")
		self.assertEqual(claim.status, "No Answer", "its deadline has passed")

		recent = make_claim(
			contract, sent_on=add_days(TODAY, -5), drafted_on=add_days(TODAY, -5), documents=docs, submit=True
		)
		self.assertEqual(recent.status, "Sent")

		fifteen = penalty_contract(cm_claim_period_days=15, party_name=r.CUSTOMER_2)
		other = make_claim(
			fifteen,
			party=r.CUSTOMER_2,
			sent_on="2026-03-10",
			principal_amount=5000,
			basis="Other",
			penalty_method="None",
		)
		self.assertEqual(str(other.response_due), "2026-03-25")

	def test_no_answer_after_the_deadline_then_answer_court_and_close(self):
		contract = penalty_contract()
		debt = invoice(contract, 10_000, "2026-02-01", "2026-03-01")
		claim = make_claim(
			contract,
			sent_on="2026-03-12",
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
			submit=True,
		)
		# 12 March + 30 days = Saturday 11 April: the period ends on Monday 13 April.
		self.assertEqual((str(claim.response_due), str(claim.court_from)), ("2026-04-13", "2026-04-14"))
		frappe.db.set_value(
			"Contract Claim", claim.name, "status", "Sent"
		)  # as it was before the period ended
		update_no_answer(on_date="2026-04-13")
		self.assertEqual(
			frappe.db.get_value("Contract Claim", claim.name, "status"), "Sent", "the last day of the period"
		)
		update_no_answer(on_date="2026-04-14")
		self.assertEqual(frappe.db.get_value("Contract Claim", claim.name, "status"), "No Answer")
		update_no_answer(on_date="2026-04-14")  # idempotent

		claim.reload()
		claim.response_date = "2026-04-12"
		claim.decision = "Rejected"
		claim.response_text = "We dispute the quality of the services."
		claim.save()
		self.assertEqual(claim.status, "Rejected")
		claim.court_filed_on = "2026-04-20"
		claim.court_case_number = "А40-12345/2026"
		claim.save()
		self.assertEqual(claim.status, "In Court")
		claim.closed_on = "2026-09-01"
		claim.save()
		self.assertEqual(claim.status, "Closed")

	def test_amount_recovered_counts_payments_after_the_claim_was_sent(self):
		contract = penalty_contract()
		debt = invoice(contract, 100_000, "2026-02-01", "2026-03-01")
		f.make_payment_entry(debt, amount=10_000, date="2026-03-05")  # before the claim
		claim = make_claim(
			contract,
			sent_on="2026-03-10",
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
			submit=True,
		)
		f.make_payment_entry(debt, amount=30_000, date="2026-03-20")
		claim.reload()
		claim.save()
		self.assertEqual(claim.amount_recovered, 30_000)

	def test_incoming_claim_is_assigned_with_its_deadline(self):
		claim = make_claim(
			direction="Incoming",
			basis="Other",
			party_type="Supplier",
			party=r.SUPPLIER,
			principal_amount=25_000,
			penalty_method="None",
			received_on="2026-05-04",
			drafted_on="2026-05-04",
			responsible="cm.legal@example.com",
			submit=True,
		)
		self.assertEqual(claim.status, "Received")
		self.assertEqual(str(claim.response_due), "2026-06-03")
		todo = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Contract Claim", "reference_name": claim.name, "status": "Open"},
			fields=["allocated_to", "date"],
		)
		self.assertEqual(
			[(t.allocated_to, str(t.date)) for t in todo], [("cm.legal@example.com", "2026-06-03")]
		)
		claim.response_date = "2026-05-20"
		claim.response_text = "The goods were replaced."
		claim.decision = "Satisfied"
		claim.save()
		self.assertEqual(claim.status, "Satisfied")


class TestFlows(FrappeTestCase):
	def setUp(self):
		weekends_only()

	def test_claim_from_a_contract_has_its_overdue_invoices_and_penalty_to_today(self):
		contract = penalty_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		overdue = invoice(contract, 20_000, add_days(TODAY, -60), add_days(TODAY, -30))
		invoice(contract, 5_000, add_days(TODAY, -5), add_days(TODAY, 25))  # not yet due
		draft = make_claim_from_contract(contract.name)
		self.assertEqual([row["reference_name"] for row in draft["documents"]], [overdue.name])
		self.assertEqual(draft["principal_amount"], 20_000)
		self.assertEqual(str(draft["calculation_date"]), str(TODAY))
		# From the day after the due date (moved to a working day) to today.
		days = (TODAY - next_working_day(add_days(TODAY, -30), r.RUB_COMPANY)).days
		self.assertEqual(draft["penalty_amount"], 20_000 * 0.001 * days)

		from_customer = make_claim_from_party("Customer", r.CUSTOMER)
		self.assertEqual(from_customer["contract"], contract.name, "the customer's one contract in force")

	def test_bulk_claims_one_per_contract_and_none_twice(self):
		first = penalty_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		second = penalty_contract(
			start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200), party_name=r.CUSTOMER_2
		)
		recent = penalty_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		for contract in (first, second):
			invoice(contract, 10_000, add_days(TODAY, -90), add_days(TODAY, -60))
			invoice(contract, 7_000, add_days(TODAY, -80), add_days(TODAY, -50))
		invoice(recent, 3_000, add_days(TODAY, -20), add_days(TODAY, -10))  # overdue, but less than 30 days

		self.assertEqual(contracts_with_overdue_debts(30), sorted([first.name, second.name]))
		result = make_claims_for_overdue_debts(30)
		made = result["made"]
		self.assertEqual((len(made), result["failed"]), (2, []))
		claims = frappe.get_all(
			"Contract Claim", filters={"name": ("in", made)}, fields=["contract", "principal_amount"]
		)
		self.assertEqual(
			sorted((c.contract, c.principal_amount) for c in claims),
			sorted([(first.name, 17_000), (second.name, 17_000)]),
		)
		self.assertEqual(
			make_claims_for_overdue_debts(30), {"made": [], "failed": []}, "run twice, nothing duplicated"
		)

	def test_contract_shows_its_claims(self):
		contract = penalty_contract()
		debt = invoice(contract, 10_000, "2026-02-01", "2026-03-01")
		claim = make_claim(
			contract,
			sent_on="2026-03-10",
			calculation_date="2026-03-10",
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
			submit=True,
		)
		summary = get_contract_summary(contract.name)
		self.assertEqual((summary["claims"], summary["claimed"]), (1, claim.total_claimed))
		items = [
			i
			for group in frappe.get_meta("Contract").get_dashboard_data().transactions
			for i in group["items"]
		]
		self.assertIn("Contract Claim", items)
		customer = frappe.get_meta("Customer").get_dashboard_data()
		self.assertEqual(customer.non_standard_fieldnames["Contract Claim"], "party")


class TestBadInput(FrappeTestCase):
	def assert_refused(self, pattern, **fields):
		before = frappe.db.count("Contract Claim")
		with self.assertRaisesRegex(frappe.ValidationError, pattern):
			make_claim(**fields)
		self.assertEqual(frappe.db.count("Contract Claim"), before)

	def setUp(self):
		self.contract = penalty_contract()
		self.debt = invoice(self.contract, 10_000, "2026-02-01", "2026-03-01")
		self.docs = [{"reference_doctype": "Sales Invoice", "reference_name": self.debt.name}]

	def test_party_or_company_not_of_the_contract(self):
		self.assert_refused("made with", contract=self.contract, party=r.CUSTOMER_2, principal_amount=100)
		self.assert_refused(
			"belongs to company",
			contract=self.contract,
			company=r.EUR_COMPANY,
			currency="EUR",
			principal_amount=100,
		)

	def test_draft_or_cancelled_invoice_as_basis(self):
		draft = f.make_sales_invoice(
			items=[(r.SERVICE_ITEM, 1, 500)], submit=False, cm_contract=self.contract.name
		)
		self.assert_refused(
			"draft or cancelled",
			contract=self.contract,
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": draft.name}],
		)
		cancelled = invoice(self.contract, 700, "2026-02-01", "2026-03-01")
		cancelled.cancel()
		# Frappe's own link check refuses a cancelled document before the claim's rules run.
		self.assert_refused(
			"(?i)cancelled",
			contract=self.contract,
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": cancelled.name}],
		)

	def test_zero_or_negative_amounts(self):
		self.assert_refused("Principal Amount", contract=self.contract, principal_amount=0)
		self.assert_refused("negative", contract=self.contract, principal_amount=-5)
		self.assert_refused(
			"Fixed Penalty",
			contract=self.contract,
			documents=self.docs,
			penalty_method="Fixed Sum",
			fixed_penalty=0,
		)

	def test_penalty_rate_of_100_percent_or_more_and_cap_below_zero(self):
		self.assert_refused("100", contract=self.contract, documents=self.docs, penalty_rate=100)
		self.assert_refused(
			"Cap",
			contract=self.contract,
			documents=self.docs,
			penalty_cap_basis="Overdue Amount",
			penalty_cap_percent=-1,
		)

	def test_dates_out_of_order(self):
		self.assert_refused(
			"Sent On",
			contract=self.contract,
			documents=self.docs,
			drafted_on="2026-03-10",
			sent_on="2026-03-05",
		)
		claim = make_claim(self.contract, documents=self.docs, sent_on="2026-03-10", submit=True)
		claim.response_date = "2026-03-09"
		with self.assertRaisesRegex(frappe.ValidationError, "Response Date"):
			claim.save()
		self.assertIsNone(frappe.db.get_value("Contract Claim", claim.name, "response_date"))

	def test_outgoing_debt_claim_needs_its_contract(self):
		self.assert_refused("Contract", principal_amount=100)


class TestDeadlinesWithAHolidayList(FrappeTestCase):
	"""2026 in Russia: 1–8 January holidays, 9 January moved from Saturday 3 January."""

	def setUp(self):
		set_company_holiday_list(r.RUB_COMPANY, None)
		use_holiday_list(russian_holiday_list().name)

	def test_outgoing_claim_period_ending_in_the_new_year_holidays(self):
		contract = penalty_contract(start_date="2025-01-01")
		claim = make_claim(
			contract,
			basis="Other",
			penalty_method="None",
			principal_amount=5000,
			drafted_on="2025-12-09",
			sent_on="2025-12-09",
			submit=True,
		)
		# 9 December + 30 days = 8 January, a holiday; 9 January moved; 10–11 January a weekend.
		self.assertEqual((str(claim.response_due), str(claim.court_from)), ("2026-01-12", "2026-01-13"))

	def test_incoming_claim_answer_due_after_the_holidays(self):
		claim = make_claim(
			direction="Incoming",
			basis="Quality",
			party_type="Customer",
			principal_amount=1000,
			penalty_method="None",
			drafted_on="2025-12-22",
			received_on="2025-12-22",
			claim_period_days=10,
		)
		# 22 December + 10 days = 1 January: the answer is due on Monday 12 January.
		self.assertEqual(str(claim.response_due), "2026-01-12")

	def test_a_payment_due_in_the_holidays_is_late_only_after_the_next_working_day(self):
		contract = penalty_contract(start_date="2025-01-01")
		debt = invoice(contract, 100_000, "2025-12-03", "2026-01-03")
		claim = make_claim(
			contract,
			calculation_date="2026-01-31",
			drafted_on="2026-01-31",
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
		)
		# Due on 3 January, a holiday: payable on Monday 12 January, late from the 13th: 19 days.
		self.assertEqual(
			[(str(row.period_from), row.days, row.amount) for row in claim.penalty_rows],
			[("2026-01-13", 19, 1900)],
		)
		use_holiday_list(None)
		claim.save()
		# Without the list only the weekend moves it: payable on Monday 5 January, late from the 6th.
		self.assertEqual(
			[(str(row.period_from), row.days, row.amount) for row in claim.penalty_rows],
			[("2026-01-06", 26, 2600)],
		)


def purchase_contract(**fields):
	return penalty_contract(party_type="Supplier", party_name=r.SUPPLIER, cm_direction="Purchase", **fields)


def purchase_invoice(contract, amount, posting, due):
	return f.make_purchase_invoice(
		supplier=contract.party_name,
		items=[(r.SERVICE_ITEM, 1, amount)],
		date=posting,
		due_date=due,
		cm_contract=contract.name,
	)


class TestClaimDirections(FrappeTestCase):
	def setUp(self):
		weekends_only()

	def test_the_bases_each_direction_offers(self):
		self.assertEqual(
			[b["value"] for b in claim_bases("Outgoing", "Customer")], ["Overdue Payment", "Other"]
		)
		self.assertNotIn("Overdue Payment", [b["value"] for b in claim_bases("Outgoing", "Supplier")])
		self.assertIn("Advance Not Returned", [b["value"] for b in claim_bases("Outgoing", "Supplier")])
		self.assertEqual(
			[b["value"] for b in claim_bases("Incoming", "Supplier")], ["Overdue Payment", "Other"]
		)
		self.assertNotIn("Overdue Payment", [b["value"] for b in claim_bases("Incoming", "Customer")])

	def test_we_do_not_claim_overdue_payment_from_a_supplier_on_our_own_invoices(self):
		contract = purchase_contract()
		ours = purchase_invoice(contract, 10_000, "2026-02-02", "2026-03-02")
		with self.assertRaisesRegex(frappe.ValidationError, "does not fit this claim"):
			make_claim(
				contract,
				party_type="Supplier",
				party=r.SUPPLIER,
				documents=[{"reference_doctype": "Purchase Invoice", "reference_name": ours.name}],
			)

	def test_an_overdue_payment_claim_rests_on_sales_invoices_only(self):
		contract = penalty_contract()
		delivery = f.make_delivery_note(date="2026-02-02", cm_contract=contract.name)
		with self.assertRaisesRegex(frappe.ValidationError, "does not rest on"):
			make_claim(
				contract,
				principal_amount=100,
				documents=[{"reference_doctype": "Delivery Note", "reference_name": delivery.name}],
			)

	def test_incoming_claim_on_a_purchase_contract_rests_on_our_overdue_purchase_invoices(self):
		contract = purchase_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		overdue = purchase_invoice(contract, 8_000, add_days(TODAY, -60), add_days(TODAY, -30))
		purchase_invoice(contract, 2_000, add_days(TODAY, -5), add_days(TODAY, 20))  # not yet due
		draft = make_claim_from_contract(contract.name, direction="Incoming")
		self.assertEqual((draft["direction"], draft["basis"]), ("Incoming", "Overdue Payment"))
		self.assertEqual([row["reference_name"] for row in draft["documents"]], [overdue.name])
		self.assertEqual(draft["principal_amount"], 8_000)
		self.assertTrue(draft["penalty_amount"] > 0, "the supplier's penalty on our delay")
		with self.assertRaisesRegex(frappe.ValidationError, "does not fit this claim"):
			make_claim_from_contract(contract.name, direction="Outgoing", basis="Overdue Payment")

	def test_outgoing_claim_on_a_purchase_contract_for_goods_not_delivered_or_an_advance(self):
		contract = purchase_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		order = f.make_purchase_order(
			date=add_days(TODAY, -40), schedule_date=add_days(TODAY, -10), cm_contract=contract.name
		)
		draft = make_claim_from_contract(contract.name, direction="Outgoing", basis="Non-Delivery")
		self.assertEqual(
			[(row["reference_doctype"], row["reference_name"]) for row in draft["documents"]],
			[("Purchase Order", order.name)],
		)
		self.assertEqual(draft["principal_amount"], order.rounded_total or order.grand_total)

		advance = f.make_advance_payment(amount=15_000, date=add_days(TODAY, -30), cm_contract=contract.name)
		draft = make_claim_from_contract(contract.name, direction="Outgoing", basis="Advance Not Returned")
		self.assertEqual(
			[(row["reference_doctype"], row["reference_name"]) for row in draft["documents"]],
			[("Payment Entry", advance.name)],
		)
		self.assertEqual(draft["principal_amount"], 15_000)
		claim = frappe.get_doc(draft).insert()
		self.assertEqual(claim.documents[0].unpaid_amount, 15_000)

	def test_party_claim_offers_the_direction_asked(self):
		contract = purchase_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		overdue = purchase_invoice(contract, 3_000, add_days(TODAY, -60), add_days(TODAY, -30))
		draft = make_claim_from_party("Supplier", r.SUPPLIER, direction="Incoming")
		self.assertEqual(draft["contract"], contract.name)
		self.assertEqual([row["reference_name"] for row in draft["documents"]], [overdue.name])


class TestWhatCountsAsPayment(FrappeTestCase):
	def setUp(self):
		weekends_only()
		self.contract = penalty_contract()

	def claim_on(self, debt, to="2026-03-31"):
		return make_claim(
			self.contract,
			calculation_date=to,
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
		)

	def test_a_journal_entry_against_the_invoice_is_a_payment_on_its_date(self):
		debt = invoice(self.contract, 100_000, "2026-02-02", "2026-03-02")
		f.make_journal_entry(debt, 40_000, date="2026-03-11")
		claim = self.claim_on(debt)
		# 100 000 × 0.1 % × 9 days (3–11 March) = 900; 60 000 × 0.1 % × 20 days = 1 200.
		self.assertEqual([(row.base, row.days) for row in claim.penalty_rows], [(100_000, 9), (60_000, 20)])
		self.assertEqual(claim.penalty_amount, 2100)

	def test_what_raises_the_debt_is_not_a_payment(self):
		debt = invoice(self.contract, 100_000, "2026-02-02", "2026-03-02")
		f.make_journal_entry(debt, 5_000, date="2026-03-11", pays=False)
		claim = self.claim_on(debt)
		self.assertEqual([(row.base, row.days) for row in claim.penalty_rows], [(100_000, 29)])

	def test_a_credit_note_lowers_the_principal_from_its_date_and_says_so(self):
		debt = invoice(self.contract, 100_000, "2026-02-02", "2026-03-02")
		note = f.make_credit_note(debt, 30_000, date="2026-03-11")
		claim = self.claim_on(debt)
		# 100 000 for 3–10 March (8 days), 70 000 from the credit note's own date, 11–31 March (21 days).
		self.assertEqual(
			[(str(row.period_from), row.base, row.days) for row in claim.penalty_rows],
			[("2026-03-03", 100_000, 8), ("2026-03-11", 70_000, 21)],
		)
		self.assertIn(note.name, claim.penalty_rows[1].note)
		self.assertEqual(claim.principal_amount, 70_000)

	def test_the_base_is_the_rounded_total(self):
		debt = invoice(self.contract, 100_000.40, "2026-02-02", "2026-03-02")
		claim = self.claim_on(debt)
		self.assertEqual(claim.documents[0].amount, 100_000)
		self.assertEqual(claim.penalty_rows[0].base, 100_000)


class TestKeyRateInterestBounds(FrappeTestCase):
	def setUp(self):
		weekends_only()

	def key_rate_claim(self, due):
		contract = penalty_contract(cm_penalty_rate_per_day=0, start_date="2015-01-01")
		return make_claim(
			contract,
			penalty_method="Key Rate Interest (Art. 395)",
			calculation_date="2017-01-31",
			drafted_on="2017-01-31",
			documents=[
				{
					"reference_doctype": "Other",
					"description": "Act No. 1",
					"due_date": due,
					"amount": 100_000,
					"unpaid_amount": 100_000,
				}
			],
		)

	def test_interest_before_1_august_2016_is_refused_naming_the_date(self):
		with self.assertRaises(frappe.ValidationError) as refused:
			self.key_rate_claim("2016-06-01")
		self.assertIn(frappe.format("2016-08-01", "Date"), str(refused.exception))
		self.assertTrue(self.key_rate_claim("2016-08-01").penalty_rows, "from 2 August it is counted")

	def test_a_debt_older_than_the_first_key_rate_is_refused_with_a_clear_message(self):
		with self.assertRaises(frappe.ValidationError) as refused:
			self.key_rate_claim("2013-01-10")
		self.assertIn(frappe.format("2016-08-01", "Date"), str(refused.exception))


class TestBulkClaimsPerContract(FrappeTestCase):
	def setUp(self):
		weekends_only()

	def test_a_contract_that_fails_is_reported_and_the_others_are_made(self):
		good = penalty_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		bad = penalty_contract(
			start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200), party_name=r.CUSTOMER_2
		)
		for contract in (good, bad):
			invoice(contract, 10_000, add_days(TODAY, -90), add_days(TODAY, -60))
		# A contract whose penalty terms no claim can accept (an older record, say).
		frappe.db.set_value("Contract", bad.name, "cm_penalty_rate_per_day", 150)
		errors_before = frappe.db.count("Error Log")

		result = make_claims_for_overdue_debts(30)

		self.assertEqual(len(result["made"]), 1)
		self.assertEqual(frappe.db.get_value("Contract Claim", result["made"][0], "contract"), good.name)
		self.assertEqual([failure["contract"] for failure in result["failed"]], [bad.name])
		self.assertIn("100", result["failed"][0]["reason"])
		self.assertFalse(frappe.db.exists("Contract Claim", {"contract": bad.name}), "nothing half-saved")
		self.assertEqual(frappe.db.count("Error Log"), errors_before + 1)
		self.assertTrue(
			frappe.db.exists("Error Log", {"reference_doctype": "Contract", "reference_name": bad.name})
		)


LEGAL, MANAGER = "cm.legal@example.com", "cm.manager@example.com"
SALES, VIEWER, NOBODY = "cm.sales@example.com", "cm.viewer@example.com", "cm.nobody@example.com"


class TestClaimsByTheContractDepartment(FrappeTestCase):
	"""Legal counsel and the contract group make claims on overdue invoices (DOMAIN.md) without
	ERPNext's invoice roles: who may read the contract and create a claim gets that contract's
	documents for the claim, and nothing beyond that contract."""

	def setUp(self):
		weekends_only()
		self.addCleanup(frappe.set_user, "Administrator")

	def test_legal_counsel_claims_the_overdue_invoices_of_the_contract_only(self):
		contract = penalty_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		other = penalty_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		overdue = invoice(contract, 20_000, add_days(TODAY, -60), add_days(TODAY, -30))
		invoice(
			other, 9_000, add_days(TODAY, -60), add_days(TODAY, -30)
		)  # the same customer, another contract
		f.make_sales_invoice(  # the same customer, no contract
			items=[(r.SERVICE_ITEM, 1, 4_000)], date=add_days(TODAY, -60), due_date=add_days(TODAY, -30)
		)
		self.assertFalse(frappe.has_permission("Sales Invoice", "read", user=LEGAL))

		draft = as_user(LEGAL, make_claim_from_contract, contract.name)

		self.assertEqual(
			[(row["reference_doctype"], row["reference_name"]) for row in draft["documents"]],
			[("Sales Invoice", overdue.name)],
		)
		self.assertEqual(draft["principal_amount"], 20_000)
		claim = as_user(LEGAL, lambda: frappe.get_doc(draft).insert())
		self.assertEqual((claim.owner, claim.documents[0].unpaid_amount), (LEGAL, 20_000))

	def test_the_contract_manager_claims_under_a_purchase_contract(self):
		contract = purchase_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		ours = purchase_invoice(contract, 8_000, add_days(TODAY, -60), add_days(TODAY, -30))
		order = f.make_purchase_order(
			date=add_days(TODAY, -40), schedule_date=add_days(TODAY, -10), cm_contract=contract.name
		)
		advance = f.make_advance_payment(amount=15_000, date=add_days(TODAY, -30), cm_contract=contract.name)
		other = purchase_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		f.make_advance_payment(amount=1_000, date=add_days(TODAY, -30), cm_contract=other.name)
		self.assertFalse(frappe.has_permission("Purchase Order", "read", user=MANAGER))

		def documents(direction, basis=None):
			draft = as_user(MANAGER, make_claim_from_contract, contract.name, direction, basis)
			return [(row["reference_doctype"], row["reference_name"]) for row in draft["documents"]]

		self.assertEqual(documents("Incoming"), [("Purchase Invoice", ours.name)])
		self.assertEqual(documents("Outgoing", "Non-Delivery"), [("Purchase Order", order.name)])
		self.assertEqual(documents("Outgoing", "Advance Not Returned"), [("Payment Entry", advance.name)])

	def test_the_manager_makes_claims_for_overdue_debts_in_bulk(self):
		contract = penalty_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		invoice(contract, 10_000, add_days(TODAY, -90), add_days(TODAY, -60))

		result = as_user(MANAGER, make_claims_for_overdue_debts, 30, contracts=[contract.name])

		self.assertEqual((len(result["made"]), result["failed"]), (1, []))
		self.assertEqual(
			frappe.db.get_value("Contract Claim", result["made"][0], ["contract", "principal_amount"]),
			(contract.name, 10_000),
		)

	def test_who_may_not_create_a_claim_gets_no_documents(self):
		contract = penalty_contract(start_date=add_days(TODAY, -200), end_date=add_days(TODAY, 200))
		invoice(contract, 20_000, add_days(TODAY, -60), add_days(TODAY, -30))
		for user in (SALES, VIEWER, NOBODY):
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				as_user(user, make_claim_from_contract, contract.name)
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				# the service itself checks, whoever calls it
				as_user(user, new_claim_for_contract, contract.name)
