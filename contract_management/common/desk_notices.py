"""Desk notices written set-based: ToDos and Notification Logs (the bell) as one INSERT each, the bells
of their users lit at once, and the assignees (`_assign`) of documents set from their open ToDos.

What a ToDo's and a Notification Log's own insert would do, for many at once: Frappe's controllers are
not run. Their fields are the caller's; it has checked them (a ToDo's user exists, say). Not written:
the «assigned» comment a ToDo's insert adds to its document's timeline.
"""

import json

import frappe
from frappe.query_builder import Case
from frappe.utils import now_datetime

TODO_FIELDS = {
	"status": "Open",
	"priority": "Medium",
	"date": None,
	"description": None,
	"reference_type": None,
	"reference_name": None,
	"role": None,
	"assigned_by": None,
	"assigned_by_full_name": None,
	"allocated_to": None,
}
NOTIFICATION_FIELDS = {
	"for_user": None,
	"type": "Alert",
	"subject": None,
	"email_content": None,
	"document_type": None,
	"document_name": None,
	"from_user": None,
	"read": 0,
}
# Rows of one INSERT: a chunk's notices go in one (Frappe v16's bulk_insert would cut at 1,000), and a
# statement stays far below MariaDB's max_allowed_packet.
ROWS_PER_INSERT = 5_000


def write_notices(todos: list[dict], notifications: list[dict]):
	"""Insert the ToDos and Notification Logs given by their fields (the rest take the defaults above),
	light the bells of the notified users (Notification Settings' `seen`) and, once committed, refresh
	their open desks."""
	now, user = now_datetime(), frappe.session.user
	common = {"creation": now, "modified": now, "owner": user, "modified_by": user, "docstatus": 0}
	for doctype, defaults, rows in (
		("ToDo", TODO_FIELDS, todos),
		("Notification Log", NOTIFICATION_FIELDS, notifications),
	):
		if not rows:
			continue
		fields = ["name", *common, *defaults]
		values = {**common, **defaults}
		frappe.db.bulk_insert(
			doctype,
			fields,
			[
				(frappe.generate_hash(length=10), *(row.get(field, values[field]) for field in fields[1:]))
				for row in rows
			],
			chunk_size=ROWS_PER_INSERT,
		)
	users = sorted({row["for_user"] for row in notifications})
	if users:
		settings = frappe.qb.DocType("Notification Settings")
		frappe.qb.update(settings).set(settings.seen, 0).where(settings.name.isin(users)).run()
	for user in users:
		frappe.publish_realtime("notification", after_commit=True, user=user)


def update_assignees(doctype: str, names: list[str]) -> dict[str, str]:
	"""Set each document's `_assign` (the list's and sidebar's «Assigned To») as its open ToDos say: one
	query reads them, one UPDATE writes them all. Returns {name: `_assign`}."""
	names = sorted(set(names))
	if not names:
		return {}
	todo = frappe.qb.DocType("ToDo")
	assigned = {name: [] for name in names}
	for name, user in (
		frappe.qb.from_(todo)
		.select(todo.reference_name, todo.allocated_to)
		.where(todo.reference_type == doctype)
		.where(todo.reference_name.isin(names))
		.where(todo.status == "Open")
		.where(todo.allocated_to.isnotnull())
		.orderby(todo.creation)
	).run():
		if user and user not in assigned[name]:
			assigned[name].append(user)
	values = {name: json.dumps(users) if users else "" for name, users in assigned.items()}
	table = frappe.qb.DocType(doctype)
	case = Case()
	for name, value in values.items():
		case = case.when(table.name == name, value)
	frappe.qb.update(table).set(table._assign, case).where(table.name.isin(names)).run()
	for name in names:  # as frappe.db.set_value does
		frappe.clear_document_cache(doctype, name)
	return values
