"""Flows 1 to 3: a contract made from a customer, sent for approval, given its visas, signed, printed
and invoiced, by the roles that do each step, through the desk."""

import frappe
import pytest
from playwright.sync_api import expect

from tests import records as r
from tests.browser import records as b
from tests.test_access import LEGAL, SALES
from tests.test_approval import ACCOUNTS
from tests.test_print import pdf_text, squash


# Under heavy load Frappe's datepicker once dropped a typed end date (1 run in 4 here; the step types it
# again once when it is missing). One rerun keeps that race from failing CI while issue 14 finds its cause.
@pytest.mark.flaky(reruns=1)
def test_1_sales_user_makes_a_contract_from_a_customer_and_sends_it_for_approval(desk_as):
	desk = desk_as(SALES)
	page = desk.page
	desk.open_form("Customer", b.CUSTOMER)
	desk.show_connections().locator('.document-link[data-doctype="Contract"] .btn-new').first.click()
	desk.wait_form("Contract")
	desk.shot("1-new-contract-from-customer")
	doc = desk.doc()
	assert (doc.get("party_type"), doc.get("party_name")) == ("Customer", b.CUSTOMER), doc

	desk.pick("cm_contract_type", b.CONTRACT_TYPE)
	if desk.doc().get("cm_company") != r.RUB_COMPANY:
		desk.pick("cm_company", r.RUB_COMPANY)
	desk.type_into("cm_subject", "Supply of pumps under specifications")
	desk.type_into("cm_amount", "240000")
	desk.date("start_date", "2026-02-01")
	desk.date("end_date", "2026-12-31")
	desk.type_into("cm_our_signatory", "Ivanov I. I.")
	desk.type_into("cm_their_signatory", "Petrov P. P.")
	desk.text_editor("contract_terms", "The Supplier delivers pumps by the Buyer's specifications.")

	row = desk.add_row("cm_obligations")
	desk.choose("obligor", "We", row)
	desk.choose("kind", "Delivery", row)
	desk.type_into("description", "Deliver the first batch of pumps", row)
	desk.date("due_date", "2026-03-01", row)
	desk.type_into("amount", "120000", row)
	desk.close_row()

	row = desk.add_row("cm_disagreements")
	desk.type_into("clause", "5.2", row)
	desk.type_into("our_wording", "Penalty 0.1% per day", row)
	desk.type_into("their_wording", "Penalty 0.01% per day", row)
	desk.choose("status", "Agreed", row)
	desk.type_into("agreed_wording", "Penalty 0.05% per day", row)
	desk.close_row()

	saved = desk.save()
	desk.shot("1-contract-saved")
	assert saved["cm_status"] == "Draft"
	assert saved["cm_amount_with_vat"] == 240000
	assert (saved["start_date"], saved["end_date"]) == ("2026-02-01", "2026-12-31")
	assert [row["description"] for row in saved["cm_obligations"]] == ["Deliver the first batch of pumps"]
	assert [row["clause"] for row in saved["cm_disagreements"]] == ["5.2"]

	desk.button(desk.__("Send for Approval"))
	desk.wait_form("Contract", saved["name"])
	page.wait_for_function("() => cur_frm.doc.cm_status === 'On Approval'")
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(desk.__("On Approval"))
	desk.shot("1-contract-sent-for-approval")
	sent = desk.doc()
	assert [(v["step_title"], v["visa"]) for v in sent["cm_visas"]] == [
		("Legal visa", "Pending"),
		("Accounts visa", "Pending"),
	]
	frappe.db.rollback()
	assert frappe.db.get_value("Contract", saved["name"], "cm_status") == "On Approval"


def give_visa(desk, step_title: str, decision_label: str, remarks: str | None = None):
	"""Clicks the visa of the current step and, for a decision with remarks, writes them."""
	desk.button(desk.__(decision_label), group=desk.page.evaluate("(s) => __('Visa: {0}', [s])", step_title))
	if remarks is not None:
		dialog = desk.dialog()
		dialog.locator('[data-fieldname="remarks"] textarea').fill(remarks)
		desk.shot(f"2-visa-{step_title}-{decision_label}-dialog")
		dialog.locator(".modal-footer .btn-primary").click()
		expect(dialog).to_be_hidden()
	desk.settle()


