"""Whitelisted endpoints of the contract card. Each checks permission on the contract it touches."""

import hashlib
import json

import frappe
from frappe import _

from contract_management.claims.documents import bases_for
from contract_management.claims.flows import new_claim_for_contract, new_claim_for_party
from contract_management.common import arguments
from contract_management.contracts import approval, lifecycle
from contract_management.contracts.amendments import refresh_old_values
from contract_management.fulfilment.card import fulfilment_summary

APPROVABLE_DOCTYPES = ("Contract", "Contract Amendment")


def _require(**arguments):
	"""Frappe passes only what the caller sent: a missing argument gets a clear error, not a crash."""
	for argument, value in arguments.items():
		if value in (None, ""):
			frappe.throw(_("{0} is required.").format(frappe.bold(argument)), title=_("Missing Argument"))


def _get_doc(doctype: str, name: str, ptype: str):
	_require(contract=name)
	if doctype not in APPROVABLE_DOCTYPES:
		frappe.throw(_("{0} is not approved here.").format(frappe.bold(doctype)), frappe.ValidationError)
	doc = _get_visible(doctype, name)
	frappe.has_permission(doctype, ptype, doc, throw=True)
	return doc


def _get_visible(doctype: str, name):
	"""The document, when the user may see it. A missing document and one the user may not see get
	the same answer (a permission error saying it is not found), so nobody learns what exists."""
	doc = None
	if isinstance(name, str) and frappe.db.exists(doctype, name):
		doc = frappe.get_doc(doctype, name)
	if not doc or not frappe.has_permission(doctype, "read", doc):
		frappe.throw(
			_("{0} {1} not found.").format(_(doctype), frappe.bold(name if isinstance(name, str) else "")),
			frappe.PermissionError,
		)
	return doc


def _whole_number(value, label: str, maximum: int) -> int:
	"""A whole number from 0 to `maximum`, as sent (a number or its digits); anything else is refused
	with a clear error rather than a server error."""
	text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
	if not (text.isascii() and text.isdigit() and len(text) <= len(str(maximum)) and int(text) <= maximum):
		frappe.throw(
			_("{0} must be a whole number from 0 to {1}, not {2}.").format(
				label, maximum, frappe.bold(value)
			),
			title=_("Invalid Argument"),
		)
	return int(text)


def _get_contract(name: str, ptype: str):
	return _get_doc("Contract", name, ptype)


@frappe.whitelist(methods=["POST"])
def send_for_approval(contract: str | None = None, doctype: str = "Contract"):
	"""Send a contract (or, with doctype="Contract Amendment", a supplementary agreement) for approval."""
	doc = _get_doc(doctype, contract, "write")
	approval.send_for_approval(doc)
	return {"status": doc.cm_status, "route": doc.cm_approval_route}


@frappe.whitelist(methods=["POST"])
def give_visa(
	contract: str | None = None,
	decision: str | None = None,
	remarks: str | None = None,
	doctype: str = "Contract",
):
	# Read permission on the document and the step's role (checked in give_visa) entitle a visa.
	_require(decision=decision)
	doc = _get_doc(doctype, contract, "read")
	approval.give_visa(doc, decision, remarks)
	return {"status": doc.cm_status}


@frappe.whitelist(methods=["POST"])
def refresh_amendment_old_values(amendment: str | None = None):
	"""Take the contract's current values as the old values of a draft supplementary agreement; one
	on approval or approved goes back for approval when a route applies."""
	_require(amendment=amendment)
	doc = _get_doc("Contract Amendment", amendment, "write")
	return {"refreshed": refresh_old_values(doc), "status": doc.cm_status}


@frappe.whitelist(methods=["POST"])
def mark_fulfilled(contract: str | None = None, fulfilled_on: str | None = None):
	fulfilled_on = arguments.date_of(fulfilled_on, "fulfilled_on", required=False)
	doc = _get_contract(contract, "write")
	lifecycle.mark_fulfilled(doc, fulfilled_on)
	return {"status": doc.cm_status}


CLAIM_DIRECTIONS = ("Outgoing", "Incoming")


def _check_claim_direction(direction: str):
	if direction not in CLAIM_DIRECTIONS:
		frappe.throw(
			_("{0} is not a direction of a claim.").format(frappe.bold(direction)),
			title=_("Invalid Argument"),
		)


