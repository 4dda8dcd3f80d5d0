"""Customers and suppliers BENCH-C-00001 ... and BENCH-S-00001 ..."""

import frappe
from frappe.utils import now_datetime

from benchmarks.generate.common import PREFIX, party_name
from benchmarks.generate.rows import insert_like


def ensure_parties(customers: int, suppliers: int):
	"""Customers and suppliers named BENCH-C-00001 ..., when missing: copies, made in bulk, of one made
	through ERPNext (so that what invoices take from their party, such as its language, is the same)."""
	now = now_datetime()
	for doctype, count, code, group in (
		(
			"Customer",
			customers,
			"C",
			{"customer_group": "All Customer Groups", "territory": "All Territories"},
		),
		("Supplier", suppliers, "S", {"supplier_group": "All Supplier Groups"}),
	):
		name_field = "customer_name" if doctype == "Customer" else "supplier_name"
		existing = set(frappe.get_all(doctype, filters={"name": ("like", f"{PREFIX}{code}-%")}, pluck="name"))
		missing = [party_name(code, index) for index in range(1, count + 1)]
		missing = [name for name in missing if name not in existing]
		if not missing:
			continue
		template = frappe.get_doc(
			{"doctype": doctype, name_field: f"{PREFIX}{code}-TEMPLATE", f"{doctype.lower()}_type": "Company"}
			| group
		).insert(ignore_permissions=True)
		row = frappe.get_all(doctype, filters={"name": template.name}, fields=["*"])[0]
		frappe.db.delete(doctype, {"name": template.name})
		insert_like(
			doctype,
			[{"name": name, name_field: name, "creation": now, "modified": now} for name in missing],
			row,
		)
