"""Penalty and statutory interest on overdue debts, as Russian law counts them.

- Days of delay run from the day after the due date up to and including the day of payment, or the
  calculation date while unpaid; a partial payment reduces the base from the day after it is made, a
  credit note reduces the debt itself from its own date. (The caller moves a due date that falls on a
  non-working day to the next working day: claims/deadlines.py.)
- Contractual penalty (Civil Code art. 330): base × rate % × days, optionally capped.
- Statutory interest (Civil Code art. 395): base × key rate × days / days in that year (365 or 366),
  period by period, split at every key-rate change and at every year boundary. The key rate measures
  it only from 2016-08-01; earlier days took other rates, so a period reaching before is refused.

- A share of the key rate (1/N of it per day, e.g. 1/300): base × key rate % / N × days. The rate is
  either the one in force on each day (split at every change) or the one on the payment day: one rate
  per stretch of delay, the rate on the day that closed it (the day of payment) or on the calculation
  date while the debt is unpaid.
- Non-accrual periods (a moratorium): no penalty and no interest accrue on their days, for the debts
  they cover (the 2022 moratorium covers obligations that arose before it started). Each shows as a row
  of its own with zero amount and its basis.

The debt may be money or goods: an obligation with a due date, an amount and what reduced it, so a
delivery penalty takes the same functions with the undelivered value as its base.

Every row is rounded to the currency's precision and the total is the sum of the rows; a cap shows
as a row of its own, so the table always adds up.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.utils import flt, fmt_money

ONE_DAY = timedelta(days=1)
# Art. 395 has measured interest by the key rate since this date (Federal Law No. 315-FZ of 03.07.2016).
KEY_RATE_INTEREST_FROM = date(2016, 8, 1)


@dataclass
class Debt:
	reference: str
	due_date: date
	amount: float
	payments: list[tuple[date, float]] = field(default_factory=list)
	# (date, amount, credit note): each lowers the principal itself from its date.
	credit_notes: list[tuple[date, float, str]] = field(default_factory=list)
	# When the obligation arose (an invoice's date: the day the goods or work it bills were handed
	# over); a moratorium for earlier obligations is judged by it, else by the due date.
	arose_on: date | None = None


@dataclass(frozen=True)
class NonAccrualPeriod:
	start: date
	end: date  # inclusive
	basis: str
	# Only obligations that arose before `start` (the 2022 moratorium, art. 9.1 of the insolvency law).
	before_start_only: bool = True

	def covers(self, debt: Debt) -> bool:
		return not self.before_start_only or (debt.arose_on or debt.due_date) < self.start


@dataclass
class DelayPeriod:
	start: date
	end: date
	base: float
	note: str = ""


@dataclass
class PenaltyRow:
	reference: str
	period_from: date | None
	period_to: date | None
	base: float
	rate: float
	days: int
	amount: float
	days_in_year: int = 0
	note: str = ""
	rate_share: int = 0  # N of "1/N of the key rate"


def delay_periods(debt: Debt, calculation_date: date) -> list[DelayPeriod]:
	"""Each stretch of delay with a constant unpaid base. A payment lowers the base from the day after
	it; a credit note from its own date, and the stretch it opens says so."""
	# (day the base changes, amount, note); on one day a credit note comes before payments.
	changes = sorted(
		[(paid_on + ONE_DAY, paid, "") for paid_on, paid in debt.payments]
		+ [
			(
				credited_on,
				credited,
				_("Credit note {0} of {1}: −{2}").format(
					name, frappe.format(credited_on, "Date"), fmt_money(credited, 2)
				),
			)
			for credited_on, credited, name in debt.credit_notes
		],
		key=lambda change: change[0],
	)
	periods = []
	start = debt.due_date + ONE_DAY
	base = flt(debt.amount, 2)
	note = ""
	for changes_on, amount, change_note in changes:
		if changes_on > calculation_date:
			break
		if changes_on <= start:  # settled before the delay began, or on the day this stretch starts
			base = flt(base - amount, 2)
			note = _join(note, change_note)
			continue
		if base > 0:
			periods.append(DelayPeriod(start, changes_on - ONE_DAY, base, note))
		base = flt(base - amount, 2)
		start, note = changes_on, change_note
	if base > 0 and start <= calculation_date:
		periods.append(DelayPeriod(start, calculation_date, base, note))
	return periods


def _join(note: str, more: str) -> str:
	return "; ".join(part for part in (note, more) if part)


def contract_penalty(
	debts: list[Debt],
	rate_per_day: float,
	calculation_date: date,
	precision: int = 2,
	non_accrual: list[NonAccrualPeriod] = (),
):
	def accrue(debt, period, start, end):
		days = (end - start).days + 1
		amount = flt(period.base * rate_per_day / 100 * days, precision)
		return [PenaltyRow(debt.reference, start, end, period.base, rate_per_day, days, amount)]

	return _rows(debts, calculation_date, non_accrual, accrue)


def key_rate_share(
	debts: list[Debt],
	share: int,
	key_rates: list[tuple[date, float]],
	calculation_date: date,
	on_payment_day: bool,
	precision: int = 2,
	non_accrual: list[NonAccrualPeriod] = (),
):
	"""1/`share` of the key rate per day. `on_payment_day`: one rate per stretch of delay, the rate on
	its last day (the day of payment, or the calculation date while unpaid); else the rate in force on
	each day. `key_rates`: (effective from, % per year), any order."""
	rates = sorted(key_rates)

	def accrue(debt, period, start, end):
		if on_payment_day:
			refuse_unknown_key_rate(debt, period.end, rates)
			parts = [(start, end)]
		else:
			refuse_unknown_key_rate(debt, start, rates)
			parts = _split(start, end, rates)
		rows = []
		for part_start, part_end in parts:
			rate = rate_on(rates, period.end if on_payment_day else part_start)
			days = (part_end - part_start).days + 1
			amount = flt(period.base * rate / share / 100 * days, precision)
			rows.append(
				PenaltyRow(
					debt.reference, part_start, part_end, period.base, rate, days, amount, rate_share=share
				)
			)
		return rows

	return _rows(debts, calculation_date, non_accrual, accrue)


def key_rate_interest(
	debts: list[Debt],
	key_rates: list[tuple[date, float]],
	calculation_date: date,
	precision: int = 2,
	non_accrual: list[NonAccrualPeriod] = (),
):
	"""`key_rates`: (effective from, % per year), any order."""
	rates = sorted(key_rates)

	def accrue(debt, period, start, end):
		refuse_before_key_rate_interest(debt, start, rates)
		rows = []
		for part_start, part_end in _split(start, end, rates, years=True):
			rate = rate_on(rates, part_start)
			days = (part_end - part_start).days + 1
			days_in_year = 366 if calendar.isleap(part_start.year) else 365
			amount = flt(period.base * rate / 100 * days / days_in_year, precision)
			rows.append(
				PenaltyRow(
					debt.reference, part_start, part_end, period.base, rate, days, amount, days_in_year
				)
			)
		return rows

	return _rows(debts, calculation_date, non_accrual, accrue)


def _rows(debts, calculation_date, non_accrual, accrue) -> list[PenaltyRow]:
	"""Each debt's stretches of delay, cut where a non-accrual period covering it starts and ends: its
	days are a row of zero with its basis, the others are what `accrue(debt, stretch, start, end)`
	makes of them. A stretch's note goes on its first row."""
	rows = []
	for debt in debts:
		covering = sorted(
			(period for period in non_accrual if period.covers(debt)), key=lambda period: period.start
		)
		for stretch in delay_periods(debt, calculation_date):
			stretch_rows = []
			for start, end, excluded in _accrual_parts(stretch.start, stretch.end, covering):
				if excluded:
					days = (end - start).days + 1
					note = _("No accrual: {0}").format(excluded.basis)
					stretch_rows.append(
						PenaltyRow(debt.reference, start, end, stretch.base, 0, days, 0, note=note)
					)
				else:
					stretch_rows.extend(accrue(debt, stretch, start, end))
			if stretch.note:
				stretch_rows[0].note = _join(stretch.note, stretch_rows[0].note)
			rows.extend(stretch_rows)
	return rows