def open_from_bell(desk, name: str):
	"""Opens the bell's notifications on the desk's home and the contract from the one about it."""
	desk.go("/app")
	desk.open_notifications()
	item = desk.page.locator(".notifications-list .notification-item:visible", has_text=name).first
	expect(item).to_be_visible()
	desk.shot(f"2-{desk.user}-bell")
	item.click()
	desk.wait_form("Contract", name)


def test_2_legal_counsel_and_accounts_manager_give_their_visas(desk_as):
	name = b.contract_on_approval()

	legal = desk_as(LEGAL)  # in Russian
	open_from_bell(legal, name)
	give_visa(legal, "Legal visa", "Approve with Remarks", "Cap the penalty at 10%")
	legal.page.wait_for_function("() => cur_frm.doc.cm_visas[0].visa === 'Approved with Remarks'")
	expect(legal.page.locator(".form-timeline, .new-timeline").first).to_contain_text(
		"Cap the penalty at 10%"
	)
	legal.shot("2-legal-visa-given")

	# The next step's approver finds the contract among their ToDos.
	accounts = desk_as(ACCOUNTS)
	accounts.go("/app/todo?status=Open")
	accounts.page.wait_for_function("() => window.cur_list && cur_list.doctype === 'ToDo'")
	expect(accounts.page.locator(".list-row-container", has_text=name).first).to_be_visible()
	accounts.shot("2-accounts-todo")
	accounts.open_form("Contract", name)
	give_visa(accounts, "Accounts visa", "Approve")
	accounts.page.wait_for_function("() => cur_frm.doc.cm_status === 'Approved'")
	expect(accounts.page.locator(".page-head:visible .indicator-pill").first).to_have_text(
		accounts.__("Approved")
	)
	accounts.shot("2-accounts-visa-approved")
	assert [(v["visa"], v["user"]) for v in accounts.doc()["cm_visas"]] == [
		("Approved with Remarks", LEGAL),
		("Approved", ACCOUNTS),
	]


def test_2_a_rejection_sends_the_contract_back_to_draft_with_the_remarks(desk_as):
	name = b.contract_on_approval()
	legal = desk_as(LEGAL)
	legal.open_form("Contract", name)
	give_visa(legal, "Legal visa", "Reject", "Clause 5.2 exposes us to unlimited liability")
	legal.page.wait_for_function("() => cur_frm.doc.cm_status === 'Rejected'")

	sales = desk_as(SALES)
	sales.open_form("Contract", name)
	page = sales.page
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(sales.__("Rejected"))
	expect(page.locator(".form-timeline, .new-timeline").first).to_contain_text(
		"Clause 5.2 exposes us to unlimited liability"
	)
	assert sales.doc()["docstatus"] == 0
	expect(page.locator(".page-head:visible").get_by_role("button", name="Send for Approval")).to_be_visible()
	sales.shot("2-rejected-contract-back-with-the-author")


def submit(desk):
	"""Submit, confirmed: the document is signed (a contract) or posted (an order, an invoice)."""
	doctype = desk.page.evaluate("() => cur_frm.doctype")
	desk.button(desk.__("Submit"))
	desk.dialog().get_by_role("button", name=desk.__("Yes")).click()
	desk.page.wait_for_function("() => cur_frm.doc.docstatus === 1 && !cur_frm.is_dirty()")
	desk.wait_form(doctype)
	return desk.doc()


def print_to_pdf(desk, doctype: str, name: str, print_format: str) -> tuple[str, str]:
	"""Opens the print view, chooses the print format, clicks PDF and reads the PDF it downloads:
	(its text, the print language the print view shows, in which the PDF is printed)."""
	desk.go(f"/app/print/{doctype}/{name}")
	desk.pick("print_format", print_format, parent=".print-preview-sidebar")
	language = desk.field("language", parent=".print-preview-sidebar").locator("input").first.input_value()
	preview = desk.page.locator(".print-preview-wrapper, .print-format-container").first
	expect(preview).to_be_visible()
	desk.shot(f"3-print-preview-{print_format}")
	context = desk.page.context
	with (
		context.expect_event("request", lambda request: "download_pdf" in request.url) as request,
		context.expect_page() as popup,
	):
		desk.page.locator(".page-head:visible").get_by_role("button", name=desk.__("PDF"), exact=True).click()
	popup.value.close()
	pdf = context.request.get(request.value.url, timeout=120_000)
	assert pdf.ok, pdf.status
	assert pdf.body().startswith(b"%PDF")
	return squash(pdf_text(pdf.body())), language


