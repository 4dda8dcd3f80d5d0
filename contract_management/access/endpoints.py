"""Frappe's endpoints that would skip the row-level rule, routed here by override_whitelisted_methods
(hooks.py): counts, group-by counts, link search and link validation; and the global search, which
these doctypes stay out of.

Each checks its arguments before any query (common/arguments.py) and reads through the
permission-aware list, for every doctype it is asked about.
"""

import json

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from pypika import Order

from contract_management import compat
from contract_management.access.rule import ROW_LEVEL_DOCTYPES
from contract_management.common import arguments


def counted_by_the_rule(doctype: str) -> bool:
	"""Contract and the app's own doctypes: the documents whose every read path follows their form."""
	if doctype == "Contract":
		return True
	meta = frappe.get_meta(doctype)
	return meta.module == "Contract Management" and not meta.issingle


@frappe.whitelist()
def get_count(doctype: str | None = None, filters=None, debug=False, cache=False) -> int:
	"""frappe.client.get_count, which Frappe v15 answers from the table with no permission at all (and,
	with `debug`, with its SQL): here any doctype is counted as the user's list counts it (read
	permission on the doctype, user permissions, the row-level rule). `debug` and `cache` are accepted
	and ignored."""
	doctype = arguments.doctype_of(doctype)
	filters = arguments.filters_of(doctype, filters)
	rows = frappe.get_list(
		doctype, filters=filters, fields=[compat.count_field("total_count")], order_by=None
	)
	return rows[0].total_count if rows else 0


@frappe.whitelist()
def get_group_by_count(
	doctype: str | None = None, current_filters=None, field: str | None = None
) -> list[dict]:
	"""The list's sidebar counts. Frappe counts assignments over the filtered records with no
	permission: here they are counted over the user's list, for every doctype."""
	from frappe.desk.listview import get_group_by_count as frappe_group_by_count

	doctype = arguments.doctype_of(doctype)
	filters = arguments.filters_of(doctype, current_filters)
	field = arguments.name_of(field, "field")
	if field != "assigned_to" or compat.FRAPPE_CHECKS_ITS_ENDPOINTS:
		# Frappe's own counts other fields through the permission-aware list (v16 assignments too).
		if field != "assigned_to":
			field = arguments.fieldname_of(doctype, field, "field")
		return frappe_group_by_count(doctype, json.dumps(filters, default=str), field)
	visible = compat.list_subquery(doctype, filters=filters, fields=[f"`tab{doctype}`.`name`"], order_by=None)
	todo, user = frappe.qb.DocType("ToDo"), frappe.qb.DocType("User")
	count = Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.join(user)
		.on(todo.allocated_to == user.name)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& todo.reference_name.isin(visible)
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=Order.desc)
		.limit(50)
		.run(as_dict=True)
	)


def _permission_arguments(checked: dict, ignore_user_permissions, link_fieldname) -> dict:
	"""v15's link search reads with no permission at all when asked to ignore user permissions: for
	the doctypes with a row-level rule, that request is not granted there. v16's keeps the rule and
	checks the request against the link field itself."""
	if compat.FRAPPE_CHECKS_ITS_ENDPOINTS:
		link_fieldname = arguments.name_of(link_fieldname, "link_fieldname", required=False)
		return {"ignore_user_permissions": ignore_user_permissions, "link_fieldname": link_fieldname}
	doctype = checked["doctype"]
	return {"ignore_user_permissions": False if doctype in ROW_LEVEL_DOCTYPES else ignore_user_permissions}


MAX_SEARCH_RESULTS = 1000


def _search_arguments(
	doctype, txt, query, searchfield, start, page_length, filters, filter_fields, reference_doctype
) -> dict:
	doctype = arguments.doctype_of(doctype)
	if txt is None:
		txt = ""
	if not isinstance(txt, str):
		arguments.refuse(_("The text to search for must be text."))
	query = _search_query(query)
	if query or doctype in (frappe.get_hooks("standard_queries") or {}):
		# A search query of its own reads its filters as it defines them.
		filters = arguments.json_value(filters, "filters")
	else:
		filters = arguments.filters_of(doctype, filters)
	if reference_doctype not in (None, ""):
		reference_doctype = arguments.name_of(reference_doctype, "reference_doctype")
		if not frappe.db.exists("DocType", reference_doctype):
			arguments.refuse(_("There is no DocType {0}.").format(frappe.bold(reference_doctype)))
	else:
		reference_doctype = None
	return {
		"doctype": doctype,
		"txt": txt,
		"query": query,
		"searchfield": arguments.fieldname_of(doctype, searchfield, "searchfield") if searchfield else None,
		"start": arguments.whole_number(start or 0, "start", maximum=10**9),
		"page_length": arguments.whole_number(page_length, "page_length", 1, MAX_SEARCH_RESULTS),
		"filters": filters,
		"filter_fields": json.dumps(arguments.fieldnames_of(doctype, filter_fields, "filter_fields"))
		if filter_fields
		else None,
		"reference_doctype": reference_doctype,
	}


