"""Contract Deadlines (Сроки по договорам): one list of the coming and missed dates under the contracts
and claims the user may see, overdue first: contract ends, prolongation notice deadlines, obligations
due, answers due to incoming claims, outgoing claims that may go to court.

The dates are those stored on the documents (the claim's response due and court-from dates are
computed when the claim is saved). Each kind is read with one permission-aware query, whatever the
number of contracts."""

import frappe
from frappe import _
from frappe.utils import add_days, cint, date_diff, flt, getdate, nowdate

from contract_management.access.rule import PARTY_TYPE_OF_DIRECTION
from contract_management.common.claim_contracts import claims_with_contracts
from contract_management.reporting.scope import (
	CLAIM_FIELDS,
	column,
	contract_conditions,
	currency_of,
	dynamic_link_columns,
	link_column,
	money_column,
	party_columns,
	permitted,
	translator,
	visible_contracts,
)

CONTRACT_END = "Contract End"
NOTICE_DEADLINE = "Prolongation Notice Deadline"
OBLIGATION_DUE = "Obligation Due"
CLAIM_ANSWER_DUE = "Answer to Claim Due"
MAY_GO_TO_COURT = "Claim May Go to Court"
KINDS = (CONTRACT_END, NOTICE_DEADLINE, OBLIGATION_DUE, CLAIM_ANSWER_DUE, MAY_GO_TO_COURT)


def kind_label(kind: str) -> str:
	"""The kind in the user's language (the literals here put the kinds into main.pot)."""
	return {
		CONTRACT_END: _("Contract End"),
		NOTICE_DEADLINE: _("Prolongation Notice Deadline"),
		OBLIGATION_DUE: _("Obligation Due"),
		CLAIM_ANSWER_DUE: _("Answer to Claim Due"),
		MAY_GO_TO_COURT: _("Claim May Go to Court"),
	}[kind]


IN_FORCE = ["Not Started", "Active"]
OPEN_OBLIGATION = ["Pending", "Partly Fulfilled"]
DEFAULT_DAYS = 30

CONTRACT_FIELDS = [
	"`tabContract`.`name`",
	"`tabContract`.`cm_company`",
	"`tabContract`.`cm_direction`",
	"`tabContract`.`party_type`",
	"`tabContract`.`party_name`",
	"`tabContract`.`cm_currency`",
	"`tabContract`.`cm_responsible`",
	"`tabContract`.`cm_department`",
]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	on_date = getdate(filters.get("on_date") or nowdate())
	days = cint(filters.get("within_days")) if filters.get("within_days") not in (None, "") else DEFAULT_DAYS
	if days < 0:
		frappe.throw(_("Within (Days) cannot be negative."), title=_("Invalid Filters"))
	period = frappe._dict(
		on_date=on_date,
		last=add_days(on_date, days),
		first=None if cint(filters.get("show_overdue", 1)) else on_date,
	)
	kinds = [filters.kind] if filters.get("kind") else KINDS
	rows = []
	if CONTRACT_END in kinds or NOTICE_DEADLINE in kinds:
		rows += contract_dates(filters, period, kinds)
	if OBLIGATION_DUE in kinds:
		rows += obligation_dates(filters, period)
	if CLAIM_ANSWER_DUE in kinds or MAY_GO_TO_COURT in kinds:
		rows += claim_dates(filters, period, kinds)
	labels = {kind: kind_label(kind) for kind in KINDS}  # translated once, not per row
	for row in rows:
		row["days_left"] = date_diff(row["date"], on_date)
		row["kind"] = labels[row["kind"]]
	rows.sort(key=lambda row: (row["date"], row["kind"], row["contract"] or "", row["document"] or ""))
	return get_columns(), rows, None, get_chart(rows)


def _in_period(date, period) -> bool:
	return bool(date) and getdate(date) <= period.last and (not period.first or getdate(date) >= period.first)


def _date_conditions(doctype: str, field: str, period) -> list:
	conditions = [[doctype, field, "<=", period.last]]
	if period.first:
		conditions.append([doctype, field, ">=", period.first])
	return conditions


