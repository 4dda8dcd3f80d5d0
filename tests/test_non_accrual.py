"""Claims with a penalty of 1/N of the key rate, and across non-accrual periods (the 2022 moratorium).

The arithmetic is written out by hand. Saturdays and Sundays are the only non-working days here; every
due date below is a working day, so each delay starts the day after it.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management.claims.claim import non_accrual_periods
from contract_management.patches.v15_0 import keep_claim_penalties_before_non_accrual
from contract_management.setup.defaults import MORATORIUM_2022, ensure_non_accrual_periods
from tests import records as r
from tests.test_access import ALL, LEGAL, MANAGER, NOBODY, PURCHASE, SALES, VIEWER
from tests.test_claims import make_claim, penalty_contract, weekends_only

SHARE = "1/N of the Key Rate per Day"
PERIOD = "Contract Non-Accrual Period"


def act(due_date, amount, document_date=None):
	"""A debt outside ERPNext: an act, with the date it arose (its own date) and its due date."""
	return {
		"reference_doctype": "Other",
		"description": "Act",
		"document_date": document_date,
		"due_date": due_date,
		"amount": amount,
		"unpaid_amount": amount,
	}


def moratorium():
	return frappe.get_doc(PERIOD, frappe.db.get_value(PERIOD, MORATORIUM_2022))


def amounts(claim):
	return [row.amount for row in claim.penalty_rows]


class TestTheShippedMoratorium(FrappeTestCase):
	def test_install_made_it_once(self):
		ensure_non_accrual_periods()
		self.assertEqual(frappe.db.count(PERIOD, MORATORIUM_2022), 1)
		period = moratorium()
		self.assertEqual(period.applies_to, "Arose Before the Period")
		self.assertIn("497", period.basis)

	def test_a_deleted_one_comes_back_and_an_edited_one_stays_as_edited(self):
		period = moratorium()
		period.basis = "Our lawyers' wording"
		period.save()
		ensure_non_accrual_periods()
		self.assertEqual(moratorium().basis, "Our lawyers' wording")
		frappe.delete_doc(PERIOD, period.name)
		ensure_non_accrual_periods()
		self.assertEqual(frappe.db.count(PERIOD, MORATORIUM_2022), 1)

	def test_the_same_roles_keep_it_as_keep_the_key_rates(self):
		for user in (MANAGER, LEGAL, SALES, PURCHASE, VIEWER, NOBODY):
			for ptype in ALL:
				self.assertEqual(
					frappe.has_permission(PERIOD, ptype, user=user),
					frappe.has_permission("Key Rate", ptype, user=user),
					(user, ptype),
				)

	def test_the_debtor_is_the_counterparty_or_for_an_incoming_claim_our_company(self):
		period = moratorium()
		period.append("opted_out", {"party_type": "Company", "party": r.RUB_COMPANY})
		period.save()
		claim = frappe._dict(
			leave_out_non_accrual=1, company=r.RUB_COMPANY, party_type="Customer", party=r.CUSTOMER
		)
		outgoing = non_accrual_periods(frappe._dict(claim, direction="Outgoing"))
		self.assertEqual([(str(p.start), str(p.end)) for p in outgoing], [("2022-04-01", "2022-10-01")])
		self.assertEqual(non_accrual_periods(frappe._dict(claim, direction="Incoming")), [])


class TestDebtPenaltyAcrossTheMoratorium(FrappeTestCase):
	def setUp(self):
		weekends_only()
		self.contract = penalty_contract(start_date="2022-01-01", end_date="2024-12-31")

	def claim_before_the_moratorium(self, **fields):
		# Act of 1 March 2022, due Tuesday 15 March, unpaid on 10 October; 0.1 % per day.
		return make_claim(
			self.contract,
			drafted_on="2022-10-10",
			calculation_date="2022-10-10",
			documents=[act("2022-03-15", 100_000, document_date="2022-03-01")],
			**fields,
		)

	def test_a_debt_that_arose_before_it_is_not_charged_for_its_days(self):
		claim = self.claim_before_the_moratorium()
		self.assertEqual(
			[(str(row.period_from), str(row.period_to), row.days, row.amount) for row in claim.penalty_rows],
			[
				("2022-03-16", "2022-03-31", 16, 1600),  # 100 000 × 0.1 % × 16
				("2022-04-01", "2022-10-01", 184, 0),  # 30 + 31 + 30 + 31 + 31 + 30 + 1 days
				("2022-10-02", "2022-10-10", 9, 900),  # 100 000 × 0.1 % × 9
			],
		)
		self.assertIn("497", claim.penalty_rows[1].note)
		self.assertEqual(claim.penalty_amount, 2500)
		self.assertEqual(claim.total_claimed, 102_500)

	def test_a_debt_that_arose_during_it_accrues(self):
		claim = make_claim(
			self.contract,
			drafted_on="2022-06-09",
			calculation_date="2022-06-09",
			documents=[act("2022-05-20", 50_000, document_date="2022-05-10")],
		)
		# 21 May – 9 June 2022: 11 + 9 = 20 days × 50 000 × 0.1 % = 1 000
		self.assertEqual(amounts(claim), [1000])

	def test_a_debtor_who_opted_out_is_charged_throughout(self):
		period = moratorium()
		period.append("opted_out", {"party_type": "Customer", "party": r.CUSTOMER})
		period.save()
		claim = self.claim_before_the_moratorium()
		# 16 March – 10 October 2022: 16 + 184 + 9 = 209 days × 100 = 20 900
		self.assertEqual(amounts(claim), [20_900])

	def test_a_disabled_period_is_left_out(self):
		frappe.db.set_value(PERIOD, moratorium().name, "disabled", 1)
		self.assertEqual(amounts(self.claim_before_the_moratorium()), [20_900])

	def test_statutory_interest_across_its_edges(self):
		contract = penalty_contract(start_date="2022-01-01", cm_penalty_rate_per_day=0)
		claim = make_claim(
			contract,
			penalty_method="Key Rate Interest (Art. 395)",
			drafted_on="2022-10-31",
			calculation_date="2022-10-31",
			# Arose 1 February, due Monday 28 February 2022.
			documents=[act("2022-02-28", 100_000, document_date="2022-02-01")],
		)
		# The shipped key rates: 20 % from 28 February 2022, … 7.5 % from 19 September 2022.
		self.assertEqual(
			[
				(str(row.period_from), str(row.period_to), row.rate, row.days, row.amount)
				for row in claim.penalty_rows
			],
			[
				("2022-03-01", "2022-03-31", 20, 31, 1698.63),  # 100 000 × 20 % × 31 / 365 = 1 698.630
				("2022-04-01", "2022-10-01", 0, 184, 0),  # six rate changes inside, no rows of their own
				("2022-10-02", "2022-10-31", 7.5, 30, 616.44),  # 100 000 × 7.5 % × 30 / 365 = 616.438
			],
		)
		self.assertEqual(claim.penalty_amount, 2315.07)


class TestKeyRateShareClaim(FrappeTestCase):
	def setUp(self):
		weekends_only()
		self.contract = penalty_contract(
			start_date="2024-01-01", cm_penalty_rate_per_day=0, cm_penalty_key_rate_share=300
		)

	def claim(self, **fields):
		# An act due Wednesday 24 July 2024, unpaid on Friday 2 August; the key rate went from 16 % to 18 %
		# on 29 July.
		return make_claim(
			self.contract,
			penalty_method=SHARE,
			drafted_on="2024-08-02",
			calculation_date="2024-08-02",
			documents=[act("2024-07-24", 90_000)],
			**fields,
		)

	def test_the_rate_in_force_on_each_day(self):
		claim = self.claim()
		self.assertEqual((claim.key_rate_share, claim.key_rate_mode), (300, "Rate in Force on Each Day"))
		self.assertEqual(
			[
				(str(row.period_from), row.rate, row.rate_share, row.days, row.amount)
				for row in claim.penalty_rows
			],
			[
				("2024-07-25", 16, 300, 4, 192),  # 90 000 × 16 % / 300 = 48 a day × 4 days (25–28 July)
				(
					"2024-07-29",
					18,
					300,
					5,
					270,
				),  # 90 000 × 18 % / 300 = 54 a day × 5 days (29 July – 2 August)
			],
		)
		self.assertEqual(claim.penalty_amount, 462)

	def test_the_rate_on_the_day_of_payment_is_the_calculation_date_while_unpaid(self):
		claim = self.claim(key_rate_mode="Rate on the Day of Payment")
		self.assertEqual(amounts(claim), [486])  # 54 a day at 18 % × 9 days

	def test_the_cap_applies_as_to_the_contract_penalty(self):
		claim = self.claim(penalty_cap_basis="Overdue Amount", penalty_cap_percent=0.5)
		# 462 capped at 0.5 % of 90 000 = 450: a row of −12.
		self.assertEqual(amounts(claim), [192, 270, -12])
		self.assertEqual(claim.penalty_amount, 450)

	def test_key_rate_interest_needs_a_reason_where_the_contract_sets_a_share(self):
		with self.assertRaisesRegex(frappe.ValidationError, "1/300 of the key rate"):
			make_claim(
				self.contract,
				penalty_method="Key Rate Interest (Art. 395)",
				drafted_on="2024-08-02",
				calculation_date="2024-08-02",
				documents=[act("2024-07-24", 90_000)],
			)

	def test_the_letter_prints_the_share_and_the_rate(self):
		claim = self.claim(sent_on="2024-08-02")
		claim.submit()
		letter = frappe.utils.strip_html(
			frappe.get_print(
				"Contract Claim", claim.name, "Contract Claim Letter", doc=claim, no_letterhead=1
			)
		)
		self.assertIn(
			"1/300 of the Bank of Russia key rate per day of delay (rate in force on each day)", letter
		)
		self.assertIn("1/300 of 16%", letter)
		self.assertIn("1/300 of 18%", letter)
		frappe.local.lang = "ru"
		try:
			russian = frappe.utils.strip_html(
				frappe.get_print(
					"Contract Claim", claim.name, "Contract Claim Letter", doc=claim, no_letterhead=1
				)
			)
		finally:
			frappe.local.lang = "en"
		self.assertIn(
			"1/300 ключевой ставки Банка России за каждый день просрочки (ставка, действующая", russian
		)
		self.assertIn("1/300 от 16\u00a0%", russian)


class TestBadInputIsRefusedAndNothingWritten(FrappeTestCase):
	def setUp(self):
		weekends_only()

	def assert_refused(self, doctype, pattern, make):
		before = frappe.db.count(doctype)
		with self.assertRaisesRegex(frappe.ValidationError, pattern):
			make()
		self.assertEqual(frappe.db.count(doctype), before)

	def test_a_share_of_zero_or_below(self):
		contract = penalty_contract(start_date="2024-01-01", cm_penalty_rate_per_day=0)
		for share in (0, -300):
			self.assert_refused(
				"Contract Claim",
				"1/N",
				lambda share=share: make_claim(
					contract,
					penalty_method=SHARE,
					key_rate_share=share,
					drafted_on="2024-08-02",
					calculation_date="2024-08-02",
					documents=[act("2024-07-24", 90_000)],
				),
			)

	def test_a_period_that_ends_before_it_starts(self):
		self.assert_refused(
			PERIOD,
			"cannot end before it starts",
			lambda: frappe.get_doc(
				{
					"doctype": PERIOD,
					"title": "Backwards",
					"from_date": "2023-05-10",
					"to_date": "2023-05-01",
					"basis": "Test",
				}
			).insert(),
		)


class TestSavedClaimsKeepTheirFigures(FrappeTestCase):
	def setUp(self):
		weekends_only()
		self.contract = penalty_contract(start_date="2022-01-01", end_date="2024-12-31")

	def test_a_claim_saved_before_keeps_its_penalty_until_the_user_ticks_the_setting(self):
		# As the claim was saved before: the moratorium not counted, 209 days × 100 = 20 900.
		claim = make_claim(
			self.contract,
			leave_out_non_accrual=0,
			drafted_on="2022-10-10",
			calculation_date="2022-10-10",
			documents=[act("2022-03-15", 100_000, document_date="2022-03-01")],
		)
		self.assertEqual(claim.penalty_amount, 20_900)
		# A claim with no day in the moratorium: nothing of its figures can move.
		later = make_claim(
			self.contract,
			drafted_on="2023-03-10",
			calculation_date="2023-03-10",
			documents=[act("2023-03-01", 10_000)],
		)
		# The new column gave every stored claim its default, on.
		frappe.db.set_value(
			"Contract Claim", {"name": ("in", [claim.name, later.name])}, "leave_out_non_accrual", 1
		)

		keep_claim_penalties_before_non_accrual.execute()

		self.assertEqual(frappe.db.get_value("Contract Claim", claim.name, "leave_out_non_accrual"), 0)
		self.assertEqual(frappe.db.get_value("Contract Claim", later.name, "leave_out_non_accrual"), 1)
		claim.reload()
		claim.demand = "Pay the debt and the penalty."
		claim.save()
		self.assertEqual(claim.penalty_amount, 20_900, "saving it again does not move its total")
		claim.leave_out_non_accrual = 1
		claim.save()
		self.assertEqual(claim.penalty_amount, 2500, "recalculated on purpose: 1 600 + 0 + 900")