def _search_query(query) -> str | None:
	"""A search query of its own, named by its dotted path; Frappe then checks that it is whitelisted."""
	query = arguments.name_of(query, "query", required=False)
	if query:
		try:
			frappe.get_attr(query)
		except (ImportError, AttributeError, ValueError):
			arguments.refuse(_("There is no search query {0}.").format(frappe.bold(query)))
	return query


@frappe.whitelist()
def search_link(
	doctype: str | None = None,
	txt: str | None = None,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int | str = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
	link_fieldname: str | None = None,
):
	"""Link search. v16's desk sends `link_fieldname`: v16's own search checks that field's «ignore
	user permissions» and keeps the rule; v15 knows no such argument."""
	from frappe.desk.search import search_link as frappe_search_link

	checked = _search_arguments(
		doctype, txt, query, searchfield, 0, page_length, filters, None, reference_doctype
	)
	return frappe_search_link(
		checked["doctype"],
		checked["txt"],
		query=checked["query"],
		filters=checked["filters"],
		page_length=checked["page_length"],
		searchfield=checked["searchfield"],
		reference_doctype=checked["reference_doctype"],
		**_permission_arguments(checked, ignore_user_permissions, link_fieldname),
	)


@frappe.whitelist()
def search_widget(
	doctype: str | None = None,
	txt: str | None = None,
	query: str | None = None,
	searchfield: str | None = None,
	start: int | str = 0,
	page_length: int | str = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
	link_fieldname: str | None = None,
):
	"""The search widget; `link_fieldname` as in search_link."""
	from frappe.desk.search import search_widget as frappe_search_widget

	checked = _search_arguments(
		doctype, txt, query, searchfield, start, page_length, filters, filter_fields, reference_doctype
	)
	return frappe_search_widget(
		**checked,
		as_dict=as_dict,
		**_permission_arguments(checked, ignore_user_permissions, link_fieldname),
	)


def validate_link(doctype: str | None = None, docname: str | None = None, fields=None):
	"""frappe.client.validate_link, which tells whether any document exists: a document of the app's
	that the user may not read is answered exactly as one that does not exist."""
	from frappe.client import validate_link as frappe_validate_link

	doctype = arguments.name_of(doctype, "doctype")
	docname = arguments.name_of(docname, "docname")
	if not frappe.db.exists("DocType", doctype):
		arguments.refuse(_("There is no DocType {0}.").format(frappe.bold(doctype)))
	if fields not in (None, ""):
		fields = arguments.fieldnames_of(doctype, fields, "fields")
	if counted_by_the_rule(doctype) and not frappe.get_meta(doctype).istable:
		may_list = frappe.has_permission(doctype, "select") or frappe.has_permission(doctype, "read")
		if may_list and frappe.db.exists(doctype, docname) and not _may_read(doctype, docname):
			return frappe._dict(name=None)
	return frappe_validate_link(doctype, docname, fields or None)


def validate_link_and_fetch(
	doctype: str | None = None,
	docname: str | None = None,
	fields_to_fetch=None,
	query: str | None = None,
	filters=None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
	link_fieldname: str | None = None,
	searchfield: str | None = None,
):
	"""Frappe v16's link validation (v15 has validate_link above). v16 validates through its link
	search, which keeps the rule: here only the arguments are checked before Frappe's own runs."""
	from frappe.client import validate_link_and_fetch as frappe_validate_link_and_fetch

	docname = arguments.name_of(docname, "docname")
	checked = _search_arguments(doctype, docname, query, searchfield, 0, 10, filters, None, reference_doctype)
	if fields_to_fetch not in (None, ""):
		fields_to_fetch = arguments.fieldnames_of(checked["doctype"], fields_to_fetch, "fields_to_fetch")
	return frappe_validate_link_and_fetch(
		checked["doctype"],
		docname,
		fields_to_fetch or None,
		query=checked["query"],
		filters=checked["filters"],
		reference_doctype=checked["reference_doctype"],
		searchfield=checked["searchfield"],
		**_permission_arguments(checked, ignore_user_permissions, link_fieldname),
	)


# Each link validation is whitelisted on the major whose Frappe has it (compat.LINK_VALIDATION): the
# other major's Frappe has no such function to hand over to.
if compat.FRAPPE_MAJOR >= 16:
	validate_link_and_fetch = frappe.whitelist(methods=["GET", "POST"])(validate_link_and_fetch)
else:
	validate_link = frappe.whitelist()(validate_link)


def _may_read(doctype: str, name: str) -> bool:
	doc = frappe.get_doc(doctype, name)
	return frappe.has_permission(doctype, "read", doc) or frappe.has_permission(doctype, "select", doc)


# ---------------------------------------------------------------- global search


def keep_out_of_global_search(settings, method=None):
	"""Frappe's global search filters by doctype only, so it would show every contract to a user who
	may see a few: these doctypes stay out of it (link search and lists find them instead)."""
	listed = [
		row.document_type
		for row in settings.allowed_in_global_search
		if row.document_type in ROW_LEVEL_DOCTYPES
	]
	if listed:
		frappe.throw(
			_(
				"{0} cannot be searched globally: global search cannot hide the contracts a user may not see. Find them in their lists or by link search."
			).format(", ".join(_(doctype) for doctype in listed)),
			title=_("Not Allowed"),
		)
