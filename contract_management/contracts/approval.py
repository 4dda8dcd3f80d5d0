"""Approval of draft contracts and supplementary agreements: a route of ordered steps, each needing
the visa of a role.

The route is chosen when the document is sent for approval and copied onto it as rows of the approval
sheet (cm_visas), one round per sending; earlier rounds stay on the sheet as history. Contract and
Contract Amendment carry the approval fields under the same names (cm_status, cm_visas,
cm_approval_round, cm_approval_route), so this one service serves both.
"""

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import cint, flt, get_fullname, now_datetime, nowdate

from contract_management.common.desk_notices import update_assignees, write_notices
from contract_management.contracts.lifecycle import APPROVAL_STATUSES, status_label
from contract_management.contracts.terms import validate_amount

VISA_DECISIONS = ("Approved", "Approved with Remarks", "Rejected")
DECISIONS_NEEDING_REMARKS = ("Approved with Remarks", "Rejected")
# A change of these after visas were given makes the visas stale.
CONTRACT_TERMS = (
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
AMENDMENT_TERMS = (
	"contract",
	"kind",
	"effective_date",
	"new_end_date",
	"new_amount",
	"new_payment_terms_template",
	"new_terms",
	"reason",
)
APPROVED_TERMS = {"Contract": CONTRACT_TERMS, "Contract Amendment": AMENDMENT_TERMS}
ROUTE_SUBJECT = {"Contract": "Contract", "Contract Amendment": "Supplementary Agreement"}


class VisaNotAllowed(frappe.PermissionError):
	pass


def visa_label(visa: str) -> str:
	# The decisions reach main.pot in this context from setup/option_wording.py.
	return _(visa, context="Visa")


def find_route(doc) -> str | None:
	"""The most specific enabled route for the document: a contract, or a supplementary agreement
	matched by its contract's company, direction, type and amount, and by its own kind."""
	routes = frappe.get_all(
		"Contract Approval Route",
		filters={"enabled": 1, "applies_to": ROUTE_SUBJECT[doc.doctype]},
		fields=["name", "company", "direction", "contract_type", "min_amount", "amendment_kind"],
	)
	contract = doc if doc.doctype == "Contract" else _contract_of_amendment(doc)
	kind = doc.get("kind")
	matching = [
		route
		for route in routes
		if _route_matches(route, contract) and (not route.amendment_kind or route.amendment_kind == kind)
	]
	if not matching:
		return None
	matching.sort(
		key=lambda route: (
			sum(
				1
				for condition in (route.company, route.direction, route.contract_type, route.amendment_kind)
				if condition
			)
			+ (1 if route.min_amount else 0),
			flt(route.min_amount),
		),
		reverse=True,
	)
	return matching[0].name


def _contract_of_amendment(amendment):
	contract = frappe.db.get_value(
		"Contract",
		amendment.contract,
		["cm_company", "cm_direction", "cm_contract_type", "cm_is_framework", "cm_amount_with_vat"],
		as_dict=True,
	)
	if amendment.get("new_amount"):
		contract.cm_amount_with_vat = amendment.new_amount
	return contract


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


def current_round_visas(doc):
	return [row for row in doc.cm_visas if cint(row.approval_round) == cint(doc.cm_approval_round)]


def current_step(doc):
	return next((row for row in current_round_visas(doc) if row.visa == "Pending"), None)


def send_for_approval(doc):
	if doc.docstatus != 0 or doc.cm_status not in ("Draft", "Rejected"):
		frappe.throw(
			_("Only a draft or rejected document can be sent for approval; {0} is {1}.").format(
				frappe.bold(doc.name), status_label(doc.cm_status)
			),
			title=_("Not Allowed"),
		)
	if doc.doctype == "Contract":
		validate_amount(doc, strict=True)
		doc.cm_managed = 1  # kept through the app from now on (contracts/registry.py)
	route_name = find_route(doc)
	if not route_name:
		frappe.throw(
			_(
				"No approval route applies to {0}. Set one up under Contract Approval Route, or sign without approval."
			).format(frappe.bold(doc.name)),
			title=_("No Approval Route"),
		)
	route = frappe.get_cached_doc("Contract Approval Route", route_name)
	doc.cm_approval_round = cint(doc.cm_approval_round) + 1
	doc.cm_approval_route = route.name
	for step in route.steps:
		doc.append(
			"cm_visas",
			{
				"approval_round": doc.cm_approval_round,
				"step_title": step.step_title,
				"role": step.role,
				"instructions": step.instructions,
				"visa": "Pending",
			},
		)
	doc.cm_status = "On Approval"
	if doc.doctype == "Contract":
		doc.cm_sent_for_approval_on = nowdate()
	doc.flags.cm_approval_action = True
	doc.save()
	doc.add_comment(
		"Info", _("Sent for approval by route {0}, round {1}.").format(route.name, doc.cm_approval_round)
	)
	notify_approvers(doc)


def give_visa(doc, decision: str, remarks: str | None = None, user: str | None = None):
	user = user or frappe.session.user
	if decision not in VISA_DECISIONS:
		frappe.throw(
			_("{0} is not a visa. Choose one of: {1}.").format(
				frappe.bold(decision), ", ".join(visa_label(d) for d in VISA_DECISIONS)
			),
			title=_("Invalid Visa"),
		)
	if doc.docstatus != 0 or doc.cm_status != "On Approval":
		frappe.throw(
			_("{0} is not on approval; it is {1}.").format(
				frappe.bold(doc.name), status_label(doc.cm_status)
			),
			title=_("Not Allowed"),
		)
	step = current_step(doc)
	if not step:
		frappe.throw(_("{0} has no visa pending.").format(frappe.bold(doc.name)), title=_("Not Allowed"))
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
		for row in current_round_visas(doc):
			if row.visa == "Pending":
				row.visa = "Not Required"
		doc.cm_status = "Rejected"
	elif not current_step(doc):
		doc.cm_status = "Approved"

	doc.flags.cm_approval_action = True
	# The visa giver may lack write permission on the document: the role of the step was checked above.
	doc.flags.ignore_permissions = True
	doc.save()
	doc.add_comment(
		"Info",
		_("Visa {0} of step {1}: {2}").format(
			visa_label(decision), step.step_title, remarks or _("no remarks")
		),
	)
	notify_approvers(doc)


def notify_approvers(doc):
	"""The holders of the role of the step now pending hear of it: a desk notification (the bell) and an
	open ToDo each, so they find the document from the bell or their ToDo list. The approval ToDos of the
	steps before are closed. Set-based: one query finds the holders, one UPDATE closes the old ToDos,
	one INSERT each writes the ToDos and the notifications, one UPDATE lights the holders' bells, one UPDATE
	sets the document's assignees. No e-mail here: a step that waits too long is the reminders' business
	(Stuck on Approval)."""
	todo = frappe.qb.DocType("ToDo")
	(
		frappe.qb.update(todo)
		.set(todo.status, "Closed")
		.set(todo.modified, now_datetime())
		.where(todo.reference_type == doc.doctype)
		.where(todo.reference_name == doc.name)
		.where(todo.status == "Open")
		.where(todo.role.isin(_route_roles(doc)))
	).run()
	step = current_step(doc) if doc.cm_status == "On Approval" else None
	if step:
		holders = _holders_of(step.role)
		if holders:
			_write_todos_and_notifications(doc, step, holders)
	_update_assignees(doc)


def _route_roles(doc) -> list[str]:
	return list({row.role for row in doc.cm_visas if row.role}) or [""]


def _holders_of(role: str) -> list[frappe._dict]:
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(has_role.parent == user.name)
		.select(user.name, user.language)
		.distinct()
		.where(has_role.parenttype == "User")
		.where(has_role.role == role)
		.where(user.enabled == 1)
		.where(user.user_type == "System User")
		.where(user.name.notin(("Administrator", "Guest")))
		.orderby(user.name)
	).run(as_dict=True)