def _accrual_parts(start: date, end: date, covering: list[NonAccrualPeriod]):
	"""(part start, part end, the non-accrual period or None) covering [start, end] in order."""
	for period in covering:
		if period.end < start or period.start > end:
			continue
		if period.start > start:
			yield start, period.start - ONE_DAY, None
		part_end = min(period.end, end)
		yield max(start, period.start), part_end, period
		start = part_end + ONE_DAY
		if start > end:
			return
	yield start, end, None


def refuse_before_key_rate_interest(debt: Debt, first_day: date, rates: list[tuple[date, float]]):
	"""Art. 395 interest by the key rate runs from 2016-08-01, and only while a rate is known."""
	if first_day < KEY_RATE_INTEREST_FROM:
		frappe.throw(
			_(
				"{0}: the delay starts on {1}, but interest under art. 395 is counted at the Bank of Russia key rate only from {2}; before that date other rates applied. Calculate the earlier part separately and start this calculation no earlier than {2}."
			).format(
				debt.reference,
				frappe.format(first_day, "Date"),
				frappe.format(KEY_RATE_INTEREST_FROM, "Date"),
			),
			title=_("Key Rate Interest Before {0}").format(frappe.format(KEY_RATE_INTEREST_FROM, "Date")),
		)
	refuse_unknown_key_rate(debt, first_day, rates)


