"""Whitelisted endpoints of the contract card. Each checks permission on the contract it touches."""

import frappe
from frappe import _

from contract_management.services import approval, lifecycle
from contract_management.services.summary import get_contract_summary


def _get_contract(name: str, ptype: str):
	if not name or not isinstance(name, str) or not frappe.db.exists("Contract", name):
		frappe.throw(_("Contract {0} not found.").format(frappe.bold(name or "")), frappe.DoesNotExistError)
	contract = frappe.get_doc("Contract", name)
	frappe.has_permission("Contract", ptype, contract, throw=True)
	return contract


@frappe.whitelist(methods=["POST"])
def send_for_approval(contract: str):
	doc = _get_contract(contract, "write")
	approval.send_for_approval(doc)
	return {"status": doc.cm_status, "route": doc.cm_approval_route}


@frappe.whitelist(methods=["POST"])
def give_visa(contract: str, decision: str, remarks: str | None = None):
	# Read permission on the contract and the step's role (checked in give_visa) entitle a visa.
	doc = _get_contract(contract, "read")
	approval.give_visa(doc, decision, remarks)
	return {"status": doc.cm_status}


@frappe.whitelist(methods=["POST"])
def mark_fulfilled(contract: str, fulfilled_on: str | None = None):
	doc = _get_contract(contract, "write")
	lifecycle.mark_fulfilled(doc, fulfilled_on)
	return {"status": doc.cm_status}


@frappe.whitelist()
def get_summary(contract: str):
	_get_contract(contract, "read")
	return get_contract_summary(contract)