def _contract_row(contract, kind, date, **values) -> dict:
	return {
		"date": getdate(date),
		"kind": kind,
		"contract": contract.name,
		"document_type": "Contract",
		"document": contract.name,
		"company": contract.cm_company,
		"party_type": contract.party_type,
		"party": contract.party_name,
		"responsible": contract.cm_responsible,
		"department": contract.cm_department,
		"currency": currency_of(contract),
		**values,
	}


def _dated(doctype: str, filters: list, fields: list[str]) -> list:
	"""The permission-aware list, its date conditions kept as ranges on the indexes: Frappe's list
	otherwise wraps a nullable date in IFNULL, which reads every contract (a date that is not set is
	in no period either way)."""
	return frappe.get_list(
		doctype, filters=filters, fields=fields, order_by=None, limit_page_length=0, ignore_ifnull=True
	)


def contract_dates(filters, period, kinds) -> list[dict]:
	"""Contract ends and notice deadlines: one indexed query for each kind asked for."""
	in_force = [
		*contract_conditions(filters),
		["Contract", "docstatus", "=", 1],
		["Contract", "cm_status", "in", IN_FORCE],
	]
	fields = [
		*CONTRACT_FIELDS,
		"`tabContract`.`end_date`",
		"`tabContract`.`cm_auto_prolongation`",
		"`tabContract`.`cm_prolongation_refused`",
		"`tabContract`.`cm_notice_deadline`",
	]
	contracts = []
	if CONTRACT_END in kinds:
		contracts += _dated(
			"Contract", [*in_force, *_date_conditions("Contract", "end_date", period)], fields
		)
	if NOTICE_DEADLINE in kinds:
		notice = [
			*in_force,
			["Contract", "cm_auto_prolongation", "=", 1],
			["Contract", "cm_prolongation_refused", "=", 0],
			*_date_conditions("Contract", "cm_notice_deadline", period),
		]
		contracts += _dated("Contract", notice, fields)
	seen = set()
	rows = []
	for contract in contracts:
		if contract.name in seen:  # read by both queries: its rows are made the first time
			continue
		seen.add(contract.name)
		if CONTRACT_END in kinds and _in_period(contract.end_date, period):
			rows.append(_contract_row(contract, CONTRACT_END, contract.end_date))
		if (
			NOTICE_DEADLINE in kinds
			and contract.cm_auto_prolongation
			and not contract.cm_prolongation_refused
			and _in_period(contract.cm_notice_deadline, period)
		):
			rows.append(
				_contract_row(
					contract,
					NOTICE_DEADLINE,
					contract.cm_notice_deadline,
					description=_(
						"Refuse the prolongation by this date, or the contract renews on {0}."
					).format(frappe.format(add_days(contract.end_date, 1), "Date")),
				)
			)
	return rows


def obligation_dates(filters, period) -> list[dict]:
	obligations = _dated(
		"Contract",
		[
			*contract_conditions(filters),
			["Contract", "docstatus", "=", 1],
			["Contract", "cm_status", "in", IN_FORCE],
			["Contract Obligation", "status", "in", OPEN_OBLIGATION],
			*_date_conditions("Contract Obligation", "due_date", period),
		],
		[
			*CONTRACT_FIELDS,
			"`tabContract Obligation`.`name` as obligation",
			"`tabContract Obligation`.`due_date` as due_date",
			"`tabContract Obligation`.`obligor` as obligor",
			"`tabContract Obligation`.`kind` as obligation_kind",
			"`tabContract Obligation`.`description` as obligation_description",
			"`tabContract Obligation`.`amount` as amount",
		],
	)
	# Translated once, not per row.
	translate = translator()
	template, by_us, by_them = _("{0} by {1}: {2}"), _("us"), _("the counterparty")
	return [
		_contract_row(
			row,
			OBLIGATION_DUE,
			row.due_date,
			description=template.format(
				translate(row.obligation_kind or "Other"),
				by_us if row.obligor == "We" else by_them,
				row.obligation_description or "",
			),
			amount=flt(row.amount),
		)
		for row in obligations
	]


