"""Whitelisted endpoints of the contract card. Each checks permission on the contract it touches."""

import frappe
from frappe import _

from contract_management.services import approval, lifecycle
from contract_management.services.summary import get_contract_summary

APPROVABLE_DOCTYPES = ("Contract", "Contract Amendment")


def _get_doc(doctype: str, name: str, ptype: str):
	if doctype not in APPROVABLE_DOCTYPES:
		frappe.throw(_("{0} is not approved here.").format(frappe.bold(doctype)), frappe.ValidationError)
	if not name or not isinstance(name, str) or not frappe.db.exists(doctype, name):
		frappe.throw(
			_("{0} {1} not found.").format(_(doctype), frappe.bold(name or "")), frappe.DoesNotExistError
		)
	doc = frappe.get_doc(doctype, name)
	frappe.has_permission(doctype, ptype, doc, throw=True)
	return doc


def _get_contract(name: str, ptype: str):
	return _get_doc("Contract", name, ptype)


@frappe.whitelist(methods=["POST"])
def send_for_approval(contract: str, doctype: str = "Contract"):
	"""Send a contract (or, with doctype="Contract Amendment", a supplementary agreement) for approval."""
	doc = _get_doc(doctype, contract, "write")
	approval.send_for_approval(doc)
	return {"status": doc.cm_status, "route": doc.cm_approval_route}


@frappe.whitelist(methods=["POST"])
def give_visa(contract: str, decision: str, remarks: str | None = None, doctype: str = "Contract"):
	# Read permission on the document and the step's role (checked in give_visa) entitle a visa.
	doc = _get_doc(doctype, contract, "read")
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
