"""Flow 8: what the desk refuses, and how it says so."""

import re

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
	# Frappe's refusal to read, as the desk translates it: v15 says "Insufficient Permission for {0}",
	# v16 "You need the '{0}' permission on {1} {2} to perform this action."
	refusals = [
		desk.__("Insufficient Permission for {0}").replace("{0}", f"{desk.__('Contract')} {purchase.name}"),
		desk.page.evaluate(
			"""(name) => __("You need the '{0}' permission on {1} {2} to perform this action.",
				[__("read"), __("Contract"), name])""",
			purchase.name,
		),
	]
	expect(message).to_contain_text(re.compile("|".join(re.escape(refusal) for refusal in refusals)))
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
	# The card does not offer signing before the visas (tests/browser/test_card_paths.py); the server
	# refuses it all the same when the form is submitted, as ERPNext's Submit button does it.
	expect(
		desk.page.locator(".page-head:visible").get_by_role("button", name=desk.__("Submit"))
	).to_have_count(0)
	desk.page.evaluate("() => { cur_frm.savesubmit(); }")
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
