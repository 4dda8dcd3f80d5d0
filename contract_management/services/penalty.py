"""Penalty and statutory interest on overdue debts, as Russian law counts them.

- Days of delay run from the day after the due date up to and including the day of payment, or the
  calculation date while unpaid; a partial payment reduces the base from the day after it is made.
- Contractual penalty (Civil Code art. 330): base × rate % × days, optionally capped.
- Statutory interest (Civil Code art. 395): base × key rate × days / days in that year (365 or 366),
  period by period, split at every key-rate change and at every year boundary.

Every row is rounded to the currency's precision and the total is the sum of the rows; a cap shows
as a row of its own, so the table always adds up.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from frappe.utils import flt

ONE_DAY = timedelta(days=1)


@dataclass
class Debt:
	reference: str
	due_date: date
	amount: float
	payments: list[tuple[date, float]] = field(default_factory=list)


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


def delay_periods(debt: Debt, calculation_date: date) -> list[tuple[date, date, float]]:
	"""(first day, last day, base) of each stretch of delay with a constant unpaid base."""
	periods = []
	start = debt.due_date + ONE_DAY
	base = flt(debt.amount, 2)
	for paid_on, paid in sorted(debt.payments):
		if paid_on > calculation_date:
			break
		if paid_on < start:  # paid on or before the due date: never overdue
			base = flt(base - paid, 2)
			continue
		if base > 0:
			periods.append((start, paid_on, base))
		base = flt(base - paid, 2)
		start = paid_on + ONE_DAY
	if base > 0 and start <= calculation_date:
		periods.append((start, calculation_date, base))
	return periods


def contract_penalty(debts: list[Debt], rate_per_day: float, calculation_date: date, precision: int = 2):
	rows = []
	for debt in debts:
		for start, end, base in delay_periods(debt, calculation_date):
			days = (end - start).days + 1
			rows.append(
				PenaltyRow(
					debt.reference,
					start,
					end,
					base,
					rate_per_day,
					days,
					flt(base * rate_per_day / 100 * days, precision),
				)
			)
	return rows


def key_rate_interest(
	debts: list[Debt], key_rates: list[tuple[date, float]], calculation_date: date, precision: int = 2
):
	"""`key_rates`: (effective from, % per year), any order."""
	rates = sorted(key_rates)
	rows = []
	for debt in debts:
		for start, end, base in delay_periods(debt, calculation_date):
			for part_start, part_end in _split(start, end, rates):
				rate = rate_on(rates, part_start)
				days = (part_end - part_start).days + 1
				days_in_year = 366 if calendar.isleap(part_start.year) else 365
				rows.append(
					PenaltyRow(
						debt.reference,
						part_start,
						part_end,
						base,
						rate,
						days,
						flt(base * rate / 100 * days / days_in_year, precision),
						days_in_year,
					)
				)
	return rows


def rate_on(rates: list[tuple[date, float]], on_date: date) -> float:
	current = None
	for effective_from, rate in rates:
		if effective_from > on_date:
			break
		current = rate
	if current is None:
		raise ValueError(f"no key rate is known on {on_date}")
	return current


def _split(start: date, end: date, rates: list[tuple[date, float]]):
	"""Sub-periods of [start, end] that each have one key rate and lie in one calendar year."""
	cuts = {effective_from for effective_from, _rate in rates if start < effective_from <= end}
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
