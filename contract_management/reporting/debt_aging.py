"""How late a debt is: the days from its due date to a date, and the ageing range they fall in.

One definition for the Debts by Contract report and the workspace's Debt Aging chart, read inside their
SQL. Ages run in calendar days from the due date, as ERPNext's Accounts Receivable and Accounts Payable
age by due date (so the report's ranges agree with theirs): range 0 is "not due" (due on the date or
later), then one range up to each bound, then one over the last bound. A claim's own rule, where a
payment due on a non-working day is late only after the next working day, is in
claims/documents.py is_overdue."""

from frappe import _
from frappe.query_builder import Case
from frappe.utils import getdate

from contract_management.common.queries import DateDiff

DEFAULT_RANGES = (30, 60, 90, 180)


def days_overdue(due_date, on_date):
	"""SQL: the days from `due_date` (a column) to `on_date`; zero or less when not yet due."""
	return DateDiff(getdate(on_date), due_date)


def range_of(due_date, on_date, ranges=DEFAULT_RANGES):
	"""SQL: the index of the ageing range a debt due on `due_date` is in on `on_date`: 0 not due, then
	1 up to ranges[0] days, ..., len(ranges) + 1 over the last bound; NULL (no range) without a due
	date."""
	age = days_overdue(due_date, on_date)
	index = Case().when(age <= 0, 0)
	for number, upper in enumerate(ranges, start=1):
		index = index.when(age <= upper, number)
	return index.when(age > ranges[-1], len(ranges) + 1)


def range_labels(ranges=DEFAULT_RANGES, short=False) -> list[str]:
	"""Not Due, 1-30 Days, ..., Over 180 Days; short (for a chart among others): Not Due, 1-30, ...,
	> 180 Days, each within 10 letters in English and in Russian."""
	labels = [_("Not Due", context="Chart") if short else _("Not Due")]
	lower = 1
	for upper in ranges:
		labels.append(("{0}-{1}" if short else _("{0}-{1} Days")).format(lower, upper))
		lower = upper + 1
	labels.append((_("> {0} Days") if short else _("Over {0} Days")).format(ranges[-1]))
	return labels
