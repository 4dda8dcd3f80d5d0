from contract_management.compat import LINK_VALIDATION

app_name = "contract_management"
app_title = "Contract Management"
app_publisher = "contract_management developers"
app_description = (
	"Contract management for ERPNext: registry, approval, supplementary agreements, claims, reminders"
)
app_email = "dev@contract-management.local"
app_license = "mit"

# The "org/repo" form: Frappe v15 resolves a bare app name through GitHub's API at install time.
required_apps = ["frappe/erpnext"]

after_install = "contract_management.install.after_install"
before_uninstall = "contract_management.install.before_uninstall"
after_migrate = "contract_management.install.after_migrate"

doctype_js = {
	"Contract": "public/js/contract.js",
	"Customer": "public/js/party_claims.js",
	"Supplier": "public/js/party_claims.js",
}
doctype_list_js = {"Contract": "public/js/contract_list.js"}
# The app's Select values shown read-only and in lists, in the words of its options' context
# (setup/option_wording.py).
app_include_js = [
	"/assets/contract_management/js/select_wording.js",
	"/assets/contract_management/js/charts.js",
	"/assets/contract_management/js/breadcrumbs.js",
]

# The statuses and bases the report filters offer, from their one definition (common/statuses.py), and
# the documents the contract card makes, with their party fields (contracts/documents.py).
boot_session = [
	"contract_management.common.statuses.boot_session",
	"contract_management.contracts.documents.boot_session",
]

_TRANSACTION_EVENTS = {"validate": "contract_management.overrides.transaction.validate"}
# The documents primary documents accompany: their submit makes the papers a contract expects, their
# cancel cancels them, their deletion deletes those that record nothing (fulfilment/expected.py).
_FULFILMENT_EVENTS = {
	**_TRANSACTION_EVENTS,
	"on_submit": "contract_management.overrides.transaction.on_submit",
	"on_cancel": "contract_management.overrides.transaction.on_cancel",
	"on_trash": "contract_management.overrides.transaction.on_trash",
}

# A payment fulfils a contract's payment obligations (fulfilment/obligations.py).
_PAYMENT_EVENTS = {
	**_TRANSACTION_EVENTS,
	"on_submit": "contract_management.overrides.transaction.refresh_fulfilment",
	"on_cancel": "contract_management.overrides.transaction.refresh_fulfilment",
}

doc_events = {
	"Contract": {
		"before_insert": "contract_management.overrides.contract.before_insert",
		"autoname": "contract_management.overrides.contract.autoname",
		"before_validate": "contract_management.overrides.contract.before_validate",
		"validate": "contract_management.overrides.contract.validate",
		"before_submit": "contract_management.overrides.contract.before_submit",
		"before_update_after_submit": "contract_management.overrides.contract.before_update_after_submit",
		"on_update": "contract_management.overrides.contract.on_update",
		"on_update_after_submit": "contract_management.overrides.contract.on_update",
		"on_cancel": "contract_management.overrides.contract.on_cancel",
		"on_discard": "contract_management.overrides.contract.on_discard",
		"onload": "contract_management.overrides.contract.onload",
	},
	"Quotation": _TRANSACTION_EVENTS,
	"Sales Order": _TRANSACTION_EVENTS,
	"Delivery Note": _FULFILMENT_EVENTS,
	# The acts of acceptance refuse an invoice without a contract before the print is rendered.
	"Sales Invoice": {
		**_FULFILMENT_EVENTS,
		"before_print": "contract_management.overrides.sales_invoice.before_print",
	},
	"Purchase Order": _TRANSACTION_EVENTS,
	"Purchase Receipt": _FULFILMENT_EVENTS,
	"Purchase Invoice": _FULFILMENT_EVENTS,
	"Payment Entry": _PAYMENT_EVENTS,
	"Global Search Settings": {"validate": "contract_management.access.endpoints.keep_out_of_global_search"},
	# Russian requisites (ИНН, КПП, ОГРН, bank): check digits on save
	"Company": {"validate": "contract_management.overrides.party.validate"},
	"Customer": {"validate": "contract_management.overrides.party.validate"},
	"Supplier": {"validate": "contract_management.overrides.party.validate"},
}

