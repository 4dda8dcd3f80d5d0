# The day's plan of the daily work shared by workers: contract_management/common/daily_chunks.py.

import frappe
from frappe.model.document import Document
from frappe.utils import add_days, cint, nowdate


class ContractDailyChunk(Document):
	@staticmethod
	def clear_old_logs(days=30):
		"""Called daily by Frappe's Log Settings (hooks.py `default_log_clearing_doctypes`): the plans of
		days older than `days` go. What is due is read from the data, never from an old plan."""
		frappe.db.delete("Contract Daily Chunk", {"day": ("<", add_days(nowdate(), -cint(days)))})


def on_doctype_update():
	# The settings form's count of the day's chunks, and the last chunk's check that none is left to run.
	frappe.db.add_index("Contract Daily Chunk", ["day", "work", "status"])
