"""Custom fields the app adds to ERPNext doctypes, defined in code.

Every fieldname starts with `cm_` so it never clashes with ERPNext's or another app's fields.
`after_install` creates them, a patch re-applies them on migrate, `before_uninstall` deletes them.
"""

DIRECTIONS = ("Sales", "Purchase", "Other")
CONTRACT_STATUSES = (
	"Draft",
	"On Approval",
	"Approved",
	"Rejected",
	"Not Started",
	"Active",
	"Expired",
	"Terminated",
	"Fulfilled",
	"Cancelled",
)
VAT_MODES = ("Included", "On Top", "Without VAT")
AUTHORITY_BASES = ("Charter", "Power of Attorney", "Other")

# ERPNext documents that can be made under a contract, and the field naming their party.
SELLING_DOCTYPES = ("Quotation", "Sales Order", "Delivery Note", "Sales Invoice")
BUYING_DOCTYPES = ("Purchase Order", "Purchase Receipt", "Purchase Invoice")
LINKED_DOCTYPES = (*SELLING_DOCTYPES, *BUYING_DOCTYPES, "Payment Entry")


def get_custom_fields() -> dict[str, list[dict]]:
	fields = {"Contract": _contract_fields(), "Department": _department_fields()}
	for doctype in LINKED_DOCTYPES:
		fields[doctype] = [_contract_link_field(doctype)]
	for doctype in REQUISITE_DOCTYPES:
		fields[doctype] = _requisite_fields(doctype)
	return fields


def _contract_link_field(doctype: str) -> dict:
	insert_after = {
		"Quotation": "party_name",
		"Payment Entry": "party_name",
		"Sales Order": "customer_name",
		"Delivery Note": "customer_name",
		"Sales Invoice": "customer_name",
		"Purchase Order": "supplier_name",
		"Purchase Receipt": "supplier_name",
		"Purchase Invoice": "supplier_name",
	}[doctype]
	return {
		"fieldname": "cm_contract",
		"fieldtype": "Link",
		"label": "Contract",
		"options": "Contract",
		"insert_after": insert_after,
		"search_index": 1,
		"in_standard_filter": 1,
		"allow_on_submit": 0,
		"description": "The contract this document is made under. Filled in when the party has exactly one contract in force.",
	}


def _department_fields() -> list[dict]:
	return [
		{
			"fieldname": "cm_head_user",
			"fieldtype": "Link",
			"label": "Head of Department (Contract Reminders)",
			"options": "User",
			"insert_after": "department_name",
			"description": "Hears the contract reminders of the department's contracts.",
		}
	]


def _select(options) -> str:
	return "\n" + "\n".join(options)


