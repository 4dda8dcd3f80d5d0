"""The Contracts workspace's sidebar on Frappe v16's desk.

Frappe v16 syncs workspace_sidebar/contracts.json on migrate only when the file is newer than the
stored record. A site that ran the app before the file was shipped holds the sidebar v16 generated
from the workspace's shortcuts alone, newer than the file: install and migrate put the shipped one in
its place, so the sidebar's links are the workspace's links.
"""

import frappe
from frappe.modules.import_file import import_file_by_path

from contract_management.compat import HAS_WORKSPACE_SIDEBAR

SIDEBAR = "Contracts"


def sidebar_file() -> str:
	return frappe.get_app_path("contract_management", "workspace_sidebar", "contracts.json")


def outline(items) -> list[tuple]:
	return [
		(item.get("type"), item.get("link_type"), item.get("link_to"), item.get("label")) for item in items
	]


def sync_workspace_sidebar():
	if not HAS_WORKSPACE_SIDEBAR:
		return
	shipped = frappe.get_file_json(sidebar_file())
	if frappe.db.exists("Workspace Sidebar", SIDEBAR):
		stored = frappe.get_doc("Workspace Sidebar", SIDEBAR)
		if outline(stored.items) == outline(shipped["items"]):
			return
	import_file_by_path(sidebar_file(), force=True, ignore_version=True)
