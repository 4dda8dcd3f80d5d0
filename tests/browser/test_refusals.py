"""Flow 8: what the desk refuses, and how it says so."""

from playwright.sync_api import expect

from tests.browser import records as b
from tests.test_access import SALES


def test_sales_user_gets_a_permission_message_for_a_purchase_contract(desk_as):
	purchase = b.committed_contract(
		party_type="Supplier", party_name=b.SUPPLIER, cm_subject="Purchase of secret valves"
	)
	desk = desk_as(SALES)
	desk.expect_console_error(r"frappe\.exceptions\.PermissionError")
	desk.go(f"/app/contract/{purchase.name}")
	page = desk.page
	message = desk.dialog()
	expect(message).to_contain_text(desk.__("Insufficient Permission for {0}").split("{0}")[0].strip())
	desk.shot("8-sales-user-opens-a-purchase-contract")
	body = page.locator("body").inner_text()
	assert "secret valves" not in body
	assert b.SUPPLIER not in body


def test_signing_without_visas_shows_the_translated_error(desk_as):
	contract = b.committed_contract(cm_contract_type=b.CONTRACT_TYPE)
	desk = desk_as(b.RUSSIAN_MANAGER)
	desk.expect_console_error(r"frappe\.exceptions\.ValidationError")
	# Frappe's form logs the refused save's rejection, which carries nothing.
	desk.expect_console_error(r"^undefined$")
	desk.open_form("Contract", contract.name)
	desk.button(desk.__("Submit"))
	confirm = desk.dialog()
	confirm.get_by_role("button", name=desk.__("Yes")).click()
	error = desk.dialog()
	refusal = b.translated(
		"Signing is refused until every required visa is given: send it for approval by route {0} first."
	)
	expect(error).to_contain_text(refusal.split("{0}")[0].strip())
	expect(error).to_contain_text(b.ROUTE)
	desk.shot("8-signing-without-visas")
	assert desk.page.evaluate("() => cur_frm.doc.docstatus") == 0
