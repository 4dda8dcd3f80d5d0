"""The app's roles. They are named in the doctypes' permissions too, but created here first so that
user permissions and role profiles can refer to them right after install."""

import frappe

CONTRACT_MANAGER = "Contract Manager"
LEGAL_COUNSEL = "Legal Counsel"
SALES_CONTRACT_USER = "Sales Contract User"
PURCHASE_CONTRACT_USER = "Purchase Contract User"
CONTRACT_VIEWER = "Contract Viewer"

APP_ROLES = (
	CONTRACT_MANAGER,
	LEGAL_COUNSEL,
	SALES_CONTRACT_USER,
	PURCHASE_CONTRACT_USER,
	CONTRACT_VIEWER,
)


def create_roles():
	for role_name in APP_ROLES:
		if frappe.db.exists("Role", role_name):
			continue
		frappe.get_doc({"doctype": "Role", "role_name": role_name, "desk_access": 1}).insert(
			ignore_permissions=True
		)
