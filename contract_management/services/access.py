"""Row-level visibility of contracts and of what hangs off them (supplementary agreements, claims).

Sales and purchase contract users see the contracts of their direction only; with the setting «only
their own», only those they are responsible for or whose party is assigned to them (the customer's
account manager, or a user permission on the customer or supplier). A claim under a contract follows
the contract; one without a contract follows its party's side. Every other role that may read
contracts sees them all.

The rule is written once, as an SQL condition on the doctype's table (`condition`). Lists, link
search, report views, counts and exports use it as their `permission_query_conditions`; the document
check (`has_permission`: forms, prints, attachments, the REST API) evaluates the very same condition
on the one document, so the two can never disagree.
"""

import json
import re
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from pypika import Order
from pypika.terms import Criterion, ValueWrapper

from contract_management import compat
from contract_management.services import arguments
from contract_management.services.settings import get_settings
from contract_management.setup.roles import (
	CONTRACT_MANAGER,
	CONTRACT_VIEWER,
	LEGAL_COUNSEL,
	PURCHASE_CONTRACT_USER,
	SALES_CONTRACT_USER,
)

# Roles that see every contract they may read at all: the app's own, and ERPNext's roles with rights on
# Contract, which keep what ERPNext gives them.
UNRESTRICTED_ROLES = {
	"System Manager",
	CONTRACT_MANAGER,
	LEGAL_COUNSEL,
	CONTRACT_VIEWER,
	"Sales Manager",
	"Purchase Manager",
	"HR Manager",
}
DIRECTION_OF_ROLE = {SALES_CONTRACT_USER: "Sales", PURCHASE_CONTRACT_USER: "Purchase"}
PARTY_TYPE_OF_DIRECTION = {"Sales": "Customer", "Purchase": "Supplier"}
DIRECTION_BY_PARTY_TYPE = {party_type: direction for direction, party_type in PARTY_TYPE_OF_DIRECTION.items()}

ROW_LEVEL_DOCTYPES = ("Contract", "Contract Amendment", "Contract Claim")
# The tables of those doctypes (ERPNext's fulfilment checklist on Contract among them): their rows follow
# their parent's rule wherever they are listed on their own (tests/test_access_side_doors.py checks that
# every table field of the three is here).
CHILD_DOCTYPES = (
	"Contract Approval Visa",
	"Contract Disagreement",
	"Contract Obligation",
	"Contract Fulfilment Checklist",
	"Contract Amendment Change",
	"Contract Claim Document",
	"Contract Claim Penalty",
)

# The columns each doctype's condition reads: the document check evaluates the condition on a one-row
# table of these columns, filled from the document.
ROW_COLUMNS = {
	"Contract": ("cm_direction", "cm_responsible", "cm_customer", "cm_supplier"),
	"Contract Amendment": ("contract",),
	"Contract Claim": ("contract", "party_type", "party", "responsible"),
}