def _contract_fields() -> list[dict]:
	return [
		# Status, first thing on the card
		{
			"fieldname": "cm_status",
			"fieldtype": "Select",
			"label": "Contract Status",
			"options": "\n".join(CONTRACT_STATUSES),
			"default": "Draft",
			"insert_after": "party_type",
			"read_only": 1,
			"allow_on_submit": 1,
			"no_copy": 1,
			"in_list_view": 1,
			"in_standard_filter": 1,
			"search_index": 1,
			"bold": 1,
		},
		{
			# Set once the contract is kept through the app (contracts/registry.py, is_managed): made on
			# the card, given the app's terms, or sent for approval. One made by ERPNext's code, another
			# app or an integration is not, and behaves as ERPNext alone makes it behave.
			"fieldname": "cm_managed",
			"fieldtype": "Check",
			"label": "Kept by the Contract Department",
			"insert_after": "cm_status",
			"hidden": 1,
			"read_only": 1,
			"allow_on_submit": 1,
		},
		# Identity
		{
			"fieldname": "cm_registry_section",
			"fieldtype": "Section Break",
			"label": "Contract Registry",
			"insert_after": "fulfilment_status",
		},
		{
			"fieldname": "cm_registry_number",
			"fieldtype": "Data",
			"label": "Registry Number",
			"insert_after": "cm_registry_section",
			"search_index": 1,
			"in_list_view": 1,
			"in_standard_filter": 1,
			"no_copy": 1,
			"description": "The company's own number of the contract. Left empty, it is given by the numbering rule of the company and direction.",
		},
		{
			"fieldname": "cm_counterparty_number",
			"fieldtype": "Data",
			"label": "Counterparty's Number",
			"insert_after": "cm_registry_number",
			"no_copy": 1,
		},
		{
			"fieldname": "cm_contract_date",
			"fieldtype": "Date",
			"label": "Contract Date",
			"insert_after": "cm_counterparty_number",
			"search_index": 1,
			"default": "Today",
		},
		{
			"fieldname": "cm_contract_type",
			"fieldtype": "Link",
			"label": "Contract Type",
			"options": "Contract Type",
			"insert_after": "cm_contract_date",
			"in_standard_filter": 1,
			# The reports filter on it.
			"search_index": 1,
		},
		{
			"fieldname": "cm_registry_column",
			"fieldtype": "Column Break",
			"insert_after": "cm_contract_type",
		},
		{
			"fieldname": "cm_company",
			"fieldtype": "Link",
			"label": "Company",
			"options": "Company",
			"insert_after": "cm_registry_column",
			"search_index": 1,
			"in_standard_filter": 1,
		},
		{
			"fieldname": "cm_direction",
			"fieldtype": "Select",
			"label": "Direction",
			"options": _select(DIRECTIONS),
			"insert_after": "cm_company",
			"search_index": 1,
			"in_standard_filter": 1,
			"in_list_view": 1,
			"description": "Sales contracts are made with customers, purchase contracts with suppliers.",
		},
		{
			"fieldname": "cm_subject",
			"fieldtype": "Small Text",
			"label": "Contract Subject",
			"insert_after": "cm_direction",
		},
		# The party as plain links, so Customer and Supplier can list their contracts.
		{
			"fieldname": "cm_customer",
			"fieldtype": "Link",
			"label": "Customer",
			"options": "Customer",
			"insert_after": "cm_subject",
			"read_only": 1,
			"hidden": 1,
			"search_index": 1,
		},
		{
			"fieldname": "cm_supplier",
			"fieldtype": "Link",
			"label": "Supplier",
			"options": "Supplier",
			"insert_after": "cm_customer",
			"read_only": 1,
			"hidden": 1,
			"search_index": 1,
		},
		# Only the import fills it; the contract's party is found by it and it is left empty.
		{
			"fieldname": "cm_import_party",
			"fieldtype": "Data",
			"label": "Counterparty Name or Tax ID",
			"insert_after": "cm_supplier",
			"hidden": 1,
			"no_copy": 1,
			"description": "For the import: the counterparty's ID, full name or tax ID (ИНН). The import finds the party by it and fills Counterparty.",
		},
		# Money
		# The card in tabs, as ERPNext v15's long forms: Details (Frappe's first tab, ERPNext's party
		# fields and the registry); Amount and Period; People and Paper; Terms; Obligations; Approval;
		# Fulfilment; Connections. Each tab and section is anchored to the field before it, never two
		# fields to one anchor, so the order does not depend on the order the fields were made in.
		{
			"fieldname": "cm_amount_tab",
			"fieldtype": "Tab Break",
			"label": "Amount and Period",
			"insert_after": "cm_import_party",
		},
		{
			"fieldname": "cm_money_section",
			"fieldtype": "Section Break",
			"label": "Amount and Payment",
			"insert_after": "cm_amount_tab",
		},
		{
			"fieldname": "cm_is_framework",
			"fieldtype": "Check",
			"label": "Framework Contract, No Fixed Amount",
			"insert_after": "cm_money_section",
		},
		{
			"fieldname": "cm_currency",
			"fieldtype": "Link",
			"label": "Currency",
			"options": "Currency",
			"insert_after": "cm_is_framework",
		},
		{
			"fieldname": "cm_amount",
			"fieldtype": "Currency",
			"label": "Contract Amount",
			"options": "cm_currency",
			"insert_after": "cm_currency",
			"depends_on": "eval:!doc.cm_is_framework",
			"in_list_view": 1,
		},
		{
			"fieldname": "cm_money_column",
			"fieldtype": "Column Break",
			"insert_after": "cm_amount",
		},
		{
			"fieldname": "cm_vat_mode",
			"fieldtype": "Select",
			"label": "VAT",
			"options": "\n".join(VAT_MODES),
			"default": "Included",
			"insert_after": "cm_money_column",
		},
		{
			"fieldname": "cm_vat_rate",
			"fieldtype": "Percent",
			"label": "VAT Rate",
			"default": "20",
			"insert_after": "cm_vat_mode",
			"depends_on": "eval:doc.cm_vat_mode!='Without VAT'",
		},
		{
			"fieldname": "cm_vat_amount",
			"fieldtype": "Currency",
			"label": "VAT Amount",
			"options": "cm_currency",
			"read_only": 1,
			"insert_after": "cm_vat_rate",
		},
		{
			"fieldname": "cm_amount_with_vat",
			"fieldtype": "Currency",
			"label": "Amount Including VAT",
			"options": "cm_currency",
			"read_only": 1,
			"insert_after": "cm_vat_amount",
			"description": "The ceiling for invoicing under the contract.",
		},
		{
			"fieldname": "cm_payment_terms_template",
			"fieldtype": "Link",
			"label": "Payment Terms",
			"options": "Payment Terms Template",
			"insert_after": "cm_amount_with_vat",
		},
		# Validity, next to ERPNext's start and end dates
		{
			"fieldname": "cm_validity_column",
			"fieldtype": "Column Break",
			"insert_after": "end_date",
		},
		{
			"fieldname": "cm_auto_prolongation",
			"fieldtype": "Check",
			"label": "Auto-Prolongation",
			"insert_after": "cm_validity_column",
			"description": "The contract renews for the renewal term unless a party refuses by the notice deadline.",
		},
		{
			"fieldname": "cm_renewal_term_months",
			"fieldtype": "Int",
			"label": "Renewal Term (Months)",
			"insert_after": "cm_auto_prolongation",
			"depends_on": "cm_auto_prolongation",
			"non_negative": 1,
			"description": "Empty: the contract renews for its own term.",
		},
		{
			"fieldname": "cm_notice_period_days",
			"fieldtype": "Int",
			"label": "Notice Period (Days)",
			"insert_after": "cm_renewal_term_months",
			"depends_on": "cm_auto_prolongation",
			"non_negative": 1,
		},
		{
			"fieldname": "cm_notice_deadline",
			"fieldtype": "Date",
			"label": "Notice Deadline",
			"insert_after": "cm_notice_period_days",
			"read_only": 1,
			"search_index": 1,
			"depends_on": "cm_auto_prolongation",
			"description": "The last day on which either party may refuse the prolongation.",
		},
		{
			"fieldname": "cm_prolongation_refused",
			"fieldtype": "Check",
			"label": "Prolongation Refused",
			"insert_after": "cm_notice_deadline",
			"depends_on": "cm_auto_prolongation",
			"allow_on_submit": 1,
			"no_copy": 1,
			"description": "A party refused the prolongation by the notice deadline: the contract ends on its end date.",
		},
		{
			"fieldname": "cm_prolongation_refused_by",
			"fieldtype": "Select",
			"label": "Refused By",
			"options": "\nWe\nCounterparty",
			"insert_after": "cm_prolongation_refused",
			"depends_on": "cm_prolongation_refused",
			"allow_on_submit": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "cm_prolongation_refused_on",
			"fieldtype": "Date",
			"label": "Refused On",
			"insert_after": "cm_prolongation_refused_by",
			"depends_on": "cm_prolongation_refused",
			"allow_on_submit": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "cm_prolongation_refusal_recorded_by",
			"fieldtype": "Link",
			"label": "Refusal Recorded By",
			"options": "User",
			"insert_after": "cm_prolongation_refused_on",
			"depends_on": "cm_prolongation_refused",
			"read_only": 1,
			"allow_on_submit": 1,
			"no_copy": 1,
		},
		{
			# Data, not Link: it names a cancelled agreement, which a Link field refuses to keep.
			"fieldname": "cm_prolongation_refusal_agreement",
			"fieldtype": "Data",
			"label": "Refused by Cancelling",
			"insert_after": "cm_prolongation_refusal_recorded_by",
			"depends_on": "cm_prolongation_refusal_agreement",
			"read_only": 1,
			"allow_on_submit": 1,
			"no_copy": 1,
			"description": "The system's prolongation agreement whose cancelling recorded this refusal.",
		},
		{
			"fieldname": "cm_validity_column_2",
			"fieldtype": "Column Break",
			"insert_after": "cm_prolongation_refusal_agreement",
		},
		{
			"fieldname": "cm_remind_days_before_end",
			"fieldtype": "Int",
			"label": "Remind Days Before End",
			"insert_after": "cm_validity_column_2",
			"non_negative": 1,
			# The Contract End reminder reads the few contracts with their own days through it.
			"search_index": 1,
			"description": "Empty: the days set in Contract Management Settings.",
		},
		{
			"fieldname": "cm_claim_period_days",
			"fieldtype": "Int",
			"label": "Claim Period (Days)",
			"insert_after": "cm_remind_days_before_end",
			"non_negative": 1,
			"description": "Days the other party has to answer a claim under this contract.",
		},
		{
			"fieldname": "cm_penalty_rate_per_day",
			"fieldtype": "Float",
			"label": "Penalty, % per Day of Delay",
			"precision": "4",
			"insert_after": "cm_claim_period_days",
			"non_negative": 1,
			"description": "The contractual penalty for a late payment: a percentage of the overdue amount per day, e.g. 0.1.",
		},
		{
			"fieldname": "cm_penalty_key_rate_share",
			"fieldtype": "Int",
			"label": "Penalty, 1/N of the Key Rate per Day",
			"insert_after": "cm_penalty_rate_per_day",
			"non_negative": 1,
			"description": "Where the contract sets the penalty as a share of the Bank of Russia key rate per day of delay: N, e.g. 300 for 1/300. 0: not used.",
		},
		{
			"fieldname": "cm_penalty_cap_basis",
			"fieldtype": "Select",
			"label": "Penalty Capped At a Share Of",
			"options": "\nOverdue Amount\nContract Price",
			"insert_after": "cm_penalty_key_rate_share",
			"depends_on": "eval:doc.cm_penalty_rate_per_day || doc.cm_penalty_key_rate_share",
		},
		{
			"fieldname": "cm_penalty_cap_percent",
			"fieldtype": "Float",
			"label": "Penalty Cap, %",
			"precision": "2",
			"insert_after": "cm_penalty_cap_basis",
			"depends_on": "cm_penalty_cap_basis",
			"non_negative": 1,
		},
		{
			"fieldname": "cm_terminated_on",
			"fieldtype": "Date",
			"label": "Terminated On",
			"insert_after": "cm_penalty_cap_percent",
			"read_only": 1,
			"allow_on_submit": 1,
			"no_copy": 1,
			"depends_on": "cm_terminated_on",
		},
		{
			"fieldname": "cm_termination_reason",
			"fieldtype": "Small Text",
			"label": "Termination Reason",
			"insert_after": "cm_terminated_on",
			"read_only": 1,
			"allow_on_submit": 1,
			"no_copy": 1,
			"depends_on": "cm_terminated_on",
		},
		{
			"fieldname": "cm_fulfilled_on",
			"fieldtype": "Date",
			"label": "Fulfilled On",
			"insert_after": "cm_termination_reason",
			"read_only": 1,
			"allow_on_submit": 1,
			"no_copy": 1,
			"depends_on": "cm_fulfilled_on",
		},
		# People
		{
			"fieldname": "cm_history_section",
			"fieldtype": "Section Break",
			"label": "History of Effective Terms",
			"insert_after": "cm_fulfilled_on",
			"collapsible": 1,
			"collapsible_depends_on": "eval:doc.docstatus === 1",
		},
		{
			"fieldname": "cm_history_html",
			"fieldtype": "HTML",
			"label": "History of Effective Terms",
			"insert_after": "cm_history_section",
		},
		# ERPNext's Signee Details (shown once signed) follow the app's paper section in this tab.
		{
			"fieldname": "cm_people_tab",
			"fieldtype": "Tab Break",
			"label": "People and Paper",
			"insert_after": "cm_history_html",
		},
		{
			"fieldname": "cm_people_section",
			"fieldtype": "Section Break",
			"label": "Responsible and Signatories",
			"insert_after": "cm_people_tab",
		},
		{
			"fieldname": "cm_responsible",
			"fieldtype": "Link",
			"label": "Responsible",
			"options": "User",
			"insert_after": "cm_people_section",
			"search_index": 1,
			"in_standard_filter": 1,
			"allow_on_submit": 1,
		},
		{
			"fieldname": "cm_department",
			"fieldtype": "Link",
			"label": "Department",
			"options": "Department",
			"insert_after": "cm_responsible",
			"allow_on_submit": 1,
			# The reports filter on it.
			"search_index": 1,
		},
		{
			"fieldname": "cm_our_signatory",
			"fieldtype": "Data",
			"label": "Our Signatory",
			"insert_after": "cm_department",
		},
		{
			"fieldname": "cm_our_signatory_position",
			"fieldtype": "Data",
			"label": "Our Signatory's Position",
			"insert_after": "cm_our_signatory",
		},
		{
			"fieldname": "cm_our_authority",
			"fieldtype": "Select",
			"label": "Our Signatory Acts Under",
			"options": _select(AUTHORITY_BASES),
			"insert_after": "cm_our_signatory_position",
		},
		{
			"fieldname": "cm_our_poa_number",
			"fieldtype": "Data",
			"label": "Our Power of Attorney No.",
			"insert_after": "cm_our_authority",
			"depends_on": "eval:doc.cm_our_authority=='Power of Attorney'",
		},
		{
			"fieldname": "cm_our_poa_date",
			"fieldtype": "Date",
			"label": "Our Power of Attorney Date",
			"insert_after": "cm_our_poa_number",
			"depends_on": "eval:doc.cm_our_authority=='Power of Attorney'",
		},
		{
			"fieldname": "cm_people_column",
			"fieldtype": "Column Break",
			"insert_after": "cm_our_poa_date",
		},
		{
			"fieldname": "cm_their_signatory",
			"fieldtype": "Data",
			"label": "Counterparty's Signatory",
			"insert_after": "cm_people_column",
		},
		{
			"fieldname": "cm_their_signatory_position",
			"fieldtype": "Data",
			"label": "Counterparty's Signatory's Position",
			"insert_after": "cm_their_signatory",
		},
		{
			"fieldname": "cm_their_authority",
			"fieldtype": "Select",
			"label": "Counterparty's Signatory Acts Under",
			"options": _select(AUTHORITY_BASES),
			"insert_after": "cm_their_signatory_position",
		},
		{
			"fieldname": "cm_their_poa_number",
			"fieldtype": "Data",
			"label": "Counterparty's Power of Attorney No.",
			"insert_after": "cm_their_authority",
			"depends_on": "eval:doc.cm_their_authority=='Power of Attorney'",
		},
		{
			"fieldname": "cm_their_poa_date",
			"fieldtype": "Date",
			"label": "Counterparty's Power of Attorney Date",
			"insert_after": "cm_their_poa_number",
			"depends_on": "eval:doc.cm_their_authority=='Power of Attorney'",
		},
		# Paper
		{
			"fieldname": "cm_paper_section",
			"fieldtype": "Section Break",
			"label": "Signed Copy",
			"insert_after": "cm_their_poa_date",
		},
		{
			"fieldname": "cm_signed_scan",
			"fieldtype": "Attach",
			"label": "Signed Scan",
			"insert_after": "cm_paper_section",
			"allow_on_submit": 1,
		},
		{
			"fieldname": "cm_paper_column",
			"fieldtype": "Column Break",
			"insert_after": "cm_signed_scan",
		},
		{
			"fieldname": "cm_original_received",
			"fieldtype": "Check",
			"label": "Original Paper Copy Received",
			"insert_after": "cm_paper_column",
			"allow_on_submit": 1,
			"in_standard_filter": 1,
		},
		{
			"fieldname": "cm_original_received_on",
			"fieldtype": "Date",
			"label": "Original Received On",
			"insert_after": "cm_original_received",
			"allow_on_submit": 1,
			"depends_on": "cm_original_received",
		},
		# Terms: ERPNext's Contract Details (template and terms, after its Signee Details) and the
		# protocol of disagreements about them.
		{
			"fieldname": "cm_terms_tab",
			"fieldtype": "Tab Break",
			"label": "Terms",
			"insert_after": "ip_address",
		},
		# Approval, after ERPNext's last field (its Fulfilment Details, Authorised By and References
		# stay in the Obligations tab before it: they cannot be moved without fixing ERPNext's order)
		{
			"fieldname": "cm_approval_tab",
			"fieldtype": "Tab Break",
			"label": "Approval",
			"insert_after": "amended_from",
		},
		{
			"fieldname": "cm_approval_section",
			"fieldtype": "Section Break",
			"label": "Approval Sheet",
			"insert_after": "cm_approval_tab",
			"collapsible": 0,
		},
		{
			"fieldname": "cm_approval_route",
			"fieldtype": "Link",
			"label": "Approval Route",
			"options": "Contract Approval Route",
			"read_only": 1,
			"no_copy": 1,
			"insert_after": "cm_approval_section",
		},
		{
			"fieldname": "cm_approval_round",
			"fieldtype": "Int",
			"label": "Approval Round",
			"read_only": 1,
			"no_copy": 1,
			"hidden": 1,
			"insert_after": "cm_approval_route",
		},
		{
			"fieldname": "cm_sent_for_approval_on",
			"fieldtype": "Date",
			"label": "Sent for Approval On",
			"read_only": 1,
			"no_copy": 1,
			"search_index": 1,
			"insert_after": "cm_approval_round",
		},
		{
			"fieldname": "cm_visas",
			"fieldtype": "Table",
			"label": "Visas",
			"options": "Contract Approval Visa",
			"read_only": 1,
			"no_copy": 1,
			"allow_on_submit": 1,
			"insert_after": "cm_sent_for_approval_on",
		},
		# Negotiation and performance
		{
			"fieldname": "cm_disagreements_section",
			"fieldtype": "Section Break",
			"label": "Protocol of Disagreements",
			"insert_after": "contract_terms",
			"collapsible": 0,
		},
		{
			"fieldname": "cm_disagreements",
			"fieldtype": "Table",
			"label": "Disagreements",
			"options": "Contract Disagreement",
			"insert_after": "cm_disagreements_section",
		},
		{
			"fieldname": "cm_obligations_tab",
			"fieldtype": "Tab Break",
			"label": "Obligations",
			"insert_after": "cm_disagreements",
		},
		{
			"fieldname": "cm_obligations_section",
			"fieldtype": "Section Break",
			"label": "Obligations and Stages",
			"insert_after": "cm_obligations_tab",
		},
		{
			"fieldname": "cm_obligations",
			"fieldtype": "Table",
			"label": "Obligations",
			"options": "Contract Obligation",
			"allow_on_submit": 1,
			"insert_after": "cm_obligations_section",
		},
		{
			"fieldname": "cm_fulfilment_tab",
			"fieldtype": "Tab Break",
			"label": "Fulfilment",
			"insert_after": "cm_visas",
		},
		{
			"fieldname": "cm_summary_section",
			"fieldtype": "Section Break",
			"label": "Fulfilment Under ERPNext Documents",
			"insert_after": "cm_fulfilment_tab",
		},
		{
			"fieldname": "cm_summary_html",
			"fieldtype": "HTML",
			"label": "Money Summary",
			"insert_after": "cm_summary_section",
		},
		{
			"fieldname": "cm_connections_tab",
			"fieldtype": "Tab Break",
			# Not Frappe's "Connections", which its catalogue leaves untranslated.
			"label": "Linked Documents",
			"insert_after": "cm_summary_html",
			"show_dashboard": 1,
		},
	]


