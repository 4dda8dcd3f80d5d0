"""A row of one of the app's child tables, read or written on its own.

Frappe v15 judges a child row read on its own (REST, frappe.client.get, the form loader) by the parent
doctype's rights only: it passes no parent document, so the parent's row-level rule (access/rule.py)
never runs. The app's child doctypes' controllers take FollowsParent; the REST API's paths to one row
and to a single doctype's list are guarded by auth_hooks.
"""

import re
from urllib.parse import unquote

import frappe

from contract_management.access.rule import CHILD_DOCTYPES

READ_PTYPES = ("read", "select", "print", "email", "export", "report", "share")


def parent_admits(row, ptype: str = "read", user: str | None = None) -> bool:
	"""Whether the user may read the document the child row belongs to (for reading the row), or write
	it (for making, changing or deleting the row)."""
	ptype = ptype if ptype in READ_PTYPES else "write"
	if not (row.get("parenttype") and row.get("parent")):
		return True  # Frappe refuses a row without a parent by itself
	if not frappe.db.exists(row.parenttype, row.parent):
		return False
	parent = frappe.get_doc(row.parenttype, row.parent)
	return frappe.has_permission(row.parenttype, ptype, parent, user=user)


class FollowsParent:
	"""For the app's child doctypes' controllers: a row is permitted only with its parent document."""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if not super().has_permission(permtype, debug=debug, user=user):
			return False
		return bool(self.flags.ignore_permissions) or parent_admits(self, permtype, user)


REST_DOCUMENT_PATHS = (
	re.compile(r"^/api/(?:v1/)?resource/(?P<doctype>[^/]+)/(?P<name>.+)$"),
	re.compile(r"^/api/v2/document/(?P<doctype>[^/]+)/(?P<name>[^/]+)"),
)
PTYPE_OF_HTTP_METHOD = {"GET": "read", "HEAD": "read", "PUT": "write", "POST": "write", "DELETE": "write"}


def guard_child_rows():
	"""auth_hooks (run on every request once the user is known): the REST API's read, update and delete
	of one child row, which Frappe checks on the parent doctype only, are refused for a row of a
	document the user may not see (ERPNext's fulfilment checklist of Contract among them)."""
	request = getattr(frappe.local, "request", None)
	if not request or not request.path.startswith("/api/"):
		return
	for pattern in REST_DOCUMENT_PATHS:
		if match := pattern.match(unquote(request.path)):
			break
	else:
		return
	doctype = match["doctype"]
	if doctype not in CHILD_DOCTYPES or frappe.session.user == "Administrator":
		return
	row = frappe.db.get_value(doctype, match["name"], ["parenttype", "parent"], as_dict=True)
	ptype = PTYPE_OF_HTTP_METHOD.get(request.method, "write")
	if row and not parent_admits(row, ptype):
		raise frappe.PermissionError


REST_LIST_PATH = re.compile(r"^/api/(?:v1/)?resource/(?P<doctype>[^/]+)/?$")


def guard_single_lists():
	"""auth_hooks: the REST list of one of the app's single doctypes (its settings) is refused to a user
	who may not read it. Frappe v15 refuses it by itself; v16 looks for the single's table before any
	permission check and answers with a server error."""
	request = getattr(frappe.local, "request", None)
	if not request or request.method not in ("GET", "HEAD") or not request.path.startswith("/api/"):
		return
	match = REST_LIST_PATH.match(unquote(request.path))
	if not match or not frappe.db.exists("DocType", {"name": match["doctype"], "issingle": 1}):
		return
	if frappe.get_meta(match["doctype"]).module == "Contract Management" and not frappe.has_permission(
		match["doctype"], "read"
	):
		raise frappe.PermissionError
