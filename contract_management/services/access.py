"""Row-level visibility of contracts and of what hangs off them (supplementary agreements, claims).

Sales and purchase contract users see the contracts of their direction only; with the setting «only
their own», only those they are responsible for or whose party is assigned to them (the customer's
account manager, or a user permission on the customer or supplier). Every other role that may read
contracts sees them all. The same rule serves list views, link and global search and reports
(`permission_query_conditions`) and forms, prints, attachments and the REST API (`has_permission`).
"""

import frappe

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


def restriction(user: str | None = None):
	"""None for a user who sees every contract; else the directions they see and whether only their
	own contracts."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & UNRESTRICTED_ROLES:
		return None
	directions = sorted(DIRECTION_OF_ROLE[role] for role in roles if role in DIRECTION_OF_ROLE)
	own_only = bool(frappe.db.get_single_value("Contract Management Settings", "own_contracts_only"))
	return frappe._dict(user=user, directions=directions, own_only=own_only)


# ---------------------------------------------------------------- lists, search, reports


def _contract_condition(scope, table: str = "`tabContract`") -> str:
	if not scope.directions:
		return "1=0"
	directions = ", ".join(frappe.db.escape(direction) for direction in scope.directions)
	condition = f"{table}.cm_direction in ({directions})"
	if scope.own_only:
		user = frappe.db.escape(scope.user)
		condition += (
			f" and ({table}.cm_responsible = {user}"
			f" or {table}.cm_customer in (select name from `tabCustomer` where account_manager = {user})"
			f" or {table}.cm_customer in (select for_value from `tabUser Permission` where user = {user} and allow = 'Customer')"
			f" or {table}.cm_supplier in (select for_value from `tabUser Permission` where user = {user} and allow = 'Supplier'))"
		)
	return condition


def contract_query(user: str | None = None) -> str:
	scope = restriction(user)
	return "" if scope is None else _contract_condition(scope)


def amendment_query(user: str | None = None) -> str:
	scope = restriction(user)
	if scope is None:
		return ""
	return f"`tabContract Amendment`.contract in (select name from `tabContract` where {_contract_condition(scope)})"


def claim_query(user: str | None = None) -> str:
	"""A claim under a contract follows the contract; one without follows its party's side."""
	scope = restriction(user)
	if scope is None:
		return ""
	party_types = ", ".join(frappe.db.escape(PARTY_TYPE_OF_DIRECTION[d]) for d in scope.directions) or "''"
	under_contract = (
		f"`tabContract Claim`.contract in (select name from `tabContract` where {_contract_condition(scope)})"
	)
	if scope.own_only:
		user = frappe.db.escape(scope.user)
		without_contract = (
			f"(`tabContract Claim`.responsible = {user}"
			f" or `tabContract Claim`.party in (select name from `tabCustomer` where account_manager = {user}))"
		)
	else:
		without_contract = "1=1"
	return (
		f"(({under_contract}) or (ifnull(`tabContract Claim`.contract, '') = ''"
		f" and `tabContract Claim`.party_type in ({party_types}) and {without_contract}))"
	)


# ---------------------------------------------------------------- one document


def may_see_contract(contract, user: str | None = None, creating: bool = False) -> bool:
	scope = restriction(user)
	if scope is None:
		return True
	# A new contract gets its direction from its party type only on save.
	direction = contract.get("cm_direction") or DIRECTION_BY_PARTY_TYPE.get(contract.get("party_type"))
	if direction not in scope.directions:
		return False
	if creating or not scope.own_only:
		return True
	return contract.get("cm_responsible") == scope.user or _party_assigned(
		scope.user, contract.get("party_type"), contract.get("party_name")
	)


def _party_assigned(user: str, party_type: str | None, party: str | None) -> bool:
	if not party:
		return False
	if party_type == "Customer" and frappe.db.get_value("Customer", party, "account_manager") == user:
		return True
	return bool(frappe.db.exists("User Permission", {"user": user, "allow": party_type, "for_value": party}))


def contract_permission(doc, ptype=None, user=None):
	# False refuses; None leaves the decision to the roles' rights.
	return None if may_see_contract(doc, user, creating=ptype == "create") else False


def amendment_permission(doc, ptype=None, user=None):
	if not doc.get("contract") or restriction(user) is None:
		return None
	contract = frappe.db.get_value(
		"Contract", doc.contract, ["cm_direction", "cm_responsible", "party_type", "party_name"], as_dict=True
	)
	return None if contract and may_see_contract(contract, user) else False


def claim_permission(doc, ptype=None, user=None):
	scope = restriction(user)
	if scope is None:
		return None
	if doc.get("contract"):
		contract = frappe.db.get_value(
			"Contract",
			doc.contract,
			["cm_direction", "cm_responsible", "party_type", "party_name"],
			as_dict=True,
		)
		return None if contract and may_see_contract(contract, user) else False
	if doc.get("party_type") not in {PARTY_TYPE_OF_DIRECTION[d] for d in scope.directions}:
		return False
	if (
		scope.own_only
		and doc.get("responsible") != scope.user
		and not _party_assigned(scope.user, doc.party_type, doc.party)
	):
		return False
	return None


# ---------------------------------------------------------------- global search

ROW_LEVEL_DOCTYPES = ("Contract", "Contract Amendment", "Contract Claim")


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
			frappe._(
				"{0} cannot be searched globally: global search cannot hide the contracts a user may not see. Find them in their lists or by link search."
			).format(", ".join(frappe._(doctype) for doctype in listed)),
			title=frappe._("Not Allowed"),
		)
