"""The penalty engine against arithmetic written out by hand."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management.claims.penalty import (
	Debt,
	DelayPeriod,
	NonAccrualPeriod,
	apply_cap,
	contract_penalty,
	delay_periods,
	key_rate_interest,
	key_rate_share,
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


class TestKeyRateShare(FrappeTestCase):
	"""1/300 of the key rate per day: 16 % until 28 July 2024, 18 % from 29 July."""

	RATES = [(date(2023, 12, 18), 16.0), (date(2024, 7, 29), 18.0)]
	# Due 20 July, 30 000 of 90 000 paid on 25 July, calculated to 2 August.
	DEBT = Debt("INV-3", date(2024, 7, 20), 90_000, [(date(2024, 7, 25), 30_000)])

	def rows(self, on_payment_day):
		rows = key_rate_share([self.DEBT], 300, self.RATES, date(2024, 8, 2), on_payment_day)
		return [
			(row.period_from, row.period_to, row.base, row.rate, row.rate_share, row.days, row.amount)
			for row in rows
		]

	def test_the_rate_in_force_on_each_day_splits_where_it_changes(self):
		self.assertEqual(
			self.rows(on_payment_day=False),
			[
				# 90 000 × 16 % / 300 = 48.00 a day × 5 days (21–25 July) = 240.00
				(date(2024, 7, 21), date(2024, 7, 25), 90_000, 16.0, 300, 5, 240.0),
				# 60 000 × 16 % / 300 = 32.00 a day × 3 days (26–28 July) = 96.00
				(date(2024, 7, 26), date(2024, 7, 28), 60_000, 16.0, 300, 3, 96.0),
				# 60 000 × 18 % / 300 = 36.00 a day × 5 days (29 July – 2 August) = 180.00
				(date(2024, 7, 29), date(2024, 8, 2), 60_000, 18.0, 300, 5, 180.0),
			],
		)

	def test_the_rate_on_the_payment_day_is_one_rate_per_stretch(self):
		self.assertEqual(
			self.rows(on_payment_day=True),
			[
				# Closed by the payment of 25 July (16 %): 48.00 a day × 5 days = 240.00
				(date(2024, 7, 21), date(2024, 7, 25), 90_000, 16.0, 300, 5, 240.0),
				# Unpaid: the rate on the calculation date, 2 August (18 %): 36.00 a day × 8 days = 288.00
				(date(2024, 7, 26), date(2024, 8, 2), 60_000, 18.0, 300, 8, 288.0),
			],
		)

	def test_a_rate_not_in_the_table_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "first key rate"):
			key_rate_share(
				[Debt("INV-4", date(2023, 12, 1), 1000)], 300, self.RATES, date(2024, 1, 10), False
			)


class TestNonAccrualPeriods(FrappeTestCase):
	"""The 2022 moratorium: 1 April – 1 October 2022 inclusive, for obligations that arose before it."""

	MORATORIUM = NonAccrualPeriod(date(2022, 4, 1), date(2022, 10, 1), "Resolution No. 497")
	RATES_2022 = [
		(date(2022, 2, 28), 20.0),
		(date(2022, 4, 11), 17.0),
		(date(2022, 5, 4), 14.0),
		(date(2022, 5, 27), 11.0),
		(date(2022, 6, 14), 9.5),
		(date(2022, 7, 25), 8.0),
		(date(2022, 9, 19), 7.5),
	]

	@staticmethod
	def table(rows):
		return [(row.period_from, row.period_to, row.rate, row.days, row.amount, row.note) for row in rows]

	def test_a_debt_that_arose_before_is_not_charged_for_the_moratorium(self):
		# Invoiced 1 March, due 15 March 2022, unpaid on 10 October 2022; 0.1 % a day.
		debt = Debt("INV-5", date(2022, 3, 15), 100_000, arose_on=date(2022, 3, 1))
		rows = contract_penalty([debt], 0.1, date(2022, 10, 10), non_accrual=[self.MORATORIUM])
		self.assertEqual(
			self.table(rows),
			[
				(date(2022, 3, 16), date(2022, 3, 31), 0.1, 16, 1600.0, ""),  # 100 000 × 0.1 % × 16
				# 30 + 31 + 30 + 31 + 31 + 30 + 1 = 184 days, nothing accrues
				(date(2022, 4, 1), date(2022, 10, 1), 0, 184, 0.0, "No accrual: Resolution No. 497"),
				(date(2022, 10, 2), date(2022, 10, 10), 0.1, 9, 900.0, ""),  # 100 000 × 0.1 % × 9
			],
		)
		self.assertEqual(total(rows), 2500.0)

	def test_a_debt_that_arose_during_it_accrues(self):
		debt = Debt("INV-6", date(2022, 5, 20), 50_000, arose_on=date(2022, 5, 10))
		rows = contract_penalty([debt], 0.1, date(2022, 6, 9), non_accrual=[self.MORATORIUM])
		# 21 May – 9 June: 11 + 9 = 20 days × 50 000 × 0.1 % = 1 000.00
		self.assertEqual(self.table(rows), [(date(2022, 5, 21), date(2022, 6, 9), 0.1, 20, 1000.0, "")])

	def test_without_the_date_it_arose_the_due_date_decides(self):
		arose_during = Debt("ACT-8", date(2022, 4, 5), 10_000)
		rows = contract_penalty([arose_during], 0.1, date(2022, 4, 10), non_accrual=[self.MORATORIUM])
		self.assertEqual([row.amount for row in rows], [50.0])  # 10 000 × 0.1 % × 5 days

	def test_key_rate_interest_across_its_edges(self):
		debt = Debt("INV-7", date(2022, 2, 28), 100_000, arose_on=date(2022, 2, 1))
		rows = key_rate_interest([debt], self.RATES_2022, date(2022, 10, 31), non_accrual=[self.MORATORIUM])
		self.assertEqual(
			self.table(rows),
			[
				# 100 000 × 20 % × 31 / 365 = 1 698.630
				(date(2022, 3, 1), date(2022, 3, 31), 20.0, 31, 1698.63, ""),
				# the six rate changes inside it make no rows of their own
				(date(2022, 4, 1), date(2022, 10, 1), 0, 184, 0.0, "No accrual: Resolution No. 497"),
				# 100 000 × 7.5 % × 30 / 365 = 616.438
				(date(2022, 10, 2), date(2022, 10, 31), 7.5, 30, 616.44, ""),
			],
		)
		self.assertEqual(total(rows), 2315.07)

	def test_key_rate_share_on_the_payment_day_across_its_edges(self):
		# Paid in full on 5 October 2022, when the rate was 7.5 %: 100 000 × 7.5 % / 300 = 25.00 a day.
		debt = Debt(
			"INV-8", date(2022, 3, 15), 100_000, [(date(2022, 10, 5), 100_000)], arose_on=date(2022, 3, 1)
		)
		rows = key_rate_share(
			[debt], 300, self.RATES_2022, date(2022, 10, 10), True, non_accrual=[self.MORATORIUM]
		)
		self.assertEqual(
			self.table(rows),
			[
				(date(2022, 3, 16), date(2022, 3, 31), 7.5, 16, 400.0, ""),  # 25.00 × 16
				(date(2022, 4, 1), date(2022, 10, 1), 0, 184, 0.0, "No accrual: Resolution No. 497"),
				(date(2022, 10, 2), date(2022, 10, 5), 7.5, 4, 100.0, ""),  # 25.00 × 4
			],
		)

	def test_a_period_for_every_obligation_covers_later_ones_too(self):
		every = NonAccrualPeriod(date(2022, 4, 1), date(2022, 10, 1), "Agreement", before_start_only=False)
		debt = Debt("INV-9", date(2022, 9, 25), 10_000, arose_on=date(2022, 9, 20))
		rows = contract_penalty([debt], 0.1, date(2022, 10, 3), non_accrual=[every])
		# 26 September – 1 October: 6 days at nothing; 2–3 October: 10 000 × 0.1 % × 2 = 20.00
		self.assertEqual([(row.days, row.amount) for row in rows], [(6, 0.0), (2, 20.0)])