def restriction(user: str | None = None):
	"""None for a user who sees every contract; else the directions they see and whether only their
	own contracts."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & UNRESTRICTED_ROLES:
		return None
	directions = sorted(DIRECTION_OF_ROLE[role] for role in roles if role in DIRECTION_OF_ROLE)
	own_only = bool(get_settings().own_contracts_only)
	scope = frappe._dict(user=user, directions=directions, own_only=own_only)
	if own_only and directions:
		scope.parties = _assigned_parties(user)
	return scope


def _assigned_parties(user: str) -> dict[str, list[str]]:
	"""The customers and suppliers assigned to the user: customers they are the account manager of, and
	parties they have a user permission on. Read once, so the conditions below carry plain lists and
	the database filters rows without a subquery per row."""
	parties = {"Customer": [], "Supplier": []}
	parties["Customer"] += frappe.get_all("Customer", filters={"account_manager": user}, pluck="name")
	for permission in frappe.get_all(
		"User Permission",
		filters={"user": user, "allow": ("in", tuple(parties))},
		fields=["allow", "for_value"],
	):
		parties[permission.allow].append(permission.for_value)
	return parties


# ---------------------------------------------------------------- the rule, once


def _values(values) -> str:
	# No parameters go with a list's query, so '%' stays as it is.
	return ", ".join(frappe.db.escape(value, percent=False) for value in values)


def _party_condition(scope, party_type: str, column: str) -> str | None:
	parties = scope.parties[party_type]
	return f"{column} in ({_values(parties)})" if parties else None


def _contract_condition(scope, creating: bool = False) -> str:
	if not scope.directions:
		return "1=0"
	table = "`tabContract`"
	condition = f"{table}.cm_direction in ({_values(scope.directions)})"
	if scope.own_only and not creating:
		own = [f"{table}.cm_responsible = {frappe.db.escape(scope.user, percent=False)}"]
		for party_type, column in (("Customer", "cm_customer"), ("Supplier", "cm_supplier")):
			if assigned := _party_condition(scope, party_type, f"{table}.{column}"):
				own.append(assigned)
		condition += f" and ({' or '.join(own)})"
	return condition


def _visible_contracts(scope) -> str:
	return f"(select `tabContract`.name from `tabContract` where {_contract_condition(scope)})"


def _claim_condition(scope) -> str:
	if not scope.directions:
		return "1=0"
	table = "`tabContract Claim`"
	under_contract = f"{table}.contract in {_visible_contracts(scope)}"
	party_types = [PARTY_TYPE_OF_DIRECTION[direction] for direction in scope.directions]
	without_contract = f"ifnull({table}.contract, '') = '' and {table}.party_type in ({_values(party_types)})"
	if scope.own_only:
		own = [f"{table}.responsible = {frappe.db.escape(scope.user, percent=False)}"]
		for party_type in party_types:
			if assigned := _party_condition(scope, party_type, f"{table}.party"):
				own.append(f"({table}.party_type = {_values([party_type])} and {assigned})")
		without_contract += f" and ({' or '.join(own)})"
	return f"(({under_contract}) or ({without_contract}))"


def condition(doctype: str, scope, creating: bool = False) -> str:
	"""The rows of `doctype` the restricted user (`scope`) may see, as a condition on its table."""
	if doctype == "Contract":
		return _contract_condition(scope, creating)
	if doctype == "Contract Amendment":
		return f"`tabContract Amendment`.contract in {_visible_contracts(scope)}"
	return _claim_condition(scope)


# ---------------------------------------------------------------- lists, search, reports, counts


def contract_query(user: str | None = None) -> str:
	scope = restriction(user)
	return "" if scope is None else condition("Contract", scope)


def amendment_query(user: str | None = None) -> str:
	scope = restriction(user)
	return "" if scope is None else condition("Contract Amendment", scope)


def claim_query(user: str | None = None) -> str:
	scope = restriction(user)
	return "" if scope is None else condition("Contract Claim", scope)


def permitted_names(doctype: str, user: str) -> str:
	"""The names of the `doctype` documents the user may read, as a subquery: the doctype's own list
	(roles, user permissions, shares, the row-level rule), so a row hanging off a document is read
	exactly where the document is."""
	if not (
		frappe.has_permission(doctype, "read", user=user)
		or frappe.has_permission(doctype, "select", user=user)
	):
		return "select null from dual where 1=0"
	return compat.list_sql(doctype, fields=[f"`tab{doctype}`.`name`"], order_by=None, user=user)


def child_query(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a child table listed on their own (`/api/resource/<child>?parent=…`,
	`frappe.client.get_list` with a parent doctype): only those under a document the user may read.
	Frappe applies only the child's own user permissions there, never the parent's nor its rule."""
	user = user or frappe.session.user
	if user == "Administrator" or not doctype:
		return ""
	table = f"`tab{doctype}`"
	parents = [
		parent
		for parent in ROW_LEVEL_DOCTYPES
		if any(field.options == doctype for field in frappe.get_meta(parent).get_table_fields())
	]
	if not parents:
		return ""
	visible = [
		f"({table}.parenttype = {_values([parent])} and {table}.parent in ({permitted_names(parent, user)}))"
		for parent in parents
	]
	# Rows under another parent doctype (none today) are left to that parent's rights.
	other_parents = f"{table}.parenttype not in ({_values(parents)})"
	return f"({' or '.join([other_parents, *visible])})"


