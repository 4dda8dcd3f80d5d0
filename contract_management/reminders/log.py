"""Keeping the reminder log bounded: entries older than the retention setting are deleted by Frappe's
daily log clean-up (Log Settings), which calls the log's `clear_old_logs`.

An entry is what makes a reminder exactly-once, so one is deleted only when no run can need it again:
its reminder date lies before the catch-up window (a run looks no further back), and its e-mail is
queued. So a retention shorter than the window keeps what the window needs.
"""

import frappe
from frappe.query_builder import Interval
from frappe.query_builder.functions import Now
from frappe.utils import add_days, cint, nowdate

from contract_management.common.settings import get_settings

LOG = "Contract Reminder Log"


def clear_old_entries(days: int | None = None):
	"""Delete the entries older than the retention days of Contract Management Settings (else `days`,
	Log Settings' own figure)."""
	settings = get_settings()
	days = max(
		cint(settings.reminder_log_retention_days) or cint(days),
		cint(settings.reminder_catch_up_days) + 1,
	)
	log = frappe.qb.DocType(LOG)
	(
		frappe.qb.from_(log)
		.delete()
		.where(log.reminder_date < add_days(nowdate(), -days))
		.where(log.creation < Now() - Interval(days=days))
		.where(log.email_pending == 0)
	).run()
