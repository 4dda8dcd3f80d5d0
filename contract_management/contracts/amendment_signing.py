"""Signing and cancelling a supplementary agreement, and the history of what the signed ones changed.

Signing applies the rows under a row lock on the contract, so agreements signed at the same moment
apply one after the other; an agreement whose old values no longer match the contract (another
agreement changed the same term meanwhile) is refused. Cancelling restores the old values unless an
agreement signed after it changed the same terms; "after" is by signing time, not by number.
Cancelling a prolongation the system made records our refusal of that prolongation on the contract,
so the daily job does not make it again.
"""

import frappe
from frappe import _
from frappe.utils import cstr, get_datetime, getdate, now_datetime, nowdate

from contract_management.contracts.amendment_terms import CLAUSE, PROLONGATION, as_text, field_label, typed
from contract_management.contracts.amendments import (
	lock_contract,
	validate_amount_not_below_invoiced,
	validate_contract_state,
	validate_dates,
)


class AmendmentConflict(frappe.ValidationError):
	pass


def check_before_signing(amendment):
	"""Under the contract's row lock, held until the transaction ends: the contract still has the old
	values the agreement recorded. The signing time is taken here too, so that the order of signing
	times is the order in which agreements really applied."""
	contract = lock_contract(amendment.contract)
	validate_contract_state(amendment, contract)
	stale = next(
		(
			row
			for row in amendment.changes
			if row.fieldname != CLAUSE
			and as_text(row.fieldname, contract.get(row.fieldname)) != cstr(row.old_value)
		),
		None,
	)
	if stale:
		refuse_changed_meanwhile(amendment, contract, stale)
	validate_dates(amendment, contract)
	validate_amount_not_below_invoiced(amendment, contract, lock=True)
	# Recorded from paper: signed on its agreement date, so the history orders it among the others.
	amendment.signed_on = (
		get_datetime(amendment.amendment_date) if amendment.get("recorded_from_paper") else now_datetime()
	)


def refuse_changed_meanwhile(amendment, contract, row):
	values = (
		frappe.bold(contract.name),
		frappe.bold(field_label(row.fieldname)),
		frappe.bold(as_text(row.fieldname, contract.get(row.fieldname)) or _("empty")),
		frappe.bold(row.old_value or _("empty")),
	)
	changed_by = agreement_that_last_changed(amendment, row.fieldname)
	if not changed_by:
		message = _(
			"Contract {0} changed after this agreement took its old values: {1} is now {2}, not {3}. Refresh the old values and sign again."
		).format(*values)
	elif changed_by.docstatus == 2:
		message = _(
			"Contract {0} changed after this agreement took its old values: {1} is now {2}, not {3}, since supplementary agreement {4} was cancelled. Refresh the old values and sign again."
		).format(*values, frappe.bold(changed_by.name))
	else:
		message = _(
			"Contract {0} changed after this agreement took its old values: {1} is now {2}, not {3}, by supplementary agreement {4}. Refresh the old values and sign again."
		).format(*values, frappe.bold(changed_by.name))
	frappe.throw(message, exc=AmendmentConflict, title=_("Contract Changed Meanwhile"))


def agreement_that_last_changed(amendment, fieldname):
	"""The other agreement whose signing or cancelling last wrote the term. A locking read, as it runs
	under the contract's lock: it sees an agreement another session signed a moment ago."""
	table, change, changes = _agreements_with_changes()
	rows = (
		changes.select(table.name, table.docstatus, table.signed_on, table.modified)
		.where(table.contract == amendment.contract)
		.where(table.name != amendment.name)
		.where(table.docstatus.isin([1, 2]))
		.where(change.fieldname == fieldname)
		.for_update()
	).run(as_dict=True)
	if not rows:
		return None
	return max(
		rows, key=lambda row: row.modified if row.docstatus == 2 or not row.signed_on else row.signed_on
	)


