"""Reconciliation Act (акт сверки взаимных расчётов) with a counterparty, for one contract or for the
whole party (optionally narrowed to a contract), over a period.

Read from ERPNext's General Ledger: the party's GL entries in the company's currency. An entry belongs to
a contract when its voucher (invoice, credit note, payment) or the invoice it is against (a payment or
journal entry against an invoice) carries the contract link `cm_contract`. The opening balance counts
what was posted before the period and opening entries, as ERPNext's General Ledger does, so the closing
balance is the ledger's. Our debit is the counterparty's credit and the other way round.
"""

from pathlib import Path

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Max, Min, Sum
from frappe.utils import flt, fmt_money, formatdate

from contract_management.common import arguments
from contract_management.contracts.printing import cm_party_details, not_found, readable_contract
from contract_management.reporting.scope import (
	LEDGER_OWN_FILTERS,
	column,
	money_column,
	needs_contract,
	visible_contracts,
)

# The company, like the party, is filtered on the ledger rows: a company alone keeps the rows outside contracts.
CONTRACT_SKIP = ("company", *LEDGER_OWN_FILTERS)

PARTY_TYPES = ("Customer", "Supplier")
# Vouchers that carry the contract link, and vouchers an entry may be against.
OWN_CONTRACT = ("Sales Invoice", "Purchase Invoice", "Payment Entry")
AGAINST_CONTRACT = ("Sales Invoice", "Purchase Invoice")
TEMPLATE = Path(__file__).with_name("reconciliation_act_print.html")
# What the printed act shows of its contract.
CONTRACT_FIELDS = ("name", "cm_company", "party_type", "party_name", "cm_registry_number", "cm_contract_date")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.get("contract") and not filters.get("party"):
		# The desk runs a report as soon as it opens: until a contract or a party is chosen there is no
		# act to show, so the report asks for one instead of failing. The printed act still refuses.
		return columns(None), [], _("Please select a contract or a customer or supplier.")
	act = get_act(filters)
	return columns(act), rows(act), message(act)


def get_act(filters) -> frappe._dict:
	"""The act's figures: opening and closing balances, turnovers and the entries of the period."""
	return act_of(validate_filters(frappe._dict(filters or {})))


def act_of(filters) -> frappe._dict:
	"""The act for filters already validated."""
	entries = get_entries(filters)
	opening = sum(flt(entry.debit) - flt(entry.credit) for entry in entries if entry.opening)
	period = [entry for entry in entries if not entry.opening]
	debit = sum(flt(entry.debit) for entry in period)
	credit = sum(flt(entry.credit) for entry in period)
	currency = frappe.get_cached_value("Company", filters.company, "default_currency")
	precision = frappe.get_precision("GL Entry", "debit") or 2
	return frappe._dict(
		filters=filters,
		currency=currency,
		opening=flt(opening, precision),
		entries=period,
		debit=flt(debit, precision),
		credit=flt(credit, precision),
		closing=flt(opening + debit - credit, precision),
	)


def validate_filters(filters):
	"""The act's filters, each of the form it must have; a contract only when the user may read it."""
	for key in ("contract", "company", "party_type", "party"):
		filters[key] = arguments.name_of(filters.get(key), key, required=False)
	if filters.contract:
		contract = readable_contract(filters.contract)
		if filters.party and (filters.party_type, filters.party) != (
			contract.party_type,
			contract.party_name,
		):
			frappe.throw(_("Contract {0} is not with {1}.").format(filters.contract, filters.party))
		filters.company = filters.company or contract.cm_company
		filters.party_type, filters.party = contract.party_type, contract.party_name
		filters.contract_doc = frappe._dict({field: contract.get(field) for field in CONTRACT_FIELDS})
	if not filters.company:
		frappe.throw(_("Please select a company."))
	if not frappe.db.exists("Company", filters.company):
		arguments.refuse(_("There is no company {0}.").format(frappe.bold(filters.company)))
	if not filters.party or filters.party_type not in PARTY_TYPES:
		frappe.throw(_("Please select a contract or a customer or supplier."))
	if not filters.get("from_date") or not filters.get("to_date"):
		frappe.throw(_("Please set the period."))
	filters.from_date = arguments.date_of(filters.from_date, "from_date")
	filters.to_date = arguments.date_of(filters.to_date, "to_date")
	if filters.from_date > filters.to_date:
		frappe.throw(_("The period's start cannot be after its end."))
	return filters