def file_query(user: str | None = None) -> str:
	"""Files attached to contracts, agreements and claims, listed as the File form opens them: a private
	file of a document the user may not read is listed only to its owner. Frappe's own condition on
	File (the attached doctype readable at all) still applies."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	table = "`tabFile`"
	visible = [
		f"({table}.attached_to_doctype = {_values([doctype])} and {table}.attached_to_name in "
		f"({permitted_names(doctype, user)}))"
		for doctype in ROW_LEVEL_DOCTYPES
	]
	others = [
		f"ifnull({table}.attached_to_doctype, '') not in ({_values(ROW_LEVEL_DOCTYPES)})",
		f"{table}.is_private = 0",
		f"{table}.owner = {frappe.db.escape(user, percent=False)}",
	]
	return f"({' or '.join(others + visible)})"


# ---------------------------------------------------------------- one document


def may_see(doc, user: str | None = None, ptype: str | None = None) -> bool:
	"""Whether the list condition admits the document. A saved document is judged by its stored row,
	as the list judges it; what is being created or changed is judged by its values as well, so nobody
	moves a document out of sight of the rule."""
	scope = restriction(user)
	if scope is None:
		return True
	doctype = doc.doctype
	creating = ptype == "create"
	stored = not doc.is_new() if hasattr(doc, "is_new") else bool(doc.get("name"))
	if stored and not creating and not _row_matches(doctype, scope, doc.name):
		return False
	if stored and ptype not in ("create", "write", "submit"):
		return True
	return _values_match(doctype, scope, doc, creating)


def _row_matches(doctype: str, scope, name: str) -> bool:
	table = frappe.qb.DocType(doctype)
	query = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table.name == name)
		.where(_SQLCondition(condition(doctype, scope)))
	)
	return bool(query.run())


def _values_match(doctype: str, scope, doc, creating: bool) -> bool:
	"""The condition evaluated on a one-row table of the document's values, named as the doctype's
	table. A contract gets its direction and party links only on save: they are derived here as
	the registry derives them."""
	values = {column: doc.get(column) for column in ROW_COLUMNS[doctype]}
	if doctype == "Contract":
		party_type = doc.get("party_type")
		values["cm_direction"] = values["cm_direction"] or DIRECTION_BY_PARTY_TYPE.get(party_type)
		values["cm_customer"] = doc.get("party_name") if party_type == "Customer" else None
		values["cm_supplier"] = doc.get("party_name") if party_type == "Supplier" else None
	row = frappe.qb.select(*(ValueWrapper(value).as_(column) for column, value in values.items()))
	query = (
		frappe.qb.from_(row.as_(f"tab{doctype}"))
		.select(ValueWrapper(1))
		.where(_SQLCondition(condition(doctype, scope, creating)))
	)
	return bool(query.run())


class _SQLCondition(Criterion):
	"""The rule's SQL condition inside a query-builder query. The builder passes named parameters to
	the driver, which then reads '%' as a placeholder: it is doubled here."""

	def __init__(self, sql: str):
		super().__init__()
		self.sql = sql

	def get_sql(self, **kwargs):
		return "({})".format(self.sql.replace("%", "%%"))


def has_row_permission(doc, ptype=None, user=None):
	# False refuses; otherwise the decision stays with the roles' rights (compat says how each major
	# reads "no objection").
	return compat.PERMISSION_HOOK_NO_OBJECTION if may_see(doc, user, ptype) else False


# ---------------------------------------------------------------- one row of a child table
# Frappe v15 judges a child row read on its own (REST, frappe.client.get, the form loader) by the parent
# doctype's rights only: it passes no parent document, so the parent's row-level rule never runs.


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


# ---------------------------------------------------------------- Frappe's endpoints that skip the rule
# Routed here by override_whitelisted_methods (hooks.py). Each checks its arguments before any query
# (services/arguments.py) and reads through the permission-aware list, for every doctype it is asked about.


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
