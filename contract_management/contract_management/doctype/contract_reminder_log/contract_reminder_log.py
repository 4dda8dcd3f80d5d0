# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from contract_management.reminders.log import clear_old_entries


class ContractReminderLog(Document):
	@staticmethod
	def clear_old_logs(days=None):
		"""Called daily by Frappe's Log Settings (hooks.py `default_log_clearing_doctypes`)."""
		clear_old_entries(days)


def on_doctype_update():
	# One reminder per document, kind, offset and date reminded of: a second run cannot insert twice.
	frappe.db.add_unique(
		"Contract Reminder Log",
		["reference_doctype", "reference_name", "kind", "offset_days", "target_date"],
		constraint_name="unique_reminder",
	)
	# The e-mail digests read the reminders of a kind still waiting for theirs.
	frappe.db.add_index("Contract Reminder Log", ["email_pending", "kind"], index_name="email_pending_kind")
