"""A user per role of the contract department, on a site whose setup the demo completed."""

import frappe
from frappe import _

from contract_management.demo import data
from contract_management.demo.registry import DemoNameTaken


def make_users(demo):
	"""A user per role, with the password the demo prints; made only where the demo set the site up
	(a step of nothing elsewhere)."""
	if not demo.with_users:
		return
	from frappe.utils.password import update_password

	for email, first_name, last_name, roles, language in data.USERS:
		if frappe.db.exists("User", email):
			frappe.throw(
				_("A user {0} exists and the demo did not make it: remove it first.").format(
					frappe.bold(email)
				),
				exc=DemoNameTaken,
			)
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"last_name": last_name,
				"user_type": "System User",
				"send_welcome_email": 0,
				"language": language,
				"roles": [{"role": role} for role in roles],
			}
		).insert()
		update_password(email, data.USER_PASSWORD)
		demo.record(user_key(email), user)


def user_key(email: str) -> str:
	return f"user-{email.split('@')[0]}"