def refuse_unknown_key_rate(debt: Debt, first_day: date, rates: list[tuple[date, float]]):
	if not rates or first_day < rates[0][0]:
		frappe.throw(
			_(
				"{0}: the delay starts on {1}, before the first key rate in the Key Rate table ({2}). Add the earlier Bank of Russia decisions under Key Rate."
			).format(
				debt.reference,
				frappe.format(first_day, "Date"),
				frappe.format(rates[0][0], "Date") if rates else _("none"),
			),
			title=_("No Key Rate Known"),
		)


def rate_on(rates: list[tuple[date, float]], on_date: date) -> float:
	"""The rate in force on `on_date`; the caller has checked that one is known."""
	current = None
	for effective_from, rate in rates:
		if effective_from > on_date:
			break
		current = rate
	return current


def _split(start: date, end: date, rates: list[tuple[date, float]], years: bool = False):
	"""Sub-periods of [start, end] that each have one key rate (and, with `years`, lie in one calendar
	year)."""
	cuts = {effective_from for effective_from, _rate in rates if start < effective_from <= end}
	if years:
		cuts |= {date(year, 1, 1) for year in range(start.year + 1, end.year + 1)}
	bounds = [start, *sorted(cuts)]
	for index, part_start in enumerate(bounds):
		part_end = bounds[index + 1] - ONE_DAY if index + 1 < len(bounds) else end
		yield part_start, part_end


def apply_cap(
	rows: list[PenaltyRow], cap_amount: float | None, note: str, precision: int = 2
) -> list[PenaltyRow]:
	"""Adds a row that brings the total down to the cap, when the rows exceed it."""
	if cap_amount is None:
		return rows
	total = flt(sum(row.amount for row in rows), precision)
	cap_amount = flt(cap_amount, precision)
	if total <= cap_amount:
		return rows
	return [*rows, PenaltyRow("", None, None, 0, 0, 0, flt(cap_amount - total, precision), note=note)]


def total(rows: list[PenaltyRow], precision: int = 2) -> float:
	return flt(sum(row.amount for row in rows), precision)
