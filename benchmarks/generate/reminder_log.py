"""The reminder log of the past year: what earlier days' runs sent, which the day's lookups read."""

from datetime import datetime, timedelta

from frappe.utils import now_datetime

from benchmarks.generate.common import END_CLEAR, PREFIX, STANDARD_COLUMNS, add_days

LOG_COLUMNS = [
	*STANDARD_COLUMNS,
	"status",
	"kind",
	"reference_doctype",
	"reference_name",
	"contract",
	"party",
	"offset_days",
	"target_date",
	"reminder_date",
	"sent_on",
	"recipients",
	"email_pending",
]


def log_row(now, kind, doctype, name, contract, party, offset, target):
	reminder_date = add_days(target, -offset)
	sent = min(now, datetime.combine(reminder_date, datetime.min.time()) + timedelta(hours=1))
	return [
		f"{PREFIX}LOG-{kind[:3]}-{name}-{offset}",
		sent,
		sent,
		"Administrator",
		"Administrator",
		"Sent",
		kind,
		doctype,
		name,
		contract,
		party,
		offset,
		target,
		reminder_date,
		sent,
		"",
		0,
	]


def past_reminders(contract, day) -> list[list]:
	"""The Contract End reminders earlier runs sent of a contract that ended within the log's retention
	(a year): the log a site has after a year of use, which the day's lookups read."""
	if not add_days(day, -365) <= contract.end < add_days(day, END_CLEAR[0]) or contract.terminated_on:
		return []
	now = now_datetime()
	return [
		log_row(
			now,
			"Contract End",
			"Contract",
			contract.name,
			contract.name,
			contract.party,
			offset,
			contract.end,
		)
		for offset in (60, 30, 7, 0)
		if add_days(contract.end, -offset) >= contract.start
	]
