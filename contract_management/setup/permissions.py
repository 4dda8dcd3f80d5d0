"""What the app's roles may do on ERPNext's Contract.

Frappe reads a doctype's permissions either from the doctype (ERPNext's standard rules) or, once any
custom rule exists, from its Custom DocPerm rows only. Adding the app's roles therefore first copies
ERPNext's standard rules into custom ones (what the Role Permission Manager does). Uninstall removes
the app's rules and, when what is left is exactly ERPNext's standard set, the copy too.
"""

import frappe
from frappe.permissions import setup_custom_perms

from contract_management.setup.roles import (
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


def remove_contract_permissions():
	frappe.db.delete("Custom DocPerm", {"parent": "Contract", "role": ("in", list(CONTRACT_PERMISSIONS))})
	if _remaining_equal_standard():
		frappe.db.delete("Custom DocPerm", {"parent": "Contract"})
	frappe.clear_cache(doctype="Contract")


def _remaining_equal_standard() -> bool:
	fields = ["role", "permlevel", "if_owner", *PTYPES]

	def rules(doctype):
		return sorted(
			tuple(row[field] for field in fields)
			for row in frappe.get_all(doctype, filters={"parent": "Contract"}, fields=fields)
		)

	return rules("Custom DocPerm") == rules("DocPerm")
