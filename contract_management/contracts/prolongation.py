"""Auto-prolongation: a contract that reaches its end date, with auto-prolongation and no refusal by
the notice deadline, is prolonged for its renewal term by a supplementary agreement the system makes
and signs, never by editing its dates in place.

Made in chunks (CHUNK_SIZE contracts, one transaction each): the chunk's contracts are read under row
locks in one query, each one's renewals computed in memory by the rules a signing applies, and the
agreements, their change rows, the Version entries and the contracts' new dates and status written
with one statement each. What users and auditors read is what the document cycle writes (the signed
agreement, its change rows, the history of effective terms, the contract's Version entry of each
renewal and the agreement's of its signing: tests/test_prolongation_bulk.py compares them); what does
not apply to an agreement the system makes and signs at once is skipped: approval routing and its
notifications, permission checks, the draft's save and the checks of terms a prolongation does not
change. A contract its checks refuse goes to the Error Log and the others of its chunk go on.

Idempotent: a prolonged contract's end date moves past today, so the next run does not find it, and a
run that waited for another's row locks reads the contracts again once it has them; a crash leaves
nothing half-made, as a chunk is one transaction; a system agreement left unsigned by the per-contract
job of earlier versions is signed by the next run rather than made again; a system prolongation a user
cancelled is recorded as our refusal of it, so it is not made again.
"""

import json
from datetime import timedelta

import frappe
from dateutil.relativedelta import relativedelta
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Max
from frappe.utils import add_days, date_diff, getdate, now_datetime, nowdate
from frappe.utils.formatters import format_value

from contract_management.contracts.amendment_terms import PROLONGATION, TERM_BY_FIELD, as_text
from contract_management.contracts.amendments import validate_contract_state, validate_dates
from contract_management.contracts.lifecycle import set_status
from contract_management.contracts.terms import compute_notice_deadline

KIND = PROLONGATION
CHUNK_SIZE = 200
SAVEPOINT = "cm_prolong_chunk"
CONTRACT_SAVEPOINT = "cm_prolong_contract"
# What a renewal reads of the contract, and what it writes back (with modified and _seen).
CONTRACT_FIELDS = (
	"name",
	"docstatus",
	"start_date",
	"end_date",
	"is_signed",
	"status",
	"cm_managed",
	"cm_status",
	"cm_auto_prolongation",
	"cm_prolongation_refused",
	"cm_renewal_term_months",
	"cm_notice_period_days",
	"cm_notice_deadline",
	"cm_terminated_on",
	"cm_fulfilled_on",
	"cm_company",
	"party_type",
	"party_name",
	"cm_registry_number",
	"cm_contract_date",
	"cm_currency",
)
RENEWED_FIELDS = ("cm_status", "status", "end_date", "cm_notice_deadline")


def contracts_due(on_date) -> list[str]:
	"""One set-based query, on indexed columns."""
	contract = frappe.qb.DocType("Contract")
	return (
		frappe.qb.from_(contract)
		.select(contract.name)
		.where(contract.docstatus == 1)
		.where(contract.cm_auto_prolongation == 1)
		.where((contract.cm_prolongation_refused == 0) | contract.cm_prolongation_refused.isnull())
		.where(contract.end_date <= on_date)
		.where(contract.cm_terminated_on.isnull())
		.where(contract.cm_fulfilled_on.isnull())
		.orderby(contract.end_date)
	).run(pluck=True)


def is_due(contract, on_date) -> bool:
	"""contracts_due's condition, read again under the row lock."""
	return bool(
		contract.docstatus == 1
		and contract.cm_auto_prolongation
		and not contract.cm_prolongation_refused
		and contract.end_date
		and getdate(contract.end_date) <= on_date
		and not contract.cm_terminated_on
		and not contract.cm_fulfilled_on
	)


