"""What the app's roles may do on ERPNext's Contract, and which other apps' documents they may look up.

Frappe reads a doctype's permissions either from the doctype (ERPNext's standard rules) or, once any
custom rule exists, from its Custom DocPerm rows only. Adding the app's roles therefore first copies
ERPNext's standard rules into custom ones (what the Role Permission Manager does). Uninstall removes
the app's rules and, when what is left is exactly ERPNext's standard set, the copy too.
"""

import frappe
from frappe.permissions import setup_custom_perms

from contract_management.setup.roles import (
	APP_ROLES,
	CONTRACT_MANAGER,
	CONTRACT_VIEWER,
	LEGAL_COUNSEL,
	PURCHASE_CONTRACT_USER,
	SALES_CONTRACT_USER,
)

PTYPES = (
	"read",
	"write",
	"create",
	"delete",
	"submit",
	"cancel",
	"amend",
	"report",
	"export",
	"import",
	"print",
	"email",
	"share",
)
_READ = {"read": 1, "report": 1, "export": 1, "print": 1, "email": 1}
_EDIT = {**_READ, "write": 1, "create": 1, "share": 1}

CONTRACT_PERMISSIONS = {
	CONTRACT_MANAGER: {**_EDIT, "delete": 1, "submit": 1, "cancel": 1, "amend": 1, "import": 1},
	LEGAL_COUNSEL: _READ,
	SALES_CONTRACT_USER: _EDIT,
	PURCHASE_CONTRACT_USER: _EDIT,
	CONTRACT_VIEWER: _READ,
}


# Doctypes of other apps that the app's roles read: the reports filter by them and their rows link them,
# as nearly every ERPNext role reads Company (Employee, Sales User, Stock User, ...). Frappe v16 refuses
# to run a report whose Link filter holds a document the user may neither read nor select, and shows
# its "no role permission" message for a select-only user: without this, a Contract Viewer or a
# Contract Manager without ERPNext roles could run no report filtered by their company (Debts by
# Contract requires one).
LOOKUP_DOCTYPES = ("Company",)


def apply_contract_permissions():
	setup_custom_perms("Contract")
	for role, rights in CONTRACT_PERMISSIONS.items():
		values = {ptype: rights.get(ptype, 0) for ptype in PTYPES}
		existing = frappe.db.get_value(
			"Custom DocPerm", {"parent": "Contract", "role": role, "permlevel": 0, "if_owner": 0}, "name"
		)
		if existing:
			current = frappe.db.get_value("Custom DocPerm", existing, list(PTYPES), as_dict=True)
			if any(current[ptype] != value for ptype, value in values.items()):
				frappe.db.set_value("Custom DocPerm", existing, values)
		else:
			frappe.get_doc(
				{"doctype": "Custom DocPerm", "parent": "Contract", "role": role, "permlevel": 0, **values}
			).db_insert()
	frappe.clear_cache(doctype="Contract")
	apply_lookup_permissions()


def apply_lookup_permissions():
	"""Each app role may read the documents of LOOKUP_DOCTYPES; a right it has there already stays."""
	for doctype in LOOKUP_DOCTYPES:
		setup_custom_perms(doctype)
		for role in APP_ROLES:
			existing = frappe.db.get_value(
				"Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0, "if_owner": 0}, "name"
			)
			if existing:
				if not frappe.db.get_value("Custom DocPerm", existing, "read"):
					frappe.db.set_value("Custom DocPerm", existing, "read", 1)
				continue
			frappe.get_doc(
				{"doctype": "Custom DocPerm", "parent": doctype, "role": role, "permlevel": 0, "read": 1}
			).db_insert()
		frappe.clear_cache(doctype=doctype)


def remove_contract_permissions():
	frappe.db.delete("Custom DocPerm", {"parent": "Contract", "role": ("in", list(CONTRACT_PERMISSIONS))})
	for doctype in LOOKUP_DOCTYPES:
		frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": ("in", list(APP_ROLES))})
	for doctype in ("Contract", *LOOKUP_DOCTYPES):
		if _remaining_equal_standard(doctype):
			frappe.db.delete("Custom DocPerm", {"parent": doctype})
		frappe.clear_cache(doctype=doctype)


def _remaining_equal_standard(parent: str) -> bool:
	fields = ["role", "permlevel", "if_owner", "select", *PTYPES]

	def rules(doctype):
		return sorted(
			tuple(row[field] for field in fields)
			for row in frappe.get_all(doctype, filters={"parent": parent}, fields=fields)
		)

	return rules("Custom DocPerm") == rules("DocPerm")
