"""What the contract's print formats need beyond the document: the parties' details, the contract
terms rendered from their Jinja, amounts in words in the print language, and the contract an act of
acceptance printed from an invoice is under (read only by who may read it)."""

import frappe
from frappe import _
from frappe.utils import cstr, flt, fmt_money, money_in_words
from frappe.utils.jinja import render_template

from contract_management.contracts.amendment_terms import typed
from contract_management.parties.requisites import requisite_lines


def cm_contract_terms(doc) -> str:
	"""The contract's terms (from its Contract Template) with the contract's own fields filled in.

	ERPNext renders a template's Jinja once, when the template is picked; terms typed or pasted later
	may still hold placeholders such as {{ doc.cm_amount }}, filled in here at print time. Frappe's
	Jinja environment is sandboxed, so terms cannot reach beyond the document."""
	return _render_terms(doc.contract_terms, doc)


def _render_terms(terms: str | None, contract) -> str:
	terms = terms or ""
	if "{{" not in terms and "{%" not in terms:
		return terms
	return render_template(terms, {"doc": contract})


def readable_contract(name: str):
	"""The contract, when the user may read it (the document's own permission, row-level rule included).
	A missing contract and one the user may not read get the same refusal."""
	if frappe.db.exists("Contract", name):
		contract = frappe.get_doc("Contract", name)
		if frappe.has_permission("Contract", "read", contract):
			return contract
	not_found(_("Contract"), name)


def not_found(label: str, name: str):
	# The refusal is the only message: Frappe v16 prints why a permission check failed (the role has
	# no access to the doctype), which would tell a forbidden document from a missing one.
	frappe.clear_messages()
	frappe.throw(_("{0} {1} not found.").format(label, frappe.bold(name)), frappe.PermissionError)


# The acts of acceptance printed from a Sales Invoice (print formats of the module).
ACT_PRINT_FORMATS = ("Services Acceptance Act", "Works Acceptance Act")


def check_act_print(invoice):
	"""Before a Sales Invoice is printed as an act of acceptance: refuse an invoice without a contract,
	or under one the user may not read, with the refusal alone. The template asks cm_act_contract too,
	but Frappe reports whatever a template raises as an «Error in print format on line …», always as a
	validation error. The print view names the format as `format` (its page and the PDF) or as
	`print_format` (the desk's preview)."""
	print_format = frappe.form_dict.get("format") or frappe.form_dict.get("print_format")
	if print_format in ACT_PRINT_FORMATS:
		cm_act_contract(invoice)


def cm_act_contract(invoice):
	"""The contract an act of acceptance of services or works is drawn up under: the invoice's own
	(`cm_contract`). Printing the invoice needs only the invoice's permission, so the contract's number,
	date and signatories are shown only to a user who may read the contract; for others the print is
	refused as for a missing contract. An invoice without a contract is refused with a message of its
	own, as a print Frappe refuses (a draft where drafts are not printed) is: a permission error, which
	the print view's page and a PDF opened in the browser show as «Not Permitted» with no traceback (any
	other error is a «Server Error» page there)."""
	if not invoice.get("cm_contract"):
		frappe.throw(
			_(
				"Invoice {0} has no contract: an act of acceptance is printed only for an invoice under a "
				"contract. Set the contract on the invoice, or choose another print format."
			).format(frappe.bold(invoice.name)),
			frappe.PermissionError,
			title=_("No Contract"),
		)
	return readable_contract(invoice.cm_contract)


def cm_amount_in_words(amount: float, currency: str) -> str:
	"""«Сто двадцать тысяч рублей, пятьдесят копеек» in Russian, the same in English, by print language."""
	from num2words import num2words

	lang = (frappe.local.lang or "en").split("-")[0]
	try:
		words = num2words(flt(amount, 2), lang=lang, to="currency", currency=currency)
	except (NotImplementedError, KeyError):
		return money_in_words(amount, currency)
	return words[:1].upper() + words[1:]


def cm_party_roles(direction: str | None) -> tuple[str, str]:
	"""How a print names our side and theirs: «Продавец» and «Покупатель» in a sales contract."""
	if direction == "Sales":
		return _("the Seller"), _("the Buyer")
	if direction == "Purchase":
		return _("the Buyer"), _("the Seller")
	return _("Party 1"), _("Party 2")


def cm_contract_sides(contract) -> tuple[dict, dict, str, str]:
	"""The two sides of a contract as its prints name them: our company's details, the counterparty's,
	and the role each plays (cm_party_roles)."""
	our_role, their_role = cm_party_roles(contract.cm_direction)
	return (
		cm_party_details("Company", contract.cm_company),
		cm_party_details(contract.party_type, contract.party_name),
		our_role,
		their_role,
	)


REQUISITE_COLUMNS = [
	"tax_id",
	"cm_kpp as kpp",
	"cm_ogrn as ogrn",
	"cm_bank_name as bank_name",
	"cm_bik as bik",
	"cm_correspondent_account as correspondent_account",
	"cm_settlement_account as settlement_account",
]