@frappe.whitelist()
def claim_bases(direction: str | None = None, party_type: str | None = None):
	"""The bases a claim of this direction against a customer or supplier may have, for the menus."""
	_require(direction=direction, party_type=party_type)
	_check_claim_direction(direction)
	frappe.has_permission("Contract Claim", "create", throw=True)
	return [{"value": basis, "label": _(basis)} for basis in bases_for(direction, party_type)]


@frappe.whitelist()
def make_claim_from_contract(
	contract: str | None = None, direction: str = "Outgoing", basis: str | None = None
):
	"""A new claim under the contract (not saved), of the direction asked and a basis that fits it: for
	an overdue payment, the contract's overdue invoices (read for whoever may read the contract and
	create a claim, claims/flows.py.check_may_claim), with the penalty to today."""
	_check_claim_direction(direction)
	_get_contract(contract, "read")
	frappe.has_permission("Contract Claim", "create", throw=True)
	return new_claim_for_contract(contract, direction, basis or None).as_dict()


@frappe.whitelist()
def make_claim_from_party(
	party_type: str | None = None,
	party: str | None = None,
	direction: str = "Outgoing",
	basis: str | None = None,
):
	"""A new claim against a customer or supplier; with their single contract in force filled in."""
	_require(party_type=party_type, party=party)
	_check_claim_direction(direction)
	if party_type not in ("Customer", "Supplier"):
		frappe.throw(_("{0} is not a customer or supplier.").format(frappe.bold(party_type)))
	_get_visible(party_type, party)
	frappe.has_permission("Contract Claim", "create", throw=True)
	return new_claim_for_party(party_type, party, direction, basis or None).as_dict()


@frappe.whitelist(methods=["POST"])
def make_claims_for_overdue_debts(
	min_days_overdue: int | str = 30, company: str | None = None, contracts: str | list | None = None
):
	"""Queue the bulk making of claims (one per contract with debts overdue beyond N days); with
	`contracts` (the rows chosen in the Debts by Contract report), for those contracts only."""
	frappe.has_permission("Contract Claim", "create", throw=True)
	min_days_overdue = _whole_number(min_days_overdue, _("The number of days overdue"), maximum=36500)
	return _queue_claims(
		"make_claims_for_overdue_debts",
		"cm-overdue-claims",
		company,
		contracts,
		min_days_overdue=min_days_overdue,
	)


@frappe.whitelist(methods=["POST"])
def make_claims_for_late_deliveries(company: str | None = None, contracts: str | list | None = None):
	"""Queue the bulk making of late-delivery claims (one per purchase contract with an order line
	delivered late); with `contracts`, for those contracts only."""
	frappe.has_permission("Contract Claim", "create", throw=True)
	return _queue_claims("make_claims_for_late_deliveries", "cm-late-delivery-claims", company, contracts)


def _queue_claims(method: str, job_prefix: str, company, contracts, **arguments):
	"""The bulk job of claims/flows.py `method` on the long queue, for the company and the chosen
	contracts (each of which the user must see)."""
	if company:
		frappe.has_permission("Company", "read", company, throw=True)
	chosen = {}
	if contracts:
		chosen = {"contracts": _visible_contracts(_json_list(contracts))}
	job = frappe.enqueue(
		f"contract_management.claims.flows.{method}",
		queue="long",
		timeout=3600,
		company=company,
		# The same choice queued twice runs once; a different choice is a different job.
		job_id=f"{job_prefix}-{company or 'all'}"
		+ (f"-{hashlib.sha1(json.dumps(chosen['contracts']).encode()).hexdigest()[:12]}" if chosen else ""),
		deduplicate=True,
		**arguments,
		**chosen,
	)
	return {"job": getattr(job, "id", None)}


def _json_list(value):
	if not isinstance(value, str):
		return value
	try:
		return json.loads(value)
	except ValueError:
		return None


def _visible_contracts(names) -> list[str]:
	"""The named contracts, each of which the user must be able to see."""
	if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
		frappe.throw(_("Contracts must be a list of contract names."), title=_("Invalid Argument"))
	names = sorted(set(names))
	visible = set(frappe.get_list("Contract", filters={"name": ("in", names)}, pluck="name", limit=0))
	if missing := [name for name in names if name not in visible]:
		frappe.throw(
			_("{0} {1} not found.").format(_("Contract"), frappe.bold(", ".join(missing))),
			frappe.DoesNotExistError,
		)
	return names


@frappe.whitelist()
def get_summary(contract: str | None = None):
	_get_contract(contract, "read")
	return fulfilment_summary(contract)
