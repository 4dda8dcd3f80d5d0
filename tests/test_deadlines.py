"""Deadlines as the Civil Code counts them (arts. 191–193), with ERPNext's Holiday List and without.

2026 in Russia: 1–8 January are holidays and 9 January is a day off moved from Saturday 3 January;
the list is filled by ERPNext's own Add Weekly Holidays and Add Local Holidays (the `holidays`
library), as a user fills it.
"""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management.claims.deadlines import court_from, next_working_day, period_end
from tests import records as r


def russian_holiday_list(name="CM Russia 2026", from_date="2026-01-01", to_date="2026-12-31"):
	"""A Holiday List filled as the README says: weekends, then Russia's public holidays and moves."""
	holiday_list = frappe.new_doc("Holiday List")
	holiday_list.update({"holiday_list_name": name, "from_date": from_date, "to_date": to_date})
	for weekday in ("Saturday", "Sunday"):
		holiday_list.weekly_off = weekday
		holiday_list.get_weekly_off_dates()
	holiday_list.country = "RU"
	holiday_list.get_local_holidays()
	return holiday_list.insert()


def use_holiday_list(holiday_list=None, company_rules=None):
	settings = frappe.get_single("Contract Management Settings")
	settings.holiday_list = holiday_list
	settings.set("holiday_list_rules", [])
	for company, name in (company_rules or {}).items():
		settings.append("holiday_list_rules", {"company": company, "holiday_list": name})
	settings.save()


def set_company_holiday_list(company, holiday_list):
	frappe.db.set_value("Company", company, "default_holiday_list", holiday_list)
	frappe.clear_document_cache("Company", company)


class TestWithoutAHolidayList(FrappeTestCase):
	def setUp(self):
		use_holiday_list(None)
		set_company_holiday_list(r.RUB_COMPANY, None)

	def test_saturdays_and_sundays_are_the_non_working_days(self):
		# 12 March 2026 + 30 days = Saturday 11 April: the period ends on Monday 13 April.
		self.assertEqual(period_end("2026-03-12", 30, r.RUB_COMPANY), date(2026, 4, 13))
		self.assertEqual(court_from("2026-03-12", 30, r.RUB_COMPANY), date(2026, 4, 14))
		# 10 March + 30 days = Thursday 9 April, a working day: it stays.
		self.assertEqual(period_end("2026-03-10", 30, r.RUB_COMPANY), date(2026, 4, 9))
		self.assertEqual(court_from("2026-03-10", 30, r.RUB_COMPANY), date(2026, 4, 10))

	def test_new_year_holidays_are_working_days_without_a_list(self):
		# 9 December 2025 + 30 days = Thursday 8 January 2026: only weekends are known.
		self.assertEqual(period_end("2025-12-09", 30, r.RUB_COMPANY), date(2026, 1, 8))
		self.assertEqual(next_working_day("2026-01-03", r.RUB_COMPANY), date(2026, 1, 5))
		self.assertEqual(next_working_day("2026-01-05", r.RUB_COMPANY), date(2026, 1, 5))


class TestWithARussianHolidayList(FrappeTestCase):
	def setUp(self):
		set_company_holiday_list(r.RUB_COMPANY, None)
		self.holidays = russian_holiday_list()

	def test_erpnext_fills_the_list_with_the_new_year_holidays_and_the_moved_day(self):
		days = {row.holiday_date: row.description for row in self.holidays.holidays}
		for day in range(1, 10):
			self.assertIn(date(2026, 1, day), days)
		self.assertNotIn(date(2026, 1, 12), days)

	def test_a_period_ending_in_the_new_year_holidays_ends_on_12_january(self):
		use_holiday_list(self.holidays.name)
		# 9 December 2025 + 30 days = 8 January 2026, a holiday; 9 January moved from 3 January,
		# 10 and 11 January a weekend: the period ends on Monday 12 January.
		self.assertEqual(period_end("2025-12-09", 30, r.RUB_COMPANY), date(2026, 1, 12))
		self.assertEqual(court_from("2025-12-09", 30, r.RUB_COMPANY), date(2026, 1, 13))
		self.assertEqual(next_working_day("2026-01-01", r.RUB_COMPANY), date(2026, 1, 12))
		# Weekends count from the list too.
		self.assertEqual(period_end("2026-03-12", 30, r.RUB_COMPANY), date(2026, 4, 13))

	def test_outside_the_lists_dates_saturdays_and_sundays_are_non_working(self):
		use_holiday_list(self.holidays.name)
		# 2027-01-01 is a Friday the 2026 list does not cover: a working day by the weekend rule.
		self.assertEqual(next_working_day("2027-01-01", r.RUB_COMPANY), date(2027, 1, 1))
		self.assertEqual(next_working_day("2027-01-02", r.RUB_COMPANY), date(2027, 1, 4))

	def test_the_company_rule_then_the_settings_list_then_the_companys_default(self):
		weekends_only = frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": "CM Weekends 2026",
				"from_date": "2026-01-01",
				"to_date": "2026-12-31",
			}
		)
		for weekday in ("Saturday", "Sunday"):
			weekends_only.weekly_off = weekday
			weekends_only.get_weekly_off_dates()
		weekends_only.insert()

		set_company_holiday_list(r.RUB_COMPANY, self.holidays.name)
		use_holiday_list(None)
		self.assertEqual(next_working_day("2026-01-01", r.RUB_COMPANY), date(2026, 1, 12), "company default")

		use_holiday_list(weekends_only.name)
		self.assertEqual(next_working_day("2026-01-01", r.RUB_COMPANY), date(2026, 1, 1), "settings list")

		use_holiday_list(weekends_only.name, {r.RUB_COMPANY: self.holidays.name})
		self.assertEqual(next_working_day("2026-01-01", r.RUB_COMPANY), date(2026, 1, 12), "company rule")
		self.assertEqual(next_working_day("2026-01-01", r.EUR_COMPANY), date(2026, 1, 1), "other company")

	def test_holidays_are_read_set_based_not_day_by_day(self):
		use_holiday_list(self.holidays.name)
		period_end("2026-03-12", 30, r.RUB_COMPANY)  # the list is read once for the request
		# Twelve non-working days in a row cost no query per day: only the list's dates are checked.
		with self.assertQueryCount(2):
			self.assertEqual(period_end("2025-12-01", 31, r.RUB_COMPANY), date(2026, 1, 12))
			self.assertEqual(next_working_day("2026-05-09", r.RUB_COMPANY), date(2026, 5, 12))
