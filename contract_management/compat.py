"""Where Frappe v15 and v16 differ, for the app: the one place that asks which major runs.

Everything else in the app is written once, for both. Each function here says what each major does.
"""

import frappe
from pypika.terms import Term

FRAPPE_MAJOR = int(frappe.__version__.split(".")[0])
# v15's count, sidebar assignment count and link search (asked to ignore user permissions) read past
# permissions or the row-level rule; v16's apply them (its link search keeps permission query conditions
# and checks the link field named by `link_fieldname`), and v16 validates links through link search, with
# no frappe.client.validate_link. The app's overrides (access/rule.py) bring the rule on v15 only.
FRAPPE_CHECKS_ITS_ENDPOINTS = FRAPPE_MAJOR >= 16
# The desk's link validation: v15's frappe.client.validate_link(doctype, docname, fields); v16's
# frappe.client.validate_link_and_fetch(doctype, docname, fields_to_fetch), answered through link search.
LINK_VALIDATION = (
	frappe._dict(
		method="frappe.client.validate_link_and_fetch",
		fields="fields_to_fetch",
		override="contract_management.access.endpoints.validate_link_and_fetch",
	)
	if FRAPPE_MAJOR >= 16
	else frappe._dict(
		method="frappe.client.validate_link",
		fields="fields",
		override="contract_management.access.endpoints.validate_link",
	)
)


class _SQL(Term):
	"""A ready SELECT (v15's list query as text) inside a query-builder query. The builder's run()
	passes named parameters to the driver, which then reads '%' as a placeholder: it is doubled."""

	def __init__(self, sql: str):
		super().__init__()
		self.sql = sql

	def get_sql(self, **kwargs):
		return "({})".format(self.sql.replace("%", "%%"))


def list_subquery(doctype: str, **kwargs) -> Term:
	"""The permission-aware list of `doctype` (frappe.get_list with `kwargs`) as a subquery term for a
	query-builder query. v15's get_list(run=0) gives SQL text; v16's gives a query-builder query, which
	is a subquery as it is (its values stay parameters)."""
	query = frappe.get_list(doctype, run=0, **kwargs)
	return _SQL(query) if isinstance(query, str) else query


def list_sql(doctype: str, **kwargs) -> str:
	"""The permission-aware list of `doctype` as SQL text, for a permission query condition. v15's
	get_list(run=0) gives the text; v16's gives a query whose get_sql() writes its values inline."""
	query = frappe.get_list(doctype, run=0, **kwargs)
	return query if isinstance(query, str) else query.get_sql()


def count_field(alias: str):
	"""`count(*)` as a get_list field: v15 reads SQL text; v16 refuses SQL functions as text and reads
	its dict syntax."""
	if FRAPPE_MAJOR >= 16:
		return {"COUNT": "*", "as": alias}
	return f"count(*) as {alias}"


# What a has_permission hook answers when it has no objection. v15 asks the hooks in turn and stops at
# the first answer that is not None, so None leaves the decision to the other hooks and the roles.
# v16 reads every falsy answer as a refusal: there it must be True (hooks can only deny either way).
PERMISSION_HOOK_NO_OBJECTION = True if FRAPPE_MAJOR >= 16 else None

# v16's desk shows a module through a Workspace Sidebar (synced from the app's workspace_sidebar/
# folder); v15's desk has no such doctype and lists the workspaces themselves.
HAS_WORKSPACE_SIDEBAR = FRAPPE_MAJOR >= 16


def honour_requested_language():
	"""before_request: the language a request names (`_lang`: the print view's Language, for its preview
	and its PDF). v16 reads it once the session is resumed, so the print comes out in the language the
	print view shows (the print format's default print language, or the one chosen). v15 reads it before
	resuming the session, whose user language then replaces it: the print came out in the user's language
	whatever the print view said. On v15 it is read again here, after the session, as v16 reads it."""
	if FRAPPE_MAJOR >= 16 or not frappe.form_dict.get("_lang"):
		return
	# Only for the app's own print formats: every other print keeps what Frappe v15 does with it.
	# (the PDF names it `format`, the print view's preview `print_format`)
	print_format = frappe.form_dict.get("format") or frappe.form_dict.get("print_format")
	if not isinstance(print_format, str) or not print_format:
		return
	if frappe.db.get_value("Print Format", print_format, "module") != "Contract Management":
		return
	from frappe.translate import get_language

	frappe.local.lang = get_language()
