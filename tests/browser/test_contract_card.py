"""The signed contract card in tabs, as ERPNext v15's long forms: each tab shown filled."""

import frappe
from frappe.utils import add_days, getdate
from playwright.sync_api import expect

from tests.browser import records as b

# Each tab of the card, by its English label, and a field that shows it filled.
TABS = (
	("Details", "cm_registry_number"),
	("Amount and Period", "cm_amount_with_vat"),
	("People and Paper", "cm_our_signatory"),
	("Terms", "cm_disagreements"),
	("Obligations", "cm_obligations"),
	("Approval", "cm_visas"),
	("Fulfilment", "cm_summary_html"),
	("Linked Documents", None),
)


def filled_contract() -> str:
	"""A signed contract with something in every tab: registry, money and validity, people and paper,
	terms and a protocol of disagreements, obligations, visas, a signed agreement and an invoice."""
	today = getdate()
	name = b.signed_contract(
		start_date=add_days(today, -60),
		cm_counterparty_number="77/П-2026",
		cm_subject="Supply of pumps under specifications",
		cm_responsible="cm.manager@example.com",
		cm_our_signatory="Ivanov I. I.",
		cm_our_signatory_position="Director General",
		cm_our_authority="Charter",
		cm_their_signatory="Petrov P. P.",
		cm_their_signatory_position="Director",
		cm_their_authority="Power of Attorney",
		cm_their_poa_number="12",
		cm_their_poa_date=add_days(today, -90),
		cm_original_received=1,
		cm_original_received_on=add_days(today, -20),
		cm_penalty_rate_per_day=0.1,
		contract_terms="<p>The Supplier delivers pumps by the Buyer's specifications.</p>",
		cm_disagreements=[
			{
				"clause": "5.2",
				"our_wording": "Penalty 0.1% per day",
				"their_wording": "Penalty 0.01% per day",
				"agreed_wording": "Penalty 0.05% per day",
				"status": "Agreed",
			}
		],
		cm_obligations=[
			{
				"obligor": "We",
				"kind": "Delivery",
				"description": "Deliver the first batch of pumps",
				"due_date": add_days(today, 30),
				"amount": 60000,
			},
			{
				"obligor": "Counterparty",
				"kind": "Payment",
				"description": "Pay for the first batch",
				"due_date": add_days(today, 45),
				"amount": 60000,
			},
		],
	)
	_signed_agreement(name, new_amount=150000)
	b.overdue_invoice(name, b.working_day_before(10), 50000)
	return name


def _signed_agreement(contract: str, **changes):
	from contract_management.api import give_visa, send_for_approval
	from tests.amendments import make_amendment

	frappe.set_user("Administrator")
	agreement = make_amendment(contract, kind="Change of Amount", reason="More pumps", **changes)
	send_for_approval(agreement.name, doctype="Contract Amendment")
	frappe.set_user(b.LEGAL_COUNSEL)
	try:
		give_visa(agreement.name, "Approved", doctype="Contract Amendment")
	finally:
		frappe.set_user("Administrator")
	frappe.get_doc("Contract Amendment", agreement.name).submit()
	frappe.db.commit()


def test_the_signed_card_is_in_tabs_each_filled(desk_as):
	name = filled_contract()
	desk = desk_as(b.INVOICING_MANAGER)
	page = desk.page
	desk.open_form("Contract", name)
	tabs = page.locator(".form-tabs .nav-link")
	expect(tabs).to_have_count(len(TABS))
	for index, (label, fieldname) in enumerate(TABS):
		tab = tabs.nth(index)
		expect(tab).to_have_text(desk.__(label, "Contract") if label != "Details" else desk.__(label))
		tab.click()
		pane = page.locator(".form-layout .tab-pane.active, .form-layout .form-page.active").first
		if fieldname:
			field = desk.field(fieldname)
			expect(field).to_be_visible()
			if fieldname in ("cm_disagreements", "cm_obligations", "cm_visas"):
				expect(field.locator(".grid-body .grid-row").first).to_be_visible()
			else:
				expect(field).not_to_have_text("")
		else:
			expect(page.locator(".form-links:visible").first).to_be_visible()
		expect(pane).to_be_visible()
		desk.shot(f"card-tab-{index + 1}-{label}")
	# The money summary near the end, the history of effective terms beside the period.
	desk.show_tab_of("cm_history_html")
	expect(desk.field("cm_history_html").locator("tbody tr")).to_have_count(1)
	# The primary documents below the money: the act the invoice expects, awaited since the invoice.
	desk.show_tab_of("cm_summary_html")
	summary = desk.field("cm_summary_html")
	expect(summary).to_contain_text(desk.__("Primary Documents Awaited"))
	expect(summary.locator('a[href*="contract-primary-document/"]')).to_have_count(1)
	expect(summary.locator('a[href*="query-report/"]')).to_have_count(1)