# Row-level visibility: sales and purchase contract users see their direction (or their own contracts).
permission_query_conditions = {
	"Contract": "contract_management.access.rule.contract_query",
	"Contract Amendment": "contract_management.access.rule.amendment_query",
	"Contract Claim": "contract_management.access.rule.claim_query",
	"Contract Primary Document": "contract_management.access.rule.primary_document_query",
	# Their tables' rows, listed on their own, follow the parent's rule (access/rule.py CHILD_DOCTYPES).
	"Contract Approval Visa": "contract_management.access.rule.child_query",
	"Contract Disagreement": "contract_management.access.rule.child_query",
	"Contract Obligation": "contract_management.access.rule.child_query",
	"Contract Fulfilment Checklist": "contract_management.access.rule.child_query",
	"Contract Amendment Change": "contract_management.access.rule.child_query",
	"Contract Claim Document": "contract_management.access.rule.child_query",
	"Contract Claim Penalty": "contract_management.access.rule.child_query",
	# Private attachments of what the user may not see are listed as the File form opens them.
	"File": "contract_management.access.rule.file_query",
}
# The document check evaluates the very condition the lists use (one rule).
has_permission = {
	"Contract": "contract_management.access.rule.has_row_permission",
	"Contract Amendment": "contract_management.access.rule.has_row_permission",
	"Contract Claim": "contract_management.access.rule.has_row_permission",
	"Contract Primary Document": "contract_management.access.rule.has_row_permission",
}
# The language a request names (the print view's, for its preview and PDF) wins over the user's on v15 as
# on v16, for the app's own print formats (contract_management/compat.py).
before_request = ["contract_management.compat.honour_requested_language"]

# One child row through the REST API: Frappe checks only the parent doctype's rights (access/children.py).
auth_hooks = [
	"contract_management.access.children.guard_child_rows",
	# The REST list of the app's settings: refused before v16 answers it with a server error.
	"contract_management.access.children.guard_single_lists",
]

# Frappe's endpoints that read past the rule or past permission on v15: counts with no permission at all,
# sidebar assignment counts, link search asked to ignore user permissions, and link validation telling
# whether a document exists. Each also checks its arguments before any query. On v16, which checks
# permissions in these itself, they only check the arguments and hand over to Frappe's own; v16 validates
# links with frappe.client.validate_link_and_fetch instead (contract_management/compat.py).
override_whitelisted_methods = {
	"frappe.client.get_count": "contract_management.access.endpoints.get_count",
	"frappe.desk.listview.get_group_by_count": "contract_management.access.endpoints.get_group_by_count",
	"frappe.desk.search.search_link": "contract_management.access.endpoints.search_link",
	"frappe.desk.search.search_widget": "contract_management.access.endpoints.search_widget",
}
override_whitelisted_methods[LINK_VALIDATION.method] = LINK_VALIDATION.override

override_doctype_dashboards = {
	"Contract": "contract_management.overrides.dashboards.contract",
	"Customer": "contract_management.overrides.dashboards.customer",
	"Supplier": "contract_management.overrides.dashboards.supplier",
}

scheduler_events = {
	# A quarter past midnight; the app's move also sets ERPNext's contract status, whose own daily job is
	# stopped (setup/scheduled_jobs.py). Cron events run on the default queue (300 seconds), so this only
	# puts the lifecycle work on the long queue.
	"cron": {"15 0 * * *": ["contract_management.jobs.enqueue_daily"]},
	"daily_long": ["contract_management.reminders.engine.run_daily"],
	# A site grown to the size named in the settings gets its heavy reports in the background.
	"daily": ["contract_management.reporting.background_reports.mark_when_large"],
}

# Frappe's daily log clean-up (Log Settings) keeps the reminder log bounded; the days it keeps are set in
# Contract Management Settings (reminders/log.py), this is Log Settings' own default.
# The plans of the daily work shared by workers (Contract Daily Chunk) are kept a month.
default_log_clearing_doctypes = {"Contract Reminder Log": 365, "Contract Daily Chunk": 30}

jinja = {
	"methods": [
		"contract_management.contracts.printing.cm_contract_terms",
		"contract_management.contracts.printing.cm_amount_in_words",
		"contract_management.contracts.printing.cm_party_details",
		"contract_management.contracts.printing.cm_party_roles",
		"contract_management.contracts.printing.cm_contract_sides",
		"contract_management.contracts.printing.cm_authority_phrase",
		"contract_management.contracts.printing.cm_amendment_clauses",
		"contract_management.contracts.printing.cm_requisite_lines",
		"contract_management.contracts.printing.cm_party_designation",
		"contract_management.contracts.printing.cm_percent",
		"contract_management.contracts.printing.cm_act_contract",
	]
}