def prolong_due_contracts(on_date=None, chunk_size: int = CHUNK_SIZE) -> list[str]:
	"""The daily job. Each chunk is prolonged and committed on its own, so what was done stays done; a
	chunk that fails is undone to where it started, goes to the Error Log, and the job goes on with
	the other chunks (the next run finds its contracts due again)."""
	on_date = getdate(on_date or nowdate())
	due = contracts_due(on_date)
	made = []
	for start in range(0, len(due), chunk_size):
		chunk = due[start : start + chunk_size]
		frappe.db.savepoint(SAVEPOINT)
		try:
			made += prolong_chunk(chunk, on_date)
		except Exception:
			frappe.db.rollback(save_point=SAVEPOINT)
			frappe.log_error(
				title=_("Auto-prolongation of the contracts from {0} to {1} failed").format(
					chunk[0], chunk[-1]
				),
				reference_doctype="Contract",
				reference_name=chunk[0],
			)
		_commit()
	return made


def _commit():
	# Tests run the job inside the transaction they roll back; the savepoint above does the rest.
	if frappe.flags.in_test:
		return
	# One transaction per chunk: a later chunk's failure must not undo the prolongations (and the error
	# logs) already made, and the next run must not find them due again.
	frappe.db.commit()  # nosemgrep: frappe-manual-commit


def prolong_chunk(names: list[str], on_date) -> list[str]:
	"""Prolong the contracts named, in one transaction, with the same number of queries for one contract
	as for a chunk: their rows locked and read (a run that waited here for another's locks reads them
	as that run left them), their agreements so far, then one write per table. Returns the agreements
	made."""
	on_date = getdate(on_date)
	contracts = _lock(names)
	agreements_so_far = _agreements_so_far(names)
	made, writes = [], _Writes()
	for contract in contracts:
		if not is_due(contract, on_date):
			continue  # prolonged or refused meanwhile
		last_no, pending = agreements_so_far.get(contract.name, (0, 0))
		if pending:
			made += _finish_pending(contract.name, on_date)
			continue
		try:
			renewals = renewals_due(contract, on_date)
		except Exception:
			_log_contract_failure(contract.name)
			continue
		for number, (before, after) in enumerate(renewals, start=last_no + 1):
			made.append(writes.add(before, after, number))
	writes.run()
	return made


def renewals_due(contract, on_date) -> list[tuple[frappe._dict, frappe._dict]]:
	"""The contract before and after each renewal that brings it into force on `on_date` again (several
	if the job was not run for longer than a renewal term), checked and derived as signing a
	prolongation checks and saves the contract: its state, the dates, the notice deadline, the status."""
	renewals, state = [], frappe._dict(contract)
	while getdate(state.end_date) <= on_date:
		new_end = getdate(next_end_date(state))
		agreement = frappe._dict(
			kind=KIND,
			effective_date=add_days(state.end_date, 1),
			changes=[frappe._dict(fieldname="end_date", new_value=as_text("end_date", new_end))],
		)
		validate_contract_state(agreement, state)
		validate_dates(agreement, state)
		after = frappe._dict(state, end_date=new_end)
		compute_notice_deadline(after)
		if not after.cm_managed:
			after.status = _erpnext_status_by_dates(after)
		set_status(after)
		renewals.append((state, after))
		state = after
	return renewals


def _erpnext_status_by_dates(contract) -> str:
	# ERPNext's Contract sets its own status on every save (`update_contract_status`); the app keeps it
	# only on the contracts it keeps (lifecycle.set_status).
	if not contract.is_signed:
		return "Unsigned"
	today = getdate(nowdate())
	if not contract.end_date or getdate(contract.start_date) <= today <= getdate(contract.end_date):
		return "Active"
	return "Inactive"


def next_end_date(contract):
	"""The renewal term, else the contract's own term: whole months when the term is whole months."""
	start, end = getdate(contract.start_date), getdate(contract.end_date)
	following = add_days(end, 1)
	if contract.cm_renewal_term_months:
		return add_days(following + relativedelta(months=contract.cm_renewal_term_months), -1)
	months = relativedelta(following, start)
	if not months.days:
		return add_days(following + relativedelta(years=months.years, months=months.months), -1)
	return add_days(end, date_diff(end, start) + 1)


def _lock(names: list[str]) -> list[frappe._dict]:
	"""The chunk's contracts, locked until the chunk commits. In the order of their names, the primary
	key, so that two runs locking overlapping chunks wait for each other instead of deadlocking."""
	contract = frappe.qb.DocType("Contract")
	return (
		frappe.qb.from_(contract)
		.select(*(contract[field] for field in CONTRACT_FIELDS))
		.where(contract.name.isin(names))
		.orderby(contract.name)
		.for_update()
	).run(as_dict=True)


