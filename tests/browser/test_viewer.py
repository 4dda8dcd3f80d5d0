"""Flow 6: a Contract Viewer (an accountant) opens the Contracts workspace and every report of the
app, sees a chart drawn, and exports a report."""

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.browser import records as b
from tests.test_access import VIEWER

REPORTS_DIR = Path(__file__).resolve().parents[2] / "contract_management" / "contract_management" / "report"
REPORTS = sorted(json.loads(path.read_text())["name"] for path in REPORTS_DIR.glob("*/*.json"))


def test_6_viewer_opens_the_workspace_and_every_report_and_exports_one(desk_as):
	# Something to count: two signed contracts of the browser's customer.
	for amount in (100000, 250000):
		b.committed_contract(submit=True, cm_amount=amount)
	desk = desk_as(VIEWER)
	page = desk.page
	desk.go("/app/contracts")
	chart = page.locator(".widget.dashboard-widget-box .chart-container svg, .frappe-chart svg").first
	expect(chart).to_be_visible()
	desk.settle()
	desk.shot("6-contracts-workspace", full_page=False)

	assert REPORTS, "the app's reports are found in git"
	for report in REPORTS:
		desk.go(f"/app/query-report/{report}")
		page.wait_for_function(
			"(report) => window.frappe.query_report && frappe.query_report.report_name === report", arg=report
		)
		desk.settle()
		expect(desk.title()).to_have_text(desk.__(report))
		desk.shot(f"6-report-{report}", full_page=False)
		if report == "Contract Register":
			export_csv(desk, b.CUSTOMER)


def export_csv(desk, expected: str):
	page = desk.page
	expect(page.locator(".report-wrapper .dt-row").first).to_be_visible()
	page.locator(".page-head:visible .menu-btn-group > button").first.click()
	page.locator(
		".page-head:visible .menu-btn-group .dropdown-item", has_text=desk.__("Export")
	).first.click()
	dialog = desk.dialog()
	dialog.locator('[data-fieldname="file_format"] select').select_option("CSV")
	with page.expect_download() as download:
		dialog.locator(".modal-footer .btn-primary").click()
	text = Path(download.value.path()).read_text(encoding="utf-8-sig")
	assert expected in text, text[:500]
