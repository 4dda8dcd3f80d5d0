"""Flows 4 and 5: a Contract Manager prolongs a signed contract by a supplementary agreement taken
through approval; Legal Counsel claims an overdue debt with its penalty, prints the claim letter, and
registers and answers an incoming claim. Everything the flows are about is made in the desk."""

import frappe
from frappe.utils import add_days, getdate
from playwright.sync_api import expect

from tests.browser import records as b
from tests.browser.test_contract_flows import give_visa, print_to_pdf, submit


def user_date(desk, day) -> str:
	return desk.page.evaluate("(d) => frappe.datetime.str_to_user(d)", str(day))


def test_4_contract_manager_prolongs_the_contract_by_an_agreement(desk_as):
	name = b.signed_contract()
	end_date = frappe.db.get_value("Contract", name, "end_date")
	new_end = add_days(end_date, 365)

	manager = desk_as(b.INVOICING_MANAGER)
	page = manager.page
	manager.open_form("Contract", name)
	manager.button(manager.__("Supplementary Agreement"), group=manager.__("Create"))
	manager.wait_form("Contract Amendment")
	assert manager.doc()["contract"] == name
	manager.choose("kind", "Prolongation")
	manager.date("new_end_date", new_end.isoformat())
	manager.type_into("reason", "The customer orders pumps for another year", leave="blur")
	manager.show_tab_of("our_signatory")
	manager.type_into("our_signatory", "Ivanov I. I.")
	manager.type_into("their_signatory", "Petrov P. P.")
	agreement = manager.save()
	manager.shot("4-agreement-drafted")
	assert agreement["name"] == f"{name}/1"
	assert [(row["term"], row["old_value"], row["new_value"]) for row in agreement["changes"]] == [
		("End Date", end_date.isoformat(), new_end.isoformat())
	]

	manager.button(manager.__("Send for Approval"))
	page.wait_for_function("() => cur_frm.doc.cm_status === 'On Approval'")
	manager.wait_form("Contract Amendment", agreement["name"])
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(manager.__("On Approval"))
	expect(page.locator(".page-head:visible .title-text").first).to_have_text(
		manager.__("Supplementary agreement No. {0} to contract {1}").format(1, name)
	)
	# The changes show the dates as the user reads them.
	expect(manager.field("changes").locator(".grid-body .grid-row").first).to_contain_text(
		user_date(manager, new_end)
	)
	manager.shot("4-agreement-on-approval")

	legal = desk_as(b.LEGAL_COUNSEL)
	legal.open_form("Contract Amendment", agreement["name"])
	give_visa(legal, "Legal visa", "Approve")
	legal.page.wait_for_function("() => cur_frm.doc.cm_status === 'Approved'")
	legal.shot("4-agreement-approved")

	# Back on the agreement the manager left open: the desk shows it as loaded until reloaded.
	page.reload()
	manager.wait_form("Contract Amendment", agreement["name"])
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(manager.__("Approved"))
	signed = submit(manager)
	assert signed["cm_status"] == "Signed"
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(
		manager.__("Signed", "Contract Amendment")
	)
	manager.shot("4-agreement-signed")

	manager.open_form("Contract", name)
	assert manager.doc()["end_date"] == new_end.isoformat()
	manager.show_tab_of("end_date")
	expect(manager.field("end_date")).to_contain_text(user_date(manager, new_end))
	manager.show_tab_of("cm_history_html")
	history = manager.field("cm_history_html")
	row = history.locator("tbody tr").first
	expect(row).to_contain_text(manager.page.evaluate("() => __('No. {0}', [1])"))
	expect(row).to_contain_text(user_date(manager, end_date))
	expect(row).to_contain_text(user_date(manager, new_end))
	expect(history.locator("tbody tr")).to_have_count(1)
	manager.shot("4-contract-history-of-effective-terms")


