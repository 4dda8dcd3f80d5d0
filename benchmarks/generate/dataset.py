"""The dataset on the site as a whole: counted, and removed with what the app's jobs made of it."""

import frappe

from benchmarks.generate.common import PREFIX
from benchmarks.generate.templates import VOUCHER_TABLES


def counts() -> dict:
	like = f"{PREFIX}%"
	return {
		"contracts": frappe.db.count("Contract", {"name": ("like", like)}),
		"sales_invoices": frappe.db.count("Sales Invoice", {"name": ("like", like), "is_return": 0}),
		"credit_notes": frappe.db.count("Sales Invoice", {"name": ("like", like), "is_return": 1}),
		"purchase_invoices": frappe.db.count("Purchase Invoice", {"name": ("like", like)}),
		"sales_invoice_rows": frappe.db.count("Sales Invoice Item", {"parent": ("like", like)}),
		"purchase_invoice_rows": frappe.db.count("Purchase Invoice Item", {"parent": ("like", like)}),
		"payments": frappe.db.count("Payment Entry", {"name": ("like", like)}),
		"gl_entries": frappe.db.count("GL Entry", {"voucher_no": ("like", like)}),
		"payment_ledger_entries": frappe.db.count("Payment Ledger Entry", {"voucher_no": ("like", like)}),
		"under_contract": frappe.db.count(
			"Sales Invoice", {"name": ("like", like), "cm_contract": ("is", "set")}
		)
		+ frappe.db.count("Purchase Invoice", {"name": ("like", like), "cm_contract": ("is", "set")}),
		"obligations": frappe.db.count("Contract Obligation", {"parent": ("like", like)}),
		"claims": frappe.db.count("Contract Claim", {"name": ("like", like)}),
		"reminder_log": frappe.db.count("Contract Reminder Log", {"name": ("like", like)}),
		"primary_documents": frappe.db.count("Contract Primary Document", {"contract": ("like", like)}),
	}


def remove():
	"""Remove everything the generator made, and what the app's jobs made of it."""
	like = f"{PREFIX}%"
	for table, column in (
		*VOUCHER_TABLES,
		("Contract Obligation", "parent"),
		("Contract Primary Document", "contract"),
		("Contract Reminder Log", "reference_name"),
		("Notification Log", "document_name"),
		("Email Queue", "reference_name"),
		("ToDo", "reference_name"),
		("Contract Claim", "name"),
		("Contract Amendment", "contract"),
		("Contract", "name"),
	):
		frappe.db.delete(table, {column: ("like", like)})
	frappe.db.commit()
