# The day's plan of the daily work shared by workers: contract_management/common/daily_chunks.py.

import frappe
from frappe.model.document import Document


class ContractDailyChunk(Document):
	pass


def on_doctype_update():
	# The settings form's count of the day's chunks, and the last chunk's check that none is left to run.
	frappe.db.add_index("Contract Daily Chunk", ["day", "work", "status"])