def cm_party_details(party_type: str, party: str) -> dict:
	"""Name, address, requisites (ИНН, КПП, ОГРН, bank) of a customer, supplier or company, for a
	print. The bank comes from the requisites, else from the party's default Bank Account."""
	if party_type == "Company":
		record = frappe.db.get_value(
			"Company", party, ["company_name as name", "phone_no", "email", *REQUISITE_COLUMNS], as_dict=True
		)
	else:
		name_field = "customer_name" if party_type == "Customer" else "supplier_name"
		record = frappe.db.get_value(
			party_type, party, [f"{name_field} as name", *REQUISITE_COLUMNS], as_dict=True
		)
	record = record or frappe._dict(name=party)
	record.address = _primary_address(party_type, party)
	record.bank = None
	if not (record.bank_name or record.settlement_account):
		record.bank = _bank_account(party_type, party)
	if record.bank:
		record.bank_name = record.bank.bank
		record.settlement_account = record.bank.bank_account_no or record.bank.iban
		record.bik = record.bik or record.bank.branch_code
	return record


def cm_requisite_lines(details: dict) -> list[tuple[str, str]]:
	"""(label, value) of each requisite of a party that a print lists; a missing one has no line."""
	return requisite_lines(details)


def cm_party_designation(name: str, role: str, authority: str | None = None) -> str:
	"""How a contract's preamble introduces one party: «ООО «Альфа», именуемое в дальнейшем
	«Продавец», в лице ...». Without a signatory the authority is left out with its comma."""
	designation = _("{0}, hereinafter {1}").format(name, role)
	return f"{designation}, {authority}" if authority else designation


def cm_percent(value) -> str:
	"""A percentage's number as people write it: 20, 0.1, 7.5 (never 20.0). The sign and the space
	before it belong to the sentence it goes in (its translation)."""
	value = flt(value, 6)
	decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
	return fmt_money(value, precision=decimals)


def _primary_address(party_type: str, party: str) -> str:
	link = frappe.qb.DocType("Dynamic Link")
	address = frappe.qb.DocType("Address")
	rows = (
		frappe.qb.from_(address)
		.join(link)
		.on(link.parent == address.name)
		.select(address.address_line1, address.address_line2, address.city, address.pincode, address.country)
		.where(link.parenttype == "Address")
		.where(link.link_doctype == party_type)
		.where(link.link_name == party)
		.orderby(address.is_primary_address, order=frappe.qb.desc)
		.limit(1)
	).run(as_dict=True)
	if not rows:
		return ""
	row = rows[0]
	return ", ".join(
		part for part in (row.pincode, row.country, row.city, row.address_line1, row.address_line2) if part
	)


def _bank_account(party_type: str, party: str) -> dict | None:
	filters = (
		{"is_company_account": 1, "company": party}
		if party_type == "Company"
		else {
			"party_type": party_type,
			"party": party,
		}
	)
	account = frappe.get_all(
		"Bank Account",
		filters=filters,
		fields=["bank", "bank_account_no", "branch_code", "iban"],
		order_by="is_default desc",
		limit=1,
	)
	return account[0] if account else None


def cm_authority_phrase(
	position: str | None, signatory: str | None, basis: str | None, poa_no=None, poa_date=None
) -> str:
	"""«в лице Генерального директора Иванова И. И., действующего на основании Устава»."""
	if not signatory:
		return ""
	if basis == "Power of Attorney":
		basis_text = _("power of attorney No. {0} of {1}").format(
			poa_no or "", frappe.format(poa_date, "Date")
		)
	elif basis == "Charter":
		basis_text = _("the Charter")
	else:
		basis_text = _(basis) if basis else ""
	who = " ".join(part for part in (position, signatory) if part)
	if not basis_text:
		return _("represented by {0}").format(who)
	return _("represented by {0}, acting under {1}").format(who, basis_text)


def cm_amendment_clauses(doc) -> list[str]:
	"""The clauses of a supplementary agreement as they read in print, one per change: «1. The
	Contract is prolonged until ...», «2. Clause 9.1 of the Contract is amended to read: ...»."""
	from frappe.utils import escape_html

	contract = frappe.get_doc("Contract", doc.contract)
	currency = contract.cm_currency
	clauses = []
	for row in doc.changes:
		value = typed(row.fieldname, row.new_value) if row.fieldname != "clause" else row.new_value
		if row.fieldname == "end_date":
			text = (
				_("The Contract is prolonged until {0} inclusive.")
				if doc.kind == "Prolongation"
				else _("The term of the Contract is changed: the Contract is in force until {0} inclusive.")
			).format(frappe.format(value, "Date"))
		elif row.fieldname == "cm_amount":
			text = _("The price of the Contract is {0} ({1}).").format(
				frappe.format(value, {"fieldtype": "Currency", "options": currency}),
				cm_amount_in_words(value, currency),
			)
		elif row.fieldname == "contract_terms":
			text = _("The terms of the Contract are amended to read as follows:")
			clauses.append(f"{text}<div>{_render_terms(value, contract)}</div>")
			continue
		elif row.fieldname == "clause":
			text = _("Clause {0} of the Contract is amended to read: «{1}».").format(
				escape_html(row.clause), escape_html(value)
			)
		elif row.fieldname == "cm_terminated_on":
			text = _("The Parties terminate the Contract by agreement as of {0}.").format(
				frappe.format(value, "Date")
			)
		elif row.fieldname == "cm_termination_reason":
			if not value:
				continue
			text = _("Grounds of the termination: {0}.").format(escape_html(value))
		else:
			field = frappe.get_meta("Contract").get_field(row.fieldname)
			shown = frappe.format(value, field) if field else value
			text = _("{0} of the Contract reads: {1}.").format(
				_(field.label) if field else row.fieldname, escape_html(cstr(shown))
			)
		clauses.append(text)
	return clauses
