"""Deadlines as the Civil Code counts them (arts. 191–193).

A period of N days starts the day after its event (a claim sent or received, an obligation's due
date) and ends on its N-th day; when that day is a non-working day, the period ends on the next
working day. A dispute may go to court the day after the claim period's last day.

Non-working days come from a Holiday List: the company's rule in Contract Management Settings, else
the list chosen there for every company, else the company's Default Holiday List. Without any list
(and outside the dates a list covers) Saturdays and Sundays are the non-working days. The app ships
no holiday dates: ERPNext's Holiday List fills them (Add Weekly Holidays, Add Local Holidays).
"""

from datetime import date, timedelta

import frappe
from frappe.utils import getdate
from frappe.utils.caching import request_cache

from contract_management.common.settings import get_settings

ONE_DAY = timedelta(days=1)
SATURDAY, SUNDAY = 5, 6


def holiday_list_for(company: str | None) -> str | None:
	"""The Holiday List that says which days are non-working for `company`."""
	settings = get_settings()
	for rule in settings.get("holiday_list_rules") or []:
		if rule.company == company and rule.holiday_list:
			return rule.holiday_list
	if settings.get("holiday_list"):
		return settings.holiday_list
	if company:
		return frappe.get_cached_value("Company", company, "default_holiday_list")
	return None


class WorkingCalendar:
	"""Working and non-working days of one Holiday List (or Saturdays and Sundays without one)."""

	def __init__(self, holiday_list: str | None):
		self.holiday_list = holiday_list
		self.from_date = self.to_date = None
		self.holidays = frozenset()
		if holiday_list:
			span = frappe.db.get_value(
				"Holiday List", holiday_list, ["from_date", "to_date", "modified"], as_dict=True
			)
			if span:
				self.from_date, self.to_date = getdate(span.from_date), getdate(span.to_date)
				self.holidays = _holiday_dates(holiday_list, str(span.modified))

	def is_working_day(self, day: date) -> bool:
		if self.from_date and self.from_date <= day <= self.to_date:
			return day not in self.holidays
		return day.weekday() not in (SATURDAY, SUNDAY)

	def next_working_day(self, day: date) -> date:
		"""`day` itself when it is a working day, else the first working day after it."""
		while not self.is_working_day(day):
			day += ONE_DAY
		return day


@request_cache
def _holiday_dates(holiday_list: str, modified: str) -> frozenset[date]:
	"""Every non-working day of the list, read in one query and kept for the request. `modified` is
	part of the key, so a list edited meanwhile is read again."""
	return frozenset(
		getdate(day)
		for day in frappe.get_all(
			"Holiday",
			filters={"parent": holiday_list, "parenttype": "Holiday List"},
			pluck="holiday_date",
		)
	)


def calendar_for(company: str | None) -> WorkingCalendar:
	return WorkingCalendar(holiday_list_for(company))


def next_working_day(day, company: str | None) -> date:
	"""A date that falls on a non-working day moves to the next working day (art. 193)."""
	return calendar_for(company).next_working_day(getdate(day))


def period_end(event_date, days: int, company: str | None) -> date:
	"""The last day of a period of `days` days that starts the day after `event_date`."""
	return next_working_day(getdate(event_date) + timedelta(days=int(days)), company)


def court_from(event_date, days: int, company: str | None) -> date:
	"""The first day a dispute may go to court: the day after the claim period has passed."""
	return period_end(event_date, days, company) + ONE_DAY
