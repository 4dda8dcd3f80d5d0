"""Row-level visibility of contracts and of what hangs off them (supplementary agreements, primary
documents, claims).

Sales and purchase contract users see the contracts of their direction only; with the setting «only
their own», only those they are responsible for or whose party is assigned to them (the customer's
account manager, or a user permission on the customer or supplier). Agreements and primary documents
follow their contract; a claim under a contract follows the contract; one without a contract follows its party's side. Every other role that may read
contracts sees them all.

The rule is written once, as an SQL condition on the doctype's table (`condition`). Lists, link
search, report views, counts and exports use it as their `permission_query_conditions`; the document
check (`has_permission`: forms, prints, attachments, the REST API) evaluates the very same condition
on the one document, so the two can never disagree.
"""

import frappe
from pypika.terms import Criterion, ValueWrapper

from contract_management import compat
from contract_management.common.settings import get_settings
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

ROW_LEVEL_DOCTYPES = ("Contract", "Contract Amendment", "Contract Claim", "Contract Primary Document")
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
	"Contract Primary Document": ("contract",),
}
# Doctypes whose every row hangs off one contract and follows it.
UNDER_CONTRACT_DOCTYPES = ("Contract Amendment", "Contract Primary Document")


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
	if doctype in UNDER_CONTRACT_DOCTYPES:
		return f"`tab{doctype}`.contract in {_visible_contracts(scope)}"
	return _claim_condition(scope)


# ---------------------------------------------------------------- lists, search, reports, counts


def _query_of(doctype: str):
	"""The `permission_query_conditions` hook of one doctype (Frappe calls it with the user only)."""

	def query(user: str | None = None) -> str:
		scope = restriction(user)
		return "" if scope is None else condition(doctype, scope)

	return query


contract_query = _query_of("Contract")
amendment_query = _query_of("Contract Amendment")
claim_query = _query_of("Contract Claim")
primary_document_query = _query_of("Contract Primary Document")


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