def check_party_permission(filters):
	"""An act asked for by party shows that party's requisites: only to a user who may read the party.
	A missing party and one the user may not read get the same refusal."""
	if filters.contract:
		return
	if not (
		frappe.db.exists(filters.party_type, filters.party)
		and frappe.has_permission(filters.party_type, "read", filters.party)
	):
		not_found(_(filters.party_type), filters.party)


def get_entries(filters):
	"""The party's ledger entries up to the period's end, per voucher: one query."""
	gle = frappe.qb.DocType("GL Entry")
	query = frappe.qb.from_(gle)
	own, against, returns = [], [], []
	for doctype in OWN_CONTRACT:
		table = frappe.qb.DocType(doctype).as_(f"own_{len(own)}")
		query = query.left_join(table).on((gle.voucher_type == doctype) & (gle.voucher_no == table.name))
		own.append(table.cm_contract)
		if doctype != "Payment Entry":
			returns.append(table.is_return)
	for doctype in AGAINST_CONTRACT:
		table = frappe.qb.DocType(doctype).as_(f"against_{len(against)}")
		query = query.left_join(table).on(
			(gle.against_voucher_type == doctype) & (gle.against_voucher == table.name)
		)
		against.append(table.cm_contract)
	contract = Coalesce(*own, *against, "")
	opening = Case().when((gle.posting_date < filters.from_date) | (gle.is_opening == "Yes"), 1).else_(0)
	query = (
		query.select(
			opening.as_("opening"),
			Min(gle.posting_date).as_("posting_date"),
			gle.voucher_type,
			gle.voucher_no,
			Max(Coalesce(*returns, 0)).as_("is_return"),
			Sum(gle.debit).as_("debit"),
			Sum(gle.credit).as_("credit"),
		)
		.where(gle.company == filters.company)
		.where(gle.party_type == filters.party_type)
		.where(gle.party == filters.party)
		.where(gle.is_cancelled == 0)
		.where(gle.posting_date <= filters.to_date)
		.groupby(opening, gle.voucher_type, gle.voucher_no)
		.orderby(Min(gle.posting_date))
		.orderby(Min(gle.creation))
	)
	if filters.get("contract"):
		query = query.where(contract == filters.contract)
	if needs_contract(filters, skip=CONTRACT_SKIP):
		query = query.where(contract.isin(visible_contracts(filters, skip=CONTRACT_SKIP)))
	entries = query.run(as_dict=True)
	for entry in entries:
		entry.opening = bool(entry.opening)
		entry.description = describe(entry)
	return [entry for entry in entries if flt(entry.debit) or flt(entry.credit)]


def describe(entry) -> str:
	if entry.voucher_type in AGAINST_CONTRACT and entry.is_return:
		return _("Credit note {0}").format(entry.voucher_no)
	if entry.voucher_type == "Sales Invoice":
		return _("Sale, invoice {0}").format(entry.voucher_no)
	if entry.voucher_type == "Purchase Invoice":
		return _("Purchase, invoice {0}").format(entry.voucher_no)
	if entry.voucher_type == "Payment Entry":
		return _("Payment {0}").format(entry.voucher_no)
	if entry.voucher_type == "Journal Entry":
		return _("Journal entry {0}").format(entry.voucher_no)
	return f"{_(entry.voucher_type)} {entry.voucher_no}"