def _agreements_so_far(names: list[str]) -> dict[str, tuple[int, int]]:
	"""Per contract: the last agreement number given, and whether a system prolongation is left
	unsigned. Read under the contracts' locks, which a new agreement's numbering takes too."""
	table = frappe.qb.DocType("Contract Amendment")
	pending = (
		Case().when((table.made_by_system == 1) & (table.docstatus == 0) & (table.kind == KIND), 1).else_(0)
	)
	rows = (
		frappe.qb.from_(table)
		.select(table.contract, Max(table.amendment_no), Max(pending))
		.where(table.contract.isin(names))
		.groupby(table.contract)
	).run()
	return {contract: (int(last or 0), int(left or 0)) for contract, last, left in rows}


def _log_contract_failure(name: str):
	frappe.log_error(
		title=_("Auto-prolongation of contract {0} failed").format(name),
		reference_doctype="Contract",
		reference_name=name,
	)


def _finish_pending(name: str, on_date) -> list[str]:
	"""A system prolongation left unsigned by the per-contract job of earlier versions: signed through the
	document cycle, then the contract prolonged on from there, as that job would have."""
	frappe.db.savepoint(CONTRACT_SAVEPOINT)
	try:
		return prolong_contract(name, on_date)
	except Exception:
		frappe.db.rollback(save_point=CONTRACT_SAVEPOINT)
		_log_contract_failure(name)
		return []


class _Writes:
	"""The rows of a chunk's renewals, as the document cycle would have written them, written with one
	statement per table."""

	def __init__(self):
		self.user = frappe.session.user
		self.started = now_datetime()
		self.amendments, self.changes, self.versions, self.contracts = [], [], [], {}
		contract_meta, amendment_meta = frappe.get_meta("Contract"), frappe.get_meta("Contract Amendment")
		self.contract_fields = [df for df in contract_meta.fields if df.fieldname in RENEWED_FIELDS]
		self.track_contract = contract_meta.track_changes
		self.track_amendment = amendment_meta.track_changes
		self.seen = json.dumps([self.user]) if contract_meta.track_seen else None
		self.signing_fields = {field: amendment_meta.get_field(field) for field in ("cm_status", "signed_on")}

	def add(self, before, after, number: int) -> str:
		# Signed one after the other: the history and the cancel's "signed after" read the signing times.
		signed_on = self.started + timedelta(microseconds=len(self.amendments))
		name = f"{before.name}/{number}"
		self.amendments.append(self.amendment(name, before, after, number, signed_on))
		self.changes.append(
			{
				**self.stamp(frappe.generate_hash(length=10), signed_on),
				"docstatus": 1,
				"idx": 1,
				"term": TERM_BY_FIELD["end_date"],
				"fieldname": "end_date",
				"old_value": as_text("end_date", before.end_date),
				"new_value": as_text("end_date", after.end_date),
				"from_kind": 1,
				"parent": name,
				"parentfield": "changes",
				"parenttype": "Contract Amendment",
			}
		)
		if self.track_contract:
			self.version("Contract", before.name, signed_on, self.contract_diff(before, after))
		if self.track_amendment:
			signing = [
				["cm_status", self.formatted("cm_status", "Draft"), self.formatted("cm_status", "Signed")],
				["signed_on", None, self.formatted("signed_on", signed_on)],
				["docstatus", 0, 1],
			]
			self.version("Contract Amendment", name, signed_on, signing)
		self.contracts[before.name] = {field: after[field] for field in RENEWED_FIELDS}
		if self.seen:
			self.contracts[before.name]["_seen"] = self.seen
		return name

	def amendment(self, name, before, after, number, signed_on) -> dict:
		effective = add_days(before.end_date, 1)
		return {
			**self.stamp(name, signed_on),
			"docstatus": 1,
			"idx": 0,
			"contract": before.name,
			"amendment_no": number,
			"kind": KIND,
			"amendment_date": effective,
			"effective_date": effective,
			"cm_status": "Signed",
			"made_by_system": 1,
			"recorded_from_paper": 0,
			"signed_on": signed_on,
			"company": before.cm_company,
			"party_type": before.party_type,
			"party": before.party_name,
			"contract_registry_number": before.cm_registry_number,
			"contract_date": before.cm_contract_date,
			"new_end_date": after.end_date,
			"new_amount": 0,
			"currency": before.cm_currency,
			"reason": _("Automatic prolongation: no party refused by the notice deadline {0}.").format(
				frappe.format(before.cm_notice_deadline, "Date")
			),
			"cm_approval_round": 0,
		}

	def stamp(self, name, at) -> dict:
		return {"name": name, "owner": self.user, "creation": at, "modified": at, "modified_by": self.user}

	def contract_diff(self, before, after) -> list:
		"""As Frappe's Version lists a save's changes: in the form's order, each value as the form shows it."""
		changed = []
		for df in self.contract_fields:
			old, new = before.get(df.fieldname), after.get(df.fieldname)
			if old == new:
				continue
			old = format_value(old, df) if old else old
			new = format_value(new, df) if new else new
			if old != new:
				changed.append([df.fieldname, old, new])
		return changed

	def formatted(self, fieldname, value):
		return format_value(value, self.signing_fields[fieldname])

	def version(self, doctype, name, at, changed):
		if not changed:
			return
		data = frappe._dict(
			changed=changed, added=[], removed=[], row_changed=[], data_import=None, updater_reference=None
		)
		self.versions.append(
			{
				**self.stamp(frappe.generate_hash(length=10), at),
				"ref_doctype": doctype,
				"docname": name,
				"data": frappe.as_json(data, indent=None, separators=(",", ":")),
			}
		)

	def run(self):
		if not self.amendments:
			return
		for doctype, rows in (
			("Contract Amendment", self.amendments),
			("Contract Amendment Change", self.changes),
			("Version", self.versions),
		):
			if rows:
				fields = list(rows[0])
				frappe.db.bulk_insert(doctype, fields, [[row[field] for field in fields] for row in rows])
		frappe.db.bulk_update(
			"Contract",
			self.contracts,
			chunk_size=len(self.contracts),
			modified=self.amendments[-1]["modified"],
			modified_by=self.user,
		)
		for name in self.contracts:
			frappe.clear_document_cache("Contract", name)