# ---------------------------------------------------------------- Russian requisites

# Company, Customer and Supplier carry the Russian requisites; ИНН is ERPNext's own `tax_id`.
# parties/requisites.py checks them on save and the prints show them.
REQUISITE_DOCTYPES = ("Company", "Customer", "Supplier")


def _requisite_fields(doctype: str) -> list[dict]:
	# Shown, and checked, for a Russian company or party only. Company and Supplier say their country
	# in ERPNext's own `country` field. Customer has no country in ERPNext (its territory is a sales
	# region, its tax category and currency say nothing of where it is registered, and its addresses
	# may be many), so it gains a Country field of its own, next to its tax id.
	country_field = "cm_country" if doctype == "Customer" else "country"
	russian = f"eval:doc.{country_field}=='Russian Federation'"
	# The bank's section: after the company's details, after the party's tax section.
	after_tax = "parent_company" if doctype == "Company" else "tax_withholding_category"
	fields = []
	if doctype == "Customer":
		fields.append(
			{
				"fieldname": "cm_country",
				"fieldtype": "Link",
				"label": "Country",
				"options": "Country",
				"insert_after": "taxation_section",
				"description": "Where the customer is registered. For the Russian Federation the requisites (INN, KPP, OGRN, bank) are shown and checked.",
			}
		)
	fields += [
		{
			"fieldname": "cm_kpp",
			"fieldtype": "Data",
			"label": "KPP",
			"insert_after": "tax_id",
			"length": 9,
			"depends_on": russian,
			"description": "9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits.",
		},
		{
			"fieldname": "cm_ogrn",
			"fieldtype": "Data",
			"label": "OGRN / OGRNIP",
			"insert_after": "cm_kpp",
			"length": 15,
			"depends_on": russian,
			"description": "13 digits (OGRN) for an organisation, 15 digits (OGRNIP) for an individual entrepreneur.",
		},
		{
			"fieldname": "cm_bank_section",
			"fieldtype": "Section Break",
			"label": "Bank Details",
			"insert_after": after_tax,
			"depends_on": russian,
		},
		{
			"fieldname": "cm_bank_name",
			"fieldtype": "Data",
			"label": "Bank Name",
			"insert_after": "cm_bank_section",
		},
		{
			"fieldname": "cm_bik",
			"fieldtype": "Data",
			"label": "BIK",
			"insert_after": "cm_bank_name",
			"length": 9,
		},
		{
			"fieldname": "cm_bank_column",
			"fieldtype": "Column Break",
			"insert_after": "cm_bik",
		},
		{
			"fieldname": "cm_correspondent_account",
			"fieldtype": "Data",
			"label": "Correspondent Account",
			"insert_after": "cm_bank_column",
			"length": 20,
		},
		{
			"fieldname": "cm_settlement_account",
			"fieldtype": "Data",
			"label": "Settlement Account",
			"insert_after": "cm_correspondent_account",
			"length": 20,
		},
	]
	return fields