def columns(act):
	return [
		column(_("Date"), "posting_date", "Date"),
		column(_("Document"), "description", width=260),
		column(_("Voucher Type", context="Reconciliation Act"), "voucher_type", width=130),
		column(_("Voucher"), "voucher_no", "Dynamic Link", 170, options="voucher_type"),
		money_column(_("Our Debit"), "our_debit", 130),
		money_column(_("Our Credit"), "our_credit", 130),
		money_column(_("Counterparty's Debit"), "their_debit", 130),
		money_column(_("Counterparty's Credit"), "their_credit", 130),
		column(_("Currency"), "currency", hidden=1),
	]


def _sides(debit, credit):
	"""Our debit is the counterparty's credit, and the other way round."""
	return {"our_debit": debit, "our_credit": credit, "their_debit": credit, "their_credit": debit}


def _balance(label, date, balance, currency):
	return {
		"posting_date": date,
		"description": label,
		"currency": currency,
		"bold": 1,
		**_sides(max(balance, 0), max(-balance, 0)),
	}


def rows(act):
	data = [_balance(_("Opening balance"), act.filters.from_date, act.opening, act.currency)]
	for entry in act.entries:
		data.append(
			{
				"posting_date": entry.posting_date,
				"description": entry.description,
				"voucher_type": entry.voucher_type,
				"voucher_no": entry.voucher_no,
				"currency": act.currency,
				**_sides(flt(entry.debit), flt(entry.credit)),
			}
		)
	data.append(
		{
			"description": _("Turnover for the period"),
			"currency": act.currency,
			"bold": 1,
			**_sides(act.debit, act.credit),
		}
	)
	data.append(_balance(_("Closing balance"), act.filters.to_date, act.closing, act.currency))
	return data


def in_favour_of(act, party: str | None = None, date_format: str | None = None) -> str:
	"""The act's conclusion: who owes whom at the end of the period."""
	on_date = formatdate(act.filters.to_date, date_format)
	if not act.closing:
		return _("As of {0} there is no debt between the parties.").format(on_date)
	creditor = act.filters.company if act.closing > 0 else party or act.filters.party
	return _("As of {0} the debt in favour of {1} is {2}.").format(
		on_date, creditor, fmt_money(abs(act.closing), currency=act.currency)
	)


def message(act):
	return frappe.bold(in_favour_of(act))


# ---------------------------------------------------------------- the printed act


@frappe.whitelist()
def get_print_html(filters: str | dict | None = None) -> str:
	"""The act as the two-sided document the parties sign, in the print language (the user's)."""
	check_report_permission()
	return render(print_filters(filters))


@frappe.whitelist()
def download_pdf(filters: str | dict | None = None):
	from frappe.utils.pdf import get_pdf

	check_report_permission()
	filters = print_filters(filters)
	frappe.local.response.filename = _("Reconciliation Act") + ".pdf"
	frappe.local.response.filecontent = get_pdf(render(filters))
	frappe.local.response.type = "pdf"


def print_filters(filters) -> frappe._dict:
	return frappe._dict(arguments.json_value(filters, "filters", kinds=(dict,)) or {})


def check_report_permission():
	if not frappe.get_doc("Report", "Reconciliation Act").is_permitted():
		frappe.throw(_("You are not allowed to run this report."), frappe.PermissionError)
	frappe.has_permission("Contract", "report", throw=True)


def render(filters) -> str:
	filters = validate_filters(filters)
	check_party_permission(filters)
	act = act_of(filters)
	company, party = act.filters.company, act.filters.party
	# Russian papers write dates as ДД.ММ.ГГГГ
	date_format = "dd.mm.yyyy" if (frappe.local.lang or "").startswith("ru") else None
	# the name, and the requisites under each side's signature
	party_details = cm_party_details(act.filters.party_type, party)
	party_title = party_details.name
	return frappe.render_template(
		TEMPLATE.read_text(),
		{
			"act": act,
			"company": company,
			"party": party_title or party,
			"contract": act.filters.get("contract_doc"),
			"company_details": cm_party_details("Company", company),
			"party_details": party_details,
			"in_favour_of": in_favour_of(act, party_title or party, date_format),
			"money": lambda value: fmt_money(value, currency=act.currency) if flt(value) else "",
			"date": lambda value: formatdate(value, date_format),
		},
	)
