"""Removing the demo: every document it registered is cancelled and deleted, newest first, with what
ERPNext and Frappe made along with it."""

import frappe
from frappe import _

from contract_management.demo.registry import REGISTRY, commit, in_own_transaction


def remove(progress=None) -> int:
	"""Cancel and delete every document the demo registered, newest first, with the ledger rows ERPNext
	deletes along with a deleted transaction. Returns how many documents were removed."""
	from frappe.model.delete_doc import delete_dynamic_links

	progress = progress or (lambda done, total, label: None)
	records = frappe.get_all(
		REGISTRY,
		fields=["name", "key", "reference_doctype", "reference_name"],
		order_by="name desc",
	)
	setting = ("Accounts Settings", "delete_linked_ledger_entries")
	keep_ledgers = frappe.db.get_single_value(*setting)
	frappe.db.set_single_value(*setting, 1)
	removed = 0
	try:
		for done, record in enumerate(records, start=1):
			removed += in_own_transaction(lambda record=record: _remove_record(record, delete_dynamic_links))
			progress(done, len(records), record.key)
	finally:
		frappe.db.set_single_value(*setting, keep_ledgers)
		commit()
	return removed


def _remove_record(record, delete_dynamic_links) -> int:
	# The registry's own link to the document goes first, or it would keep it from deletion.
	frappe.delete_doc(REGISTRY, record.name, delete_permanently=True)
	return _remove_one(record.reference_doctype, record.reference_name, delete_dynamic_links)


def _remove_one(doctype: str, name: str, delete_dynamic_links) -> int:
	if not frappe.db.exists(doctype, name):
		return 0
	doc = frappe.get_doc(doctype, name)
	if doc.meta.is_submittable and doc.docstatus == 1:
		doc.cancel()
	if doctype == "Company":
		_hand_over_default_company(name)
		_delete_company_templates(name)
	if doctype == "User":
		_delete_what_frappe_made_for_user(name)
	frappe.delete_doc(doctype, name, delete_permanently=True)
	# Comments, versions, assignments and notifications of the document, which Frappe otherwise
	# removes later in a background job.
	delete_dynamic_links(doctype, name)
	_delete_feed_of_deletion(doctype, name)
	if doctype == "Contract":
		_revert_registry_series(doc)
	return 1


def _delete_company_templates(company: str):
	"""The tax templates ERPNext made with the company: deleted as documents, with their rows (the
	company's own on_trash deletes only the templates, leaving their rows behind)."""
	for doctype in (
		"Sales Taxes and Charges Template",
		"Purchase Taxes and Charges Template",
		"Item Tax Template",
	):
		for name in frappe.get_all(doctype, filters={"company": company}, pluck="name"):
			frappe.delete_doc(doctype, name, delete_permanently=True)
			_delete_feed_of_deletion(doctype, name)


def _delete_what_frappe_made_for_user(user: str):
	"""The contact and notification settings Frappe makes with a user, deleted with it: Frappe's own
	deletion of a user would leave the contact unlinked and the settings among Deleted Documents."""
	for doctype, names in (
		("Contact", frappe.get_all("Contact", filters={"user": user}, pluck="name")),
		("Notification Settings", [user] if frappe.db.exists("Notification Settings", user) else []),
	):
		for name in names:
			frappe.delete_doc(doctype, name, ignore_permissions=True, delete_permanently=True)
			_delete_feed_of_deletion(doctype, name)


def _hand_over_default_company(company: str):
	"""A demo company made by the setup wizard is the site's default company: the default passes to a
	company the demo did not make, or is cleared when there is none."""
	defaults = frappe.get_single("Global Defaults")
	if defaults.default_company != company:
		return
	record = frappe.qb.DocType(REGISTRY)
	table = frappe.qb.DocType("Company")
	others = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table.name != company)
		.where(
			table.name.notin(
				frappe.qb.from_(record)
				.select(record.reference_name)
				.where(record.reference_doctype == "Company")
			)
		)
		.orderby(table.creation)
		.limit(1)
	).run(pluck=True)
	defaults.default_company = others[0] if others else None
	defaults.save()


def _delete_feed_of_deletion(doctype: str, name: str):
	"""Frappe notes every deletion in the activity feed (a Comment «Deleted»); a demo removed leaves no
	trace of itself, so the note of each document it removes goes too."""
	feed = frappe.get_all(
		"Comment",
		filters={"comment_type": "Deleted", "reference_doctype": doctype, "subject": f"{_(doctype)} {name}"},
		order_by="creation desc",
		limit=1,
		pluck="name",
	)
	if feed:
		frappe.delete_doc("Comment", feed[0], delete_permanently=True)


def _revert_registry_series(contract):
	"""The registry number the contract took from its series is given back when it was the last one."""
	from frappe.model.naming import revert_series_if_last

	from contract_management.contracts.registry import get_registry_series

	revert_series_if_last(
		get_registry_series(contract.cm_company, contract.cm_direction), contract.cm_registry_number, contract
	)