def prolong_contract(name: str, on_date) -> list[str]:
	"""Prolong through the document cycle until the contract is in force on `on_date` again: what the job
	did before it made them in chunks, kept for a system agreement that job left unsigned. Returns the
	agreements made."""
	made = []
	while True:
		contract = frappe.get_doc("Contract", name, for_update=True)
		if not contract.end_date or getdate(contract.end_date) > on_date or contract.cm_prolongation_refused:
			return made
		amendment = _pending_system_prolongation(name) or _new_prolongation(contract)
		frappe.flags.cm_system_prolongation = True
		try:
			amendment.submit()
		finally:
			frappe.flags.cm_system_prolongation = False
		made.append(amendment.name)


def _pending_system_prolongation(contract: str):
	name = frappe.db.get_value(
		"Contract Amendment", {"contract": contract, "made_by_system": 1, "docstatus": 0, "kind": KIND}
	)
	return frappe.get_doc("Contract Amendment", name) if name else None


def _new_prolongation(contract):
	frappe.flags.cm_system_prolongation = True
	try:
		amendment = frappe.get_doc(
			{
				"doctype": "Contract Amendment",
				"contract": contract.name,
				"kind": KIND,
				"amendment_date": add_days(contract.end_date, 1),
				"effective_date": add_days(contract.end_date, 1),
				"new_end_date": next_end_date(contract),
				"made_by_system": 1,
				"reason": _("Automatic prolongation: no party refused by the notice deadline {0}.").format(
					frappe.format(contract.cm_notice_deadline, "Date")
				),
			}
		)
		# The job acts for the contract department; it is not a user who may lack permission.
		amendment.flags.ignore_permissions = True
		amendment.insert()
	finally:
		frappe.flags.cm_system_prolongation = False
	return amendment