def test_5_legal_counsel_claims_an_overdue_debt_and_answers_a_claim(desk_as):
	today = getdate()
	name = b.signed_contract(start_date=add_days(today, -200), cm_penalty_rate_per_day=0.1)
	due = b.working_day_before(40)
	invoice = b.overdue_invoice(name, due, 100000)
	debt = invoice.rounded_total or invoice.grand_total
	registry_number = frappe.db.get_value("Contract", name, "cm_registry_number")

	legal = desk_as(b.LEGAL_COUNSEL)
	page = legal.page
	legal.open_form("Contract", name)
	legal.button(legal.__("Outgoing Claim"), group=legal.__("Create"))
	dialog = legal.dialog()
	expect(dialog.locator('[data-fieldname="basis"] select')).to_have_value("Overdue Payment")
	legal.shot("5-outgoing-claim-basis")
	dialog.locator(".modal-footer .btn-primary").click()
	legal.wait_form("Contract Claim")
	claim = legal.doc()
	assert (claim["direction"], claim["contract"], claim["party"]) == ("Outgoing", name, b.CUSTOMER)
	assert [(row["reference_name"], row["unpaid_amount"]) for row in claim["documents"]] == [
		(invoice.name, debt)
	]

	# The penalty to today: 0.1 % a day of the debt (100,000.00), for each day from the day after the
	# due date (a working day) to today.
	days = (today - due).days
	legal.show_tab_of("our_signatory")
	legal.type_into("our_signatory", "Sidorova S. S.")
	claim = legal.save()
	assert claim["principal_amount"] == debt == 100000
	assert [
		(row["reference_name"], row["period_from"], row["period_to"], row["rate"], row["days"], row["amount"])
		for row in claim["penalty_rows"]
	] == [(invoice.name, add_days(due, 1).isoformat(), today.isoformat(), 0.1, days, 100 * days)]
	assert (claim["penalty_amount"], claim["total_claimed"]) == (100 * days, 100000 + 100 * days)
	legal.show_tab_of("penalty_rows")
	penalty_table = legal.field("penalty_rows")
	expect(penalty_table.locator(".grid-body .grid-row")).to_have_count(1)
	expect(penalty_table.locator(".grid-body .grid-row").first).to_contain_text(invoice.name)
	legal.shot("5-outgoing-claim-penalty-table")

	letter, language = print_to_pdf(legal, "Contract Claim", claim["name"], "Contract Claim Letter")
	assert language == "ru"
	assert b.translated("Claim No. {0}", language).format(claim["name"]) in letter, letter[:500]
	assert registry_number in letter and invoice.name in letter
	for money in (100000, 100 * days, 100000 + 100 * days):
		assert legal.page.evaluate("(v) => format_currency(v, 'RUB')", money) in letter, (money, letter)
	assert "Sidorova S. S." in letter

	# An incoming claim of the customer about the quality of the pumps, registered and answered.
	legal.open_form("Contract", name)
	legal.button(legal.__("Incoming Claim"), group=legal.__("Create"))
	dialog = legal.dialog()
	dialog.locator('[data-fieldname="basis"] select').select_option("Quality")
	dialog.locator(".modal-footer .btn-primary").click()
	legal.wait_form("Contract Claim")
	assert (legal.doc()["direction"], legal.doc()["basis"]) == ("Incoming", "Quality")
	received = add_days(today, -3)
	legal.show_tab_of("received_on")
	legal.date("received_on", received.isoformat())
	# Drafted On (today by default) follows: the letter was drafted by the day it came.
	assert legal.doc()["drafted_on"] == received.isoformat()
	legal.text_editor("demand", "Replace two pumps that leak.")
	legal.show_tab_of("principal_amount")
	legal.type_into("principal_amount", "15000")
	legal.save()
	incoming = submit(legal)
	assert incoming["status"] == "Received"
	assert incoming["response_due"] >= add_days(received, 30).isoformat()
	legal.shot("5-incoming-claim-registered")

	legal.show_tab_of("response_date")
	legal.date("response_date", today.isoformat())
	legal.choose("decision", "Rejected")
	legal.text_editor("response_text", "The pumps were damaged by wrong installation.")
	legal.page.keyboard.press("Control+s")
	page.wait_for_function("() => cur_frm.doc.status === 'Rejected' && !cur_frm.is_dirty()")
	legal.wait_form("Contract Claim", incoming["name"])
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(legal.__("Rejected"))
	legal.shot("5-incoming-claim-answered")
	frappe.db.rollback()
	answered = frappe.db.get_value(
		"Contract Claim", incoming["name"], ["status", "decision", "response_text"], as_dict=True
	)
	assert (answered.status, answered.decision) == ("Rejected", "Rejected")
	assert "The pumps were damaged by wrong installation." in answered.response_text