def apply_on_submit(amendment):
	"""Writes the new values; check_before_signing took the contract's lock and checked them."""
	contract = lock_contract(amendment.contract)
	_write(
		contract,
		{
			row.fieldname: typed(row.fieldname, row.new_value)
			for row in amendment.changes
			if row.fieldname != CLAUSE
		},
	)


def restore_on_cancel(amendment):
	"""Check and write under the contract's row lock."""
	contract = lock_contract(amendment.contract)
	fields = [row.fieldname for row in amendment.changes if row.fieldname != CLAUSE]
	later = agreement_signed_after(amendment, fields)
	if later:
		frappe.throw(
			_(
				"Cancel {0} first: it was signed after this agreement and changed the same terms of contract {1} ({2})."
			).format(
				frappe.bold(later.name),
				frappe.bold(contract.name),
				", ".join(field_label(f) for f in later.fields),
			),
			exc=AmendmentConflict,
			title=_("A Later Agreement Depends on This One"),
		)
	values = {
		row.fieldname: typed(row.fieldname, row.old_value)
		for row in amendment.changes
		if row.fieldname != CLAUSE
	}
	if amendment.made_by_system and amendment.kind == PROLONGATION:
		# Cancelling the prolongation the system made is our refusal of it: without this record the
		# next night's job would find the contract due and make the same prolongation again.
		values.update(
			{
				"cm_prolongation_refused": 1,
				"cm_prolongation_refused_by": "We",
				"cm_prolongation_refused_on": getdate(nowdate()),
				"cm_prolongation_refusal_recorded_by": frappe.session.user,
				"cm_prolongation_refusal_agreement": amendment.name,
			}
		)
	_write(contract, values)


def agreement_signed_after(amendment, fields):
	"""The latest signed agreement signed after this one that changed any of the fields. By signing
	time, not by number: a draft numbered earlier may be signed later. A locking read, as it runs under
	the contract's lock: it sees an agreement another session signed a moment ago."""
	if not fields:
		return None
	table, change, changes = _agreements_with_changes()
	query = (
		changes.select(table.name, table.signed_on, change.fieldname)
		.where(table.contract == amendment.contract)
		.where(table.docstatus == 1)
		.where(table.name != amendment.name)
		.where(change.fieldname.isin(fields))
		.orderby(table.signed_on, order=frappe.qb.desc)
		.for_update()
	)
	# An agreement signed before signing times were kept is older than any that has one.
	query = query.where(
		table.signed_on > amendment.signed_on if amendment.signed_on else table.signed_on.isnotnull()
	)
	rows = query.run(as_dict=True)
	if not rows:
		return None
	latest = rows[0].name
	return frappe._dict(name=latest, fields=sorted({row.fieldname for row in rows if row.name == latest}))


def _agreements_with_changes():
	"""The agreements, each row joined to one term it changes: the tables and the query to select from."""
	table = frappe.qb.DocType("Contract Amendment")
	change = frappe.qb.DocType("Contract Amendment Change")
	return table, change, frappe.qb.from_(table).join(change).on(change.parent == table.name)


def _write(contract, values: dict):
	contract.update(values)
	contract.flags.ignore_validate_update_after_submit = True
	# Whoever may submit or cancel the agreement may apply it to its contract.
	contract.flags.ignore_permissions = True
	contract.save()


# ---------------------------------------------------------------- history


def effective_terms_history(contract: str) -> list[dict]:
	"""For each signed agreement of the contract, in the order they were signed: which fields changed,
	from what to what, from which date, by whom. One query."""
	table, change, changes = _agreements_with_changes()
	return (
		changes.select(
			table.name.as_("amendment"),
			table.amendment_no,
			table.kind,
			table.effective_date,
			table.amendment_date,
			table.made_by_system,
			table.recorded_from_paper,
			table.signed_on,
			table.modified_by.as_("by"),
			change.fieldname,
			change.term,
			change.clause,
			change.old_value,
			change.new_value,
		)
		.where(table.contract == contract)
		.where(table.docstatus == 1)
		.orderby(table.signed_on)
		.orderby(table.amendment_no)
		.orderby(change.idx)
	).run(as_dict=True)
