"""The contract's terms: money with VAT, validity with prolongation and notice deadline, claim period.

Errors name the field the user has to fix, by its label as the form shows it.
"""

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate

from contract_management.common.settings import get_settings
from contract_management.common.validation import refuse_date_before
from contract_management.contracts.registry import is_managed


def set_money_defaults(contract):
	if not contract.cm_currency and contract.cm_company:
		contract.cm_currency = frappe.get_cached_value("Company", contract.cm_company, "default_currency")
	if not contract.cm_vat_mode:
		contract.cm_vat_mode = "Included"


def derive_terms(contract):
	"""What follows from the other terms on every save, of a draft and of a signed contract that a
	supplementary agreement changes: the VAT, the notice deadline, and whether a recorded refusal of
	the prolongation still stands against that deadline."""
	compute_vat(contract)
	compute_notice_deadline(contract)
	validate_prolongation_refusal(contract)


def compute_vat(contract):
	"""VAT included in the amount is extracted from it; VAT on top is added to it."""
	if contract.cm_is_framework:
		contract.cm_amount = 0
		contract.cm_vat_amount = 0
		contract.cm_amount_with_vat = 0
		return

	amount = flt(contract.cm_amount)
	rate = flt(contract.cm_vat_rate) if contract.cm_vat_mode != "Without VAT" else 0
	if contract.cm_vat_mode == "Included":
		vat, total = amount * rate / (100 + rate), amount
	elif contract.cm_vat_mode == "On Top":
		vat = amount * rate / 100
		total = amount + flt(vat, contract.precision("cm_vat_amount"))
	else:
		vat, total = 0, amount
	contract.cm_vat_amount = flt(vat, contract.precision("cm_vat_amount"))
	contract.cm_amount_with_vat = flt(total, contract.precision("cm_amount_with_vat"))


def validate_amount(contract, strict: bool = False):
	"""A contract the app keeps has a positive amount or is a framework contract. One made by ERPNext's
	code or before the app was installed has no amount and counts as a framework contract in the app's
	figures; it is asked for one only when it is sent for approval (`strict`)."""
	if contract.cm_is_framework:
		return
	if not strict and not is_managed(contract):
		return
	if flt(contract.cm_amount) <= 0:
		frappe.throw(
			_(
				"{0} must be greater than zero, or mark the contract as a framework contract without a fixed amount."
			).format(frappe.bold(_("Contract Amount"))),
			title=_("Invalid Amount"),
		)
	if contract.cm_vat_mode != "Without VAT" and not 0 <= flt(contract.cm_vat_rate) < 100:
		frappe.throw(
			_("{0} must be between 0 and 100.").format(frappe.bold(_("VAT Rate"))), title=_("Invalid Amount")
		)


def validate_validity(contract):
	"""Runs before ERPNext's own date check, which fails obscurely on an end date without a start, or
	on one date given as text and the other as a date (as API callers do)."""
	for field in ("start_date", "end_date"):
		if contract.get(field):
			contract.set(field, getdate(contract.get(field)))
	if contract.end_date and not contract.start_date:
		frappe.throw(
			_("Set the {0}: a contract with an {1} needs one.").format(
				frappe.bold(_("Start Date")), frappe.bold(_("End Date"))
			),
			title=_("Invalid Validity"),
		)
	refuse_date_before(
		contract.end_date, _("End Date"), contract.start_date, _("Start Date"), title=_("Invalid Validity")
	)
	if contract.cm_auto_prolongation and not contract.end_date:
		frappe.throw(
			_("{0} needs an {1}: an open-ended contract has nothing to prolong.").format(
				frappe.bold(_("Auto-Prolongation")), frappe.bold(_("End Date"))
			),
			title=_("Invalid Validity"),
		)


def compute_notice_deadline(contract):
	if not (contract.cm_auto_prolongation and contract.end_date):
		contract.cm_notice_deadline = None
		return
	contract.cm_notice_deadline = add_days(
		getdate(contract.end_date), -int(contract.cm_notice_period_days or 0)
	)
	refuse_date_before(
		contract.cm_notice_deadline,
		_("Notice Deadline"),
		contract.start_date,
		_("Start Date"),
		_("Invalid Validity"),
		_("{0} {1} falls before the {2} {3}: shorten the {4}."),
		frappe.bold(_("Notice Period (Days)")),
	)


def validate_prolongation_refusal(contract):
	"""Only a refusal by the notice deadline stops the prolongation; a later one is recorded in vain.
	The exception is the cancelling of a prolongation the system made: that is our refusal of it,
	recorded when the cancel is made (contracts/amendment_signing.py), after the deadline by its nature."""
	if not contract.cm_prolongation_refused:
		contract.cm_prolongation_refused_by = None
		contract.cm_prolongation_refused_on = None
		contract.cm_prolongation_refusal_recorded_by = None
		contract.cm_prolongation_refusal_agreement = None
		return
	if not (contract.cm_prolongation_refused_by and contract.cm_prolongation_refused_on):
		frappe.throw(
			_("Record who refused the prolongation ({0}) and when ({1}).").format(
				frappe.bold(_("Refused By")), frappe.bold(_("Refused On"))
			),
			title=_("Invalid Refusal"),
		)
	if not contract.cm_prolongation_refusal_recorded_by:
		contract.cm_prolongation_refusal_recorded_by = frappe.session.user
	if contract.cm_prolongation_refusal_agreement:
		# Read on every save only while such a refusal stands; it must be a system prolongation of
		# this contract (being cancelled, or cancelled), not any agreement typed in through the API.
		if not frappe.db.exists(
			"Contract Amendment",
			{
				"name": contract.cm_prolongation_refusal_agreement,
				"contract": contract.name,
				"made_by_system": 1,
				"docstatus": ("!=", 0),
			},
		):
			frappe.throw(
				_("{0} {1} is not a prolongation of this contract made by the system.").format(
					frappe.bold(_("Refused by Cancelling")), contract.cm_prolongation_refusal_agreement
				),
				title=_("Invalid Refusal"),
			)
		return
	refuse_date_before(
		contract.cm_notice_deadline,
		_("Notice Deadline"),
		contract.cm_prolongation_refused_on,
		_("Refused On"),
		_("Invalid Refusal"),
		_("{2} {3} is after the {0} {1}: the contract is prolonged regardless."),
	)


def set_claim_period(contract):
	"""A contract's claim period: as the contract says, else its type's, else the settings' (30 days)."""
	if contract.cm_claim_period_days:
		return
	type_period = (
		frappe.get_cached_value("Contract Type", contract.cm_contract_type, "default_claim_period_days")
		if contract.cm_contract_type
		else None
	)
	contract.cm_claim_period_days = type_period or get_settings().default_claim_period_days or 30