def _waiting_message(doc, step) -> str:
	if doc.doctype == "Contract":
		return _("Contract {0} with {1} waits for your visa: step {2}.").format(
			doc.name, doc.party_name, step.step_title
		)
	return _("Supplementary agreement {0} waits for your visa: step {1}.").format(doc.name, step.step_title)


def _write_todos_and_notifications(doc, step, holders):
	sender = frappe.session.user
	sender_name = get_fullname(sender)
	todos, notifications = [], []
	for holder in holders:
		with print_language(holder.language or frappe.db.get_default("lang") or "en"):
			message = _waiting_message(doc, step)
		todos.append(
			{
				"date": nowdate(),
				"description": message,
				"reference_type": doc.doctype,
				"reference_name": doc.name,
				"role": step.role,
				"assigned_by": sender,
				"assigned_by_full_name": sender_name,
				"allocated_to": holder.name,
			}
		)
		notifications.append(
			{
				"subject": message,
				"email_content": message,
				"for_user": holder.name,
				"type": "Assignment",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"from_user": sender,
			}
		)
	write_notices(todos, notifications)


def _update_assignees(doc):
	"""The document's `_assign` (the list's and sidebar's "Assigned To") as its open ToDos say."""
	assigned = update_assignees(doc.doctype, [doc.name])[doc.name]
	# Kept on the document too: a save under way (a stale approval reset in validate) writes it.
	doc.set("_assign", assigned)


def reset_stale_approval(doc):
	"""A document edited after visas were given goes back to Draft; a rejected one edited by its author
	is a draft again too. Visa actions themselves are not edits."""
	if doc.flags.cm_approval_action or doc.is_new() or doc.docstatus != 0:
		return
	if doc.cm_status == "Rejected":
		doc.cm_status = "Draft"
		return
	if doc.cm_status not in ("On Approval", "Approved"):
		return
	before = doc.get_doc_before_save()
	if not before or not any(doc.get(field) != before.get(field) for field in APPROVED_TERMS[doc.doctype]):
		return
	for row in current_round_visas(doc):
		if row.visa == "Pending":
			row.visa = "Not Required"
	doc.cm_status = "Draft"
	notify_approvers(doc)
	frappe.msgprint(
		_(
			"The terms changed after the document was sent for approval: it is a draft again. Send it for approval once more."
		),
		alert=True,
	)


def end_on_discard(doc):
	"""A draft discarded (Frappe v16's «Discard»): the document is cancelled as a signed one would be,
	its approval round ends (pending visas are no longer required) and its approvers' ToDos close."""
	doc.db_set("cm_status", "Cancelled", update_modified=False)
	for row in current_round_visas(doc):
		if row.visa == "Pending":
			row.db_set("visa", "Not Required", update_modified=False)
	notify_approvers(doc)


def check_visas_before_signing(doc):
	if doc.cm_status == "Approved" or doc.get("made_by_system"):
		return
	if doc.cm_status in APPROVAL_STATUSES and doc.cm_status != "Draft":
		pending = [row.step_title for row in current_round_visas(doc) if row.visa == "Pending"]
		frappe.throw(
			_(
				"Signing is refused until every required visa is given. {0} is {1}; visas pending: {2}."
			).format(frappe.bold(doc.name), status_label(doc.cm_status), ", ".join(pending) or _("none")),
			title=_("Visas Missing"),
		)
	route = find_route(doc)
	if route:
		frappe.throw(
			_(
				"Signing is refused until every required visa is given: send it for approval by route {0} first."
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
