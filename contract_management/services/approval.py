"""Approval of draft contracts: a route of ordered steps, each needing the visa of a role.

The route is chosen when the contract is sent for approval and copied onto the contract as rows of
the approval sheet (cm_visas), one round per sending; earlier rounds stay on the sheet as history.
"""

import frappe
from frappe import _
from frappe.utils import cint, flt, now_datetime

from contract_management.services.lifecycle import APPROVAL_STATUSES, status_label
from contract_management.services.terms import validate_amount

VISA_DECISIONS = ("Approved", "Approved with Remarks", "Rejected")
DECISIONS_NEEDING_REMARKS = ("Approved with Remarks", "Rejected")
# A change of these after visas were given makes the visas stale.
APPROVED_TERMS = (
	"party_type",
	"party_name",
	"cm_company",
	"cm_direction",
	"cm_contract_type",
	"cm_subject",
	"cm_is_framework",
	"cm_amount",
	"cm_currency",
	"cm_vat_mode",
	"cm_vat_rate",
	"cm_payment_terms_template",
	"start_date",
	"end_date",
	"cm_auto_prolongation",
	"cm_renewal_term_months",
	"cm_notice_period_days",
	"contract_terms",
)


class VisaNotAllowed(frappe.PermissionError):
	pass


def visa_label(visa: str) -> str:
	return _(visa, context="Visa")


def _visa_labels_for_translation():
	# Never called: lists each visa with its context so that `bench generate-pot-file` finds them.
	return (
		_("Pending", context="Visa"),
		_("Approved", context="Visa"),
		_("Approved with Remarks", context="Visa"),
		_("Rejected", context="Visa"),
		_("Not Required", context="Visa"),
	)


def find_route(contract) -> str | None:
	"""The most specific enabled route whose conditions the contract meets."""
	routes = frappe.get_all(
		"Contract Approval Route",
		filters={"enabled": 1},
		fields=["name", "company", "direction", "contract_type", "min_amount"],
	)
	matching = [route for route in routes if _route_matches(route, contract)]
	if not matching:
		return None
	matching.sort(
		key=lambda route: (
			sum(1 for condition in (route.company, route.direction, route.contract_type) if condition)
			+ (1 if route.min_amount else 0),
			flt(route.min_amount),
		),
		reverse=True,
	)
	return matching[0].name


def _route_matches(route, contract) -> bool:
	if route.company and route.company != contract.cm_company:
		return False
	if route.direction and route.direction != contract.cm_direction:
		return False
	if route.contract_type and route.contract_type != contract.cm_contract_type:
		return False
	if route.min_amount and not contract.cm_is_framework:
		return flt(contract.cm_amount_with_vat) > flt(route.min_amount)
	return True


def current_round_visas(contract):
	return [row for row in contract.cm_visas if cint(row.approval_round) == cint(contract.cm_approval_round)]


def current_step(contract):
	return next((row for row in current_round_visas(contract) if row.visa == "Pending"), None)


def send_for_approval(contract):
	if contract.docstatus != 0 or contract.cm_status not in ("Draft", "Rejected"):
		frappe.throw(
			_("Only a draft or rejected contract can be sent for approval; {0} is {1}.").format(
				frappe.bold(contract.name), status_label(contract.cm_status)
			),
			title=_("Not Allowed"),
		)
	validate_amount(contract, strict=True)
	route_name = find_route(contract)
	if not route_name:
		frappe.throw(
			_(
				"No approval route applies to this contract. Set one up under Contract Approval Route, or sign the contract without approval."
			),
			title=_("No Approval Route"),
		)
	route = frappe.get_cached_doc("Contract Approval Route", route_name)
	contract.cm_approval_round = cint(contract.cm_approval_round) + 1
	contract.cm_approval_route = route.name
	for step in route.steps:
		contract.append(
			"cm_visas",
			{
				"approval_round": contract.cm_approval_round,
				"step_title": step.step_title,
				"role": step.role,
				"instructions": step.instructions,
				"visa": "Pending",
			},
		)
	contract.cm_status = "On Approval"
	contract.flags.cm_approval_action = True
	contract.save()
	contract.add_comment(
		"Info",
		_("Sent for approval by route {0}, round {1}.").format(route.name, contract.cm_approval_round),
	)


