"""What every table of the dataset shares: the names' prefix, the windows kept clear of the day's work,
and the date and price helpers."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from frappe.utils import getdate

PREFIX = "BENCH-"
# Days before the benchmark day that invoices are dated back to: within the fiscal years the test
# bootstrap makes (two years back).
INVOICE_HISTORY_DAYS = 700
# A contract's end date outside [day - 10, day + 69] has no Contract End reminder due (offsets 60, 30,
# 7, 0 and a catch-up window of 7 days) and no status move.
END_CLEAR = (-10, 69)
# An unpaid invoice due within [day - 40, day - 1] would have an Overdue Invoice reminder due (offsets
# -1, -15, -30, catch-up 7): generated debts fall due outside it.
OVERDUE_CLEAR = (-40, -1)
POSTING_TIME = "12:00:00"
# The columns every document's row starts with.
STANDARD_COLUMNS = ["name", "creation", "modified", "owner", "modified_by"]


def party_name(code: str, index: int) -> str:
	return f"{PREFIX}{code}-{index:05d}"


def add_days(day, days: int) -> date:
	return getdate(day) + timedelta(days=days)


def add_months(day, months: int):
	return getdate(day) + relativedelta(months=months)


def round_price(value: float) -> int:
	"""Two significant digits, as prices and instalments are: 1,300; 47,000."""
	value = max(1, round(value))
	scale = 10 ** max(len(str(value)) - 2, 0)
	return max(1, round(value / scale) * scale)
