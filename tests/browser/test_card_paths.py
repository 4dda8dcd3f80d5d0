"""The contract card offers what comes next in the approval (the awaited visa, not ERPNext's Submit),
offers signing only once the contract is approved, and the app's pages lead back to the Contracts
workspace, not to ERPNext's CRM."""

from playwright.sync_api import expect

from tests.browser import records as b

SUBMIT_HINT = "Submit this document to confirm"


def primary(desk):
	return desk.page.locator(".page-head:visible .primary-action:visible")


def test_on_approval_the_awaited_visa_is_the_main_action_and_signing_is_not_offered(desk_as):
	name = b.contract_on_approval()

	legal = desk_as(b.LEGAL_COUNSEL)
	legal.open_form("Contract", name)
	expect(primary(legal)).to_have_text(legal.__("Approve"))
	expect(legal.page.locator(".form-message:visible", has_text=legal.__(SUBMIT_HINT))).to_have_count(0)
	expect(legal.page.locator(".form-message:visible", has_text="Legal visa")).to_be_visible()
	legal.shot("card-on-approval-legal")

	manager = desk_as(b.INVOICING_MANAGER)
	manager.open_form("Contract", name)
	expect(primary(manager)).to_have_count(0)
	expect(
		manager.page.locator(".page-head:visible").get_by_role("button", name=manager.__("Submit"))
	).to_have_count(0)
	expect(manager.page.locator(".form-message:visible", has_text=manager.__(SUBMIT_HINT))).to_have_count(0)

	# Once approved, signing is the main action.
	approved = b.approved_contract()
	manager.open_form("Contract", approved)
	expect(primary(manager)).to_have_text(manager.__("Submit"))
	manager.shot("card-approved")


def test_a_draft_its_route_applies_to_is_sent_for_approval_not_signed(desk_as):
	draft = b.committed_contract(cm_contract_type=b.CONTRACT_TYPE).name
	manager = desk_as(b.INVOICING_MANAGER)
	manager.open_form("Contract", draft)
	expect(primary(manager)).to_have_count(0)
	expect(
		manager.page.locator(".page-head:visible").get_by_role("button", name="Send for Approval")
	).to_be_visible()


def breadcrumb(desk):
	return desk.page.locator("#navbar-breadcrumbs li a").first


def test_the_contract_and_the_reports_lead_back_to_the_contracts_workspace(desk_as):
	name = b.committed_contract().name
	desk = desk_as(b.INVOICING_MANAGER)
	for path in (f"/app/contract/{name}", "/app/contract", "/app/query-report/Contract Register"):
		desk.go(path)
		desk.settle()
		expect(breadcrumb(desk)).to_have_attribute("href", desk.desk_path("/app/contracts"))
		expect(breadcrumb(desk)).to_have_text(desk.__("Contracts"))
	for report in ("Debts by Contract", "Contract Deadlines", "Claims Register"):
		desk.go(f"/app/query-report/{report}")
		desk.page.wait_for_function(
			"(report) => window.frappe.query_report && frappe.query_report.report_name === report", arg=report
		)
		desk.settle()
		expect(breadcrumb(desk)).to_have_attribute("href", desk.desk_path("/app/contracts"))
