"""The penalty engine against arithmetic written out by hand."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management.claims.penalty import (
	Debt,
	DelayPeriod,
	apply_cap,
	contract_penalty,
	delay_periods,
	key_rate_interest,
	total,
)


class TestDelayPeriods(FrappeTestCase):
	def test_days_run_from_the_day_after_due_to_the_payment_day_inclusive(self):
		debt = Debt("INV-1", date(2026, 3, 1), 100_000, [(date(2026, 3, 11), 40_000)])
		self.assertEqual(
			delay_periods(debt, date(2026, 3, 31)),
			[
				DelayPeriod(date(2026, 3, 2), date(2026, 3, 11), 100_000),  # 10 days on the full debt
				DelayPeriod(date(2026, 3, 12), date(2026, 3, 31), 60_000),  # from the day after the payment
			],
		)

	def test_paid_in_full_on_time_is_never_overdue(self):
		debt = Debt("INV-1", date(2026, 3, 1), 1000, [(date(2026, 3, 1), 1000)])
		self.assertEqual(delay_periods(debt, date(2026, 4, 1)), [])

	def test_payments_after_the_calculation_date_do_not_count(self):
		debt = Debt("INV-1", date(2026, 3, 1), 1000, [(date(2026, 5, 1), 1000)])
		self.assertEqual(
			delay_periods(debt, date(2026, 3, 5)), [DelayPeriod(date(2026, 3, 2), date(2026, 3, 5), 1000)]
		)

	def test_a_credit_note_lowers_the_debt_from_its_own_date_and_says_so(self):
		debt = Debt(
			"INV-1",
			date(2026, 3, 1),
			100_000,
			[(date(2026, 3, 20), 10_000)],
			credit_notes=[(date(2026, 3, 11), 30_000, "CN-1")],
		)
		periods = delay_periods(debt, date(2026, 3, 31))
		self.assertEqual(
			[(p.start, p.end, p.base) for p in periods],
			[
				(date(2026, 3, 2), date(2026, 3, 10), 100_000),
				(date(2026, 3, 11), date(2026, 3, 20), 70_000),  # from the credit note's date
				(date(2026, 3, 21), date(2026, 3, 31), 60_000),  # from the day after the payment
			],
		)
		self.assertIn("CN-1", periods[1].note)
		self.assertEqual(periods[2].note, "")


class TestContractPenalty(FrappeTestCase):
	def test_partial_payment_and_cap(self):
		debt = Debt("INV-1", date(2026, 3, 1), 100_000, [(date(2026, 3, 11), 40_000)])
		rows = contract_penalty([debt], 0.1, date(2026, 3, 31))
		# 100 000 × 0.1 % × 10 days = 1 000.00; 60 000 × 0.1 % × 20 days = 1 200.00
		self.assertEqual(
			[(row.days, row.base, row.amount) for row in rows], [(10, 100_000, 1000.0), (20, 60_000, 1200.0)]
		)
		self.assertEqual(total(rows), 2200.0)
		# Capped at 2 % of the overdue 100 000 = 2 000.00: a row of −200.00 makes the table add up.
		capped = apply_cap(rows, 2000, "cap")
		self.assertEqual(capped[-1].amount, -200.0)
		self.assertEqual(total(capped), 2000.0)
		self.assertEqual(apply_cap(rows, 5000, "cap"), rows, "no row when the cap is not reached")


class TestKeyRateInterest(FrappeTestCase):
	RATES = [(date(2023, 10, 30), 15.0), (date(2023, 12, 18), 16.0), (date(2024, 7, 29), 18.0)]

	def test_two_rate_changes_and_a_leap_year_boundary(self):
		debt = Debt("ACT-7", date(2023, 12, 10), 100_000)
		rows = key_rate_interest([debt], self.RATES, date(2024, 8, 5))
		self.assertEqual(
			[
				(row.period_from, row.period_to, row.rate, row.days, row.days_in_year, row.amount)
				for row in rows
			],
			[
				(
					date(2023, 12, 11),
					date(2023, 12, 17),
					15.0,
					7,
					365,
					287.67,
				),  # 100 000 × 15 % × 7 / 365 = 287.671
				(
					date(2023, 12, 18),
					date(2023, 12, 31),
					16.0,
					14,
					365,
					613.70,
				),  # × 16 % × 14 / 365 = 613.699
				(
					date(2024, 1, 1),
					date(2024, 7, 28),
					16.0,
					210,
					366,
					9180.33,
				),  # × 16 % × 210 / 366 = 9 180.328
				(date(2024, 7, 29), date(2024, 8, 5), 18.0, 8, 366, 393.44),  # × 18 % × 8 / 366 = 393.443
			],
		)
		self.assertEqual(total(rows), 10475.14)

	def test_partial_payment_splits_the_base_too(self):
		debt = Debt("INV-2", date(2024, 7, 20), 50_000, [(date(2024, 7, 31), 20_000)])
		rows = key_rate_interest([debt], self.RATES, date(2024, 8, 9))
		self.assertEqual(
			[(row.period_from, row.period_to, row.base, row.rate, row.days, row.amount) for row in rows],
			[
				(
					date(2024, 7, 21),
					date(2024, 7, 28),
					50_000,
					16.0,
					8,
					174.86,
				),  # 50 000 × 16 % × 8 / 366 = 174.863
				(
					date(2024, 7, 29),
					date(2024, 7, 31),
					50_000,
					18.0,
					3,
					73.77,
				),  # 50 000 × 18 % × 3 / 366 = 73.770
				(
					date(2024, 8, 1),
					date(2024, 8, 9),
					30_000,
					18.0,
					9,
					132.79,
				),  # 30 000 × 18 % × 9 / 366 = 132.787
			],
		)


class TestKeyRateInterestBounds(FrappeTestCase):
	RATES = [(date(2023, 10, 30), 15.0)]

	def test_a_period_before_the_first_known_key_rate_is_refused_clearly(self):
		debt = Debt("ACT-1", date(2023, 6, 1), 1000)
		with self.assertRaisesRegex(frappe.ValidationError, "first key rate"):
			key_rate_interest([debt], self.RATES, date(2023, 12, 1))

	def test_interest_before_1_august_2016_is_refused_naming_the_date(self):
		debt = Debt("ACT-2", date(2016, 7, 1), 1000)
		with self.assertRaises(frappe.ValidationError) as refused:
			key_rate_interest([debt], [(date(2013, 9, 13), 5.5)], date(2016, 9, 1))
		self.assertIn(frappe.format(date(2016, 8, 1), "Date"), str(refused.exception))
