"""doc_events of ERPNext's Contract. Thin: each event delegates to the service that owns the rule."""

from contract_management.contracts import approval, lifecycle, registry, terms
from contract_management.contracts.amendment_signing import effective_terms_history
from contract_management.fulfilment import obligations
from contract_management.fulfilment.card import fulfilment_summary
from contract_management.onboarding import contract_import


def before_insert(doc, method=None):
	registry.mark_managed(doc)
	contract_import.resolve_party(doc)
	registry.set_registry_defaults(doc)
	number_given = bool(doc.cm_registry_number)
	registry.assign_registry_number(doc)
	if number_given:
		registry.advance_series_past(doc)


def autoname(doc, method=None):
	registry.name_by_registry_number(doc)


def before_validate(doc, method=None):
	# Before ERPNext's own validate, whose date check fails obscurely on an end date without a start.
	# Contracts made before the app was installed gain their registry data here on their next save.
	registry.mark_managed(doc)
	registry.set_registry_defaults(doc)
	registry.assign_registry_number(doc)
	terms.validate_validity(doc)


def validate(doc, method=None):
	registry.set_party_links(doc)
	registry.validate_direction(doc)
	registry.validate_registry_number_unique(doc)
	terms.set_money_defaults(doc)
	terms.validate_amount(doc)
	terms.derive_terms(doc)
	terms.set_claim_period(doc)
	approval.reset_stale_approval(doc)
	obligations.validate_obligations(doc)
	if doc._action != "submit":  # on submit, the visa gate reads the approval status first
		lifecycle.set_status(doc)


def before_submit(doc, method=None):
	if not registry.is_managed(doc):
		# ERPNext's own submit: signing stays what ERPNext's fields say (is_signed, signed_on).
		lifecycle.set_status(doc)
		return
	if contract_import.is_being_imported(doc):
		# Signed on paper before it was recorded: no approval route applies to it now.
		contract_import.set_paper_signing_date(doc, "cm_contract_date")
	else:
		approval.check_visas_before_signing(doc)
	approval.check_disagreements_before_signing(doc)
	lifecycle.mark_signed(doc)
	lifecycle.set_status(doc)


def before_update_after_submit(doc, method=None):
	# Supplementary agreements change amounts and dates of signed contracts.
	terms.derive_terms(doc)
	lifecycle.set_status(doc)
	# Obligations stay editable after signing.
	obligations.validate_obligations(doc)


def on_update(doc, method=None):
	# Obligations edited (added, linked, set by hand): their figures and statuses computed again.
	obligations.refresh_contract(doc)


def on_cancel(doc, method=None):
	cancelled = {"cm_status": "Cancelled"}
	if registry.is_managed(doc):
		cancelled["status"] = "Inactive"
	doc.db_set(cancelled, update_modified=False)


def on_discard(doc, method=None):
	# Frappe v16 only (v15 has no Discard); ERPNext v16 sets its own status to Cancelled before this.
	approval.end_on_discard(doc)


def onload(doc, method=None):
	if doc.docstatus == 1 and doc.cm_direction in ("Sales", "Purchase"):
		doc.set_onload("cm_summary", fulfilment_summary(doc.name))
	if doc.docstatus == 1:
		doc.set_onload("cm_history", effective_terms_history(doc.name))
	step = approval.current_step(doc) if doc.cm_status == "On Approval" else None
	if step:
		doc.set_onload("cm_current_step", {"step_title": step.step_title, "role": step.role})
	if doc.docstatus == 0 and doc.cm_status in ("Draft", "Rejected") and registry.is_managed(doc):
		# The card offers signing only where signing would be allowed (check_visas_before_signing).
		doc.set_onload("cm_needs_approval", bool(approval.find_route(doc)))