def give_visa(contract, decision: str, remarks: str | None = None, user: str | None = None):
	user = user or frappe.session.user
	if decision not in VISA_DECISIONS:
		frappe.throw(
			_("{0} is not a visa. Choose one of: {1}.").format(
				frappe.bold(decision), ", ".join(visa_label(d) for d in VISA_DECISIONS)
			),
			title=_("Invalid Visa"),
		)
	if contract.docstatus != 0 or contract.cm_status != "On Approval":
		frappe.throw(
			_("Contract {0} is not on approval; it is {1}.").format(
				frappe.bold(contract.name), status_label(contract.cm_status)
			),
			title=_("Not Allowed"),
		)
	step = current_step(contract)
	if not step:
		frappe.throw(
			_("Contract {0} has no visa pending.").format(frappe.bold(contract.name)), title=_("Not Allowed")
		)
	if step.role not in frappe.get_roles(user):
		frappe.throw(
			_("The visa of step {0} needs the role {1}, which {2} does not have.").format(
				frappe.bold(step.step_title), frappe.bold(_(step.role)), user
			),
			exc=VisaNotAllowed,
			title=_("Not Allowed"),
		)
	remarks = (remarks or "").strip()
	if decision in DECISIONS_NEEDING_REMARKS and not remarks:
		frappe.throw(
			_("A visa {0} needs remarks: write what has to change.").format(
				frappe.bold(visa_label(decision))
			),
			title=_("Remarks Missing"),
		)

	step.update(
		{
			"visa": decision,
			"user": user,
			"user_full_name": frappe.utils.get_fullname(user),
			"visa_on": now_datetime(),
			"remarks": remarks,
		}
	)
	if decision == "Rejected":
		for row in current_round_visas(contract):
			if row.visa == "Pending":
				row.visa = "Not Required"
		contract.cm_status = "Rejected"
	elif not current_step(contract):
		contract.cm_status = "Approved"

	contract.flags.cm_approval_action = True
	# The visa giver may lack write permission on contracts: the role of the step was checked above.
	contract.flags.ignore_permissions = True
	contract.save()
	contract.add_comment(
		"Info",
		_("Visa {0} of step {1}: {2}").format(
			visa_label(decision), step.step_title, remarks or _("no remarks")
		),
	)


def reset_stale_approval(contract):
	"""A contract edited after visas were given goes back to Draft; a rejected one edited by its author
	is a draft again too. Visa actions themselves are not edits."""
	if contract.flags.cm_approval_action or contract.is_new() or contract.docstatus != 0:
		return
	if contract.cm_status == "Rejected":
		contract.cm_status = "Draft"
		return
	if contract.cm_status not in ("On Approval", "Approved"):
		return
	before = contract.get_doc_before_save()
	if not before or not any(contract.get(field) != before.get(field) for field in APPROVED_TERMS):
		return
	for row in current_round_visas(contract):
		if row.visa == "Pending":
			row.visa = "Not Required"
	contract.cm_status = "Draft"
	frappe.msgprint(
		_(
			"The contract's terms changed after it was sent for approval: it is a draft again. Send it for approval once more."
		),
		alert=True,
	)


def check_visas_before_signing(contract):
	if contract.cm_status == "Approved":
		return
	if contract.cm_status in APPROVAL_STATUSES and contract.cm_status != "Draft":
		pending = [row.step_title for row in current_round_visas(contract) if row.visa == "Pending"]
		frappe.throw(
			_(
				"Signing is refused until every required visa is given. Contract {0} is {1}; visas pending: {2}."
			).format(
				frappe.bold(contract.name), status_label(contract.cm_status), ", ".join(pending) or _("none")
			),
			title=_("Visas Missing"),
		)
	route = find_route(contract)
	if route:
		frappe.throw(
			_(
				"Signing is refused until every required visa is given: send the contract for approval by route {0} first."
			).format(frappe.bold(route)),
			title=_("Visas Missing"),
		)


def check_disagreements_before_signing(contract):
	open_clauses = [row.clause for row in contract.cm_disagreements if row.status == "Open"]
	if open_clauses:
		frappe.throw(
			_(
				"The protocol of disagreements still has open clauses: {0}. Settle them before signing."
			).format(", ".join(open_clauses)),
			title=_("Open Disagreements"),
		)