def fill_first_item(desk, item_code: str):
	"""Types the item into the first row of the items table, in the table itself; its price comes
	from the customer's price list."""
	desk.show_tab_of("items")
	row = desk.field("items").locator('.grid-body .grid-row[data-idx="1"]')
	row.locator('.grid-static-col[data-fieldname="item_code"]').click()
	box = row.locator('.grid-static-col[data-fieldname="item_code"] input')
	box.fill(item_code)
	# The list of items: in the row on v15; v16 moves it up to the table's own wrapper.
	desk.field("items").locator(".awesomplete [role=option]:visible", has_text=item_code).first.click()
	desk.settle()
	desk.page.wait_for_function("() => cur_frm.doc.items[0].item_code && cur_frm.doc.items[0].amount > 0")
	desk.settle()


def test_3_contract_manager_signs_prints_and_invoices(desk_as):
	name = b.approved_contract(cm_our_signatory="Ivanov I. I.", cm_their_signatory="Petrov P. P.")
	desk = desk_as(b.INVOICING_MANAGER)
	page = desk.page
	desk.open_form("Contract", name)
	signed = submit(desk)
	assert signed["cm_status"] == "Active"
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(desk.__("Active"))
	desk.shot("3-contract-signed")
	registry_number = signed["cm_registry_number"]

	# Printed in the print view's language: the print format's default print language (Russian).
	document, language = print_to_pdf(desk, "Contract", name, "Contract Document")
	assert language == "ru"
	assert b.translated("Contract No. {0}", language).format(registry_number) in document, document[:500]
	assert "Ivanov I. I." in document and "Petrov P. P." in document
	sheet, _language = print_to_pdf(desk, "Contract", name, "Contract Approval Sheet")
	assert registry_number in sheet
	assert "Legal visa" in sheet and "Accounts visa" in sheet, sheet[:500]

	desk.open_form("Contract", name)
	desk.button(desk.__("Sales Order"), group=desk.__("Create"))
	desk.wait_form("Sales Order")
	page.wait_for_function(
		"([customer, contract]) => cur_frm.doc.customer === customer && cur_frm.doc.cm_contract === contract",
		arg=[b.CUSTOMER, name],
	)
	desk.date("delivery_date", frappe.utils.add_days(frappe.utils.getdate(), 14).isoformat())
	fill_first_item(desk, r.SERVICE_ITEM)
	desk.save()
	order = submit(desk)
	desk.shot("3-sales-order-under-the-contract")

	desk.button(desk.__("Sales Invoice"), group=desk.__("Create"))
	desk.wait_form("Sales Invoice")
	assert desk.doc()["cm_contract"] == name
	desk.save()
	invoice = submit(desk)
	desk.shot("3-sales-invoice-under-the-contract")

	desk.open_form("Contract", name)
	summary = desk.field("cm_summary_html")
	expect(summary).to_contain_text(desk.__("Amount Ordered"))
	money = page.evaluate("(v) => format_currency(v, 'RUB')", order["grand_total"])
	expect(summary.locator("tr", has_text=desk.__("Amount Ordered"))).to_contain_text(money)
	expect(summary.locator("tr", has_text=desk.__("Amount Invoiced"))).to_contain_text(
		page.evaluate("(v) => format_currency(v, 'RUB')", invoice["grand_total"])
	)
	connections = desk.show_connections()
	for doctype in ("Sales Order", "Sales Invoice"):
		expect(connections.locator(f'.document-link[data-doctype="{doctype}"] .count')).to_have_text("1")
	desk.shot("3-contract-money-summary-and-connections")
