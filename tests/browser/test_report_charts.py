"""The app's reports with charts, opened as a person opens them: each runs once and draws its chart
once, and the chart keeps working when the window is resized (a chart drawn twice leaves the first
one's resize observer drawing into a node the second replaced: `removeChild` errors in the console).
Their charts are photographed at the desk's usual widths, in English and in Russian."""

import frappe
from playwright.sync_api import expect

from tests.browser import records as b
from tests.test_report_delivery_plan import sales_order

MANAGER = b.INVOICING_MANAGER
WIDTHS = (1280, 1440)
# The reports that draw a chart over the browser's records: a signed contract with an order due
# a week ago, an overdue invoice, and an end within a month.
CHARTED = (
	"Contract Register",
	"Delivery Plan Fulfilment",
	"Contract Fulfilment",
	"Debts by Contract",
	"Contract Deadlines",
)


def charted_records():
	today = frappe.utils.getdate()
	contract = b.committed_contract(
		submit=True,
		cm_amount=500000,
		start_date=frappe.utils.add_days(today, -120),
		end_date=frappe.utils.add_days(today, 20),  # a deadline for Contract Deadlines
	)
	frappe.set_user("Administrator")
	sales_order(contract, 10, 1000, frappe.utils.add_days(today, -20), frappe.utils.add_days(today, -7))
	b.overdue_invoice(contract.name, b.working_day_before(40), 12000)
	frappe.db.commit()
	return contract


def open_report(desk, report: str, runs: list):
	runs.clear()
	desk.go(f"/app/query-report/{report}")
	page = desk.page
	page.wait_for_function(
		"(report) => window.frappe.query_report && frappe.query_report.report_name === report", arg=report
	)
	expect(page.locator(".chart-wrapper:visible svg").first).to_be_visible()
	desk.settle()
	# Frappe throttles a report's refresh by 300 ms: a second refresh asked for while the first runs
	# comes after it.
	page.wait_for_timeout(600)
	desk.settle()


def test_each_charted_report_runs_once_and_its_chart_survives_a_resize(desk_as):
	charted_records()
	desk = desk_as(MANAGER)
	page = desk.page
	runs = []
	page.on("request", lambda request: "frappe.desk.query_report.run" in request.url and runs.append(1))
	for report in CHARTED:
		open_report(desk, report, runs)
		assert len(runs) == 1, f"{report} ran {len(runs)} times on opening"
		# A resize makes every chart on the page redraw through its resize observer.
		for width in WIDTHS:
			page.set_viewport_size({"width": width, "height": 900})
			page.wait_for_timeout(400)
			desk.settle()
			desk.shot(f"chart-{report}-{width}", full_page=False)
	shoot_workspace(desk, "workspace")


def shoot_workspace(desk, prefix: str):
	"""The workspace, shown a second time (the desk draws its charts anew), at each width."""
	page = desk.page
	desk.go("/app/contracts")
	expect(page.locator(".widget.dashboard-widget-box .chart-container svg").first).to_be_visible()
	# Every chart drawn before leaving: frappe-charts draws one that arrives on a hidden page with a
	# negative width, and logs it (Frappe's own, not what this test is about).
	desk.settle()
	page.wait_for_timeout(500)
	desk.go("/app/query-report/Contract Register")
	desk.settle()
	desk.go("/app/contracts")
	expect(page.locator(".widget.dashboard-widget-box .chart-container svg").first).to_be_visible()
	for width in WIDTHS:
		# Tall enough to show every chart: the workspace scrolls inside the page.
		page.set_viewport_size({"width": width, "height": 1700})
		page.wait_for_timeout(800)
		desk.settle()
		desk.shot(f"{prefix}-{width}", full_page=False)


def test_charts_read_in_russian(desk_as):
	charted_records()
	desk = desk_as(b.RUSSIAN_MANAGER)
	page = desk.page
	runs = []
	for report in CHARTED:
		open_report(desk, report, runs)
		for width in WIDTHS:
			page.set_viewport_size({"width": width, "height": 900})
			page.wait_for_timeout(400)
			desk.shot(f"chart-ru-{report}-{width}", full_page=False)
	shoot_workspace(desk, "workspace-ru")