def claim_dates(filters, period, kinds) -> list[dict]:
	claims = []
	common = [["Contract Claim", "docstatus", "=", 1], ["Contract Claim", "closed_on", "is", "not set"]]
	for key, field in (
		("company", "company"),
		("party_type", "party_type"),
		("party", "party"),
		("contract", "contract"),
	):
		if filters.get(key):
			common.append(["Contract Claim", field, "=", filters[key]])
	if filters.get("direction"):
		common.append(
			["Contract Claim", "party_type", "=", PARTY_TYPE_OF_DIRECTION.get(filters.direction, "")]
		)
	within = (
		{"contract": visible_contracts(frappe._dict(contract_type=filters.contract_type))}
		if filters.get("contract_type")
		else None
	)
	fields = [*CLAIM_FIELDS, "total_claimed", "response_due", "court_from"]
	if CLAIM_ANSWER_DUE in kinds:
		claims += [
			frappe._dict(claim, kind=CLAIM_ANSWER_DUE, date=claim.response_due)
			for claim in _claims_with_contracts(
				[
					*common,
					["Contract Claim", "direction", "=", "Incoming"],
					["Contract Claim", "response_date", "is", "not set"],
					*_date_conditions("Contract Claim", "response_due", period),
				],
				fields,
				within=within,
			)
		]
	if MAY_GO_TO_COURT in kinds:
		claims += [
			frappe._dict(claim, kind=MAY_GO_TO_COURT, date=claim.court_from)
			for claim in _claims_with_contracts(
				[
					*common,
					["Contract Claim", "direction", "=", "Outgoing"],
					["Contract Claim", "status", "in", ["Sent", "No Answer"]],
					*_date_conditions("Contract Claim", "court_from", period),
				],
				fields,
				within=within,
			)
		]
	answer = _("Answer the claim with reasons.")
	may_go_to_court = _("The claim period has passed without satisfaction: the dispute may go to court.")
	rows = []
	for claim in claims:
		responsible = claim.responsible or claim.contract_responsible
		if filters.get("responsible") and responsible != filters.responsible:
			continue
		if filters.get("department") and claim.contract_department != filters.department:
			continue
		rows.append(
			{
				"date": getdate(claim.date),
				"kind": claim.kind,
				"contract": claim.contract,
				"document_type": "Contract Claim",
				"document": claim.name,
				"company": claim.company,
				"party_type": claim.party_type,
				"party": claim.party,
				"responsible": responsible,
				"department": claim.contract_department,
				"currency": claim.currency,
				"amount": flt(claim.total_claimed),
				"description": answer if claim.kind == CLAIM_ANSWER_DUE else may_go_to_court,
			}
		)
	return rows


def _claims_with_contracts(filters: list, fields: list[str], within: dict | None = None) -> list:
	"""The claims matching `filters` that the user may see (the permission-aware list as a subquery),
	each with its contract's responsible person and department joined: one query, whatever the number
	of claims and contracts. The claims follow their contracts' visibility."""
	claim, contract, claims = claims_with_contracts()
	query = claims.select(
		*(claim[field] for field in fields),
		contract.cm_responsible.as_("contract_responsible"),
		contract.cm_department.as_("contract_department"),
	).where(claim.name.isin(permitted("Contract Claim", filters)))
	for field, subquery in (within or {}).items():
		query = query.where(claim[field].isin(subquery))
	return query.run(as_dict=True)


def get_chart(rows):
	if not rows:
		return None
	kinds = [kind_label(kind) for kind in KINDS]
	missed = dict.fromkeys(kinds, 0)
	coming = dict.fromkeys(kinds, 0)
	for row in rows:
		(missed if row["days_left"] < 0 else coming)[row["kind"]] += 1
	return {
		"data": {
			"labels": kinds,
			"datasets": [
				{"name": _("Overdue"), "values": list(missed.values())},
				{"name": _("Coming"), "values": list(coming.values())},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#e24c4c", "#5e64ff"],
		"height": 260,
	}


def get_columns():
	return [
		column(_("Date"), "date", "Date"),
		column(_("Days Left"), "days_left", "Int", 80, disable_total=1),
		column(_("Kind"), "kind", width=190),
		link_column(_("Contract"), "contract", "Contract", 130),
		*dynamic_link_columns(_("Document Type"), "document_type", _("Document"), "document"),
		link_column(_("Company"), "company", "Company", 130),
		*party_columns(),
		column(_("What to Do"), "description", width=260),
		money_column(_("Amount"), "amount", 110),
		link_column(_("Currency"), "currency", "Currency", 70),
		link_column(_("Responsible"), "responsible", "User", 130),
		link_column(_("Department"), "department", "Department", 120),
	]
