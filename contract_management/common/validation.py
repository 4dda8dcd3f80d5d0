"""Checks several services share."""

import frappe
from frappe import _
from frappe.utils import getdate


def refuse_date_before(
	later, later_label: str, earlier, earlier_label: str, title: str, message: str | None = None, *more
):
	"""Refuse when `later` falls before `earlier` (when both are set), naming both fields and dates.
	`message` may word it for the case, with the same four placeholders and one for each of `more`."""
	if not (later and earlier) or getdate(later) >= getdate(earlier):
		return
	frappe.throw(
		(message or _("{0} {1} is before {2} {3}.")).format(
			frappe.bold(later_label),
			frappe.format(later, "Date"),
			frappe.bold(earlier_label),
			frappe.format(earlier, "Date"),
			*more,
		),
		title=title,
	)
