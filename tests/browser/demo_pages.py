"""The demo's data as the desk shows it: the Contracts workspace with its figures, every report of the
app, a signed contract's card tab by tab and a claim with its penalty table.

Each step waits until the page shows figures (no empty chart, rows in the report) and then takes its
picture. The browser test on the demo's data (test_demo_pages.py) and the script that takes the
README's pictures (readme_screenshots.py) go through the same steps."""

import json
from pathlib import Path

from playwright.sync_api import expect

from contract_management.demo import builder

REPORTS_DIR = Path(__file__).resolve().parents[2] / "contract_management" / "contract_management" / "report"
REPORTS = sorted(json.loads(path.read_text())["name"] for path in REPORTS_DIR.glob("*/*.json"))
# The contract the pictures show: the first of the plan is active, with a protocol of disagreements,
# obligations, an approval sheet, a signed prolongation, an overdue invoice and a claim with a penalty.
CONTRACT_KEY = "contract-01"
CLAIM_KEY = "contract-01/claim"
# Each tab of the card, by its English label.
CARD_TABS = (
	"Details",
	"Amount and Period",
	"People and Paper",
	"Terms",
	"Obligations",
	"Approval",
	"Fulfilment",
	"Linked Documents",
)


def slug(text: str) -> str:
	return text.lower().replace(" ", "-")


def demo_records() -> dict[str, str]:
	"""The demo's contract and claim that the pictures show, by their keys."""
	made = builder.registry()
	missing = [key for key in (CONTRACT_KEY, CLAIM_KEY) if key not in made]
	assert not missing, f"the site holds no demo (missing {missing}): run bench contract-management-demo"
	return {key: made[key][1] for key in (CONTRACT_KEY, CLAIM_KEY)}


def workspace(desk, shot: str | None = "workspace"):
	"""The Contracts workspace: every number card counted and every chart drawn with figures."""
	page = desk.page
	desk.go("/app/contracts")
	page.wait_for_function(
		"""() => {
			const charts = [...document.querySelectorAll('.dashboard-widget-box')];
			const cards = [...document.querySelectorAll('.number-widget-box')];
			return charts.length && cards.length
				&& charts.every((chart) => chart.querySelector('.chart-container svg, .frappe-chart svg'))
				&& cards.every((card) => card.querySelector('.widget-content .number'));
		}"""
	)
	desk.settle()
	# Drawn with figures: a bar of some height or a slice in every chart (frappe-charts grows its bars
	# from nothing when it draws them).
	page.wait_for_function(
		"""() => [...document.querySelectorAll('.dashboard-widget-box')].every((chart) =>
			[...chart.querySelectorAll('svg rect.bar, svg path.donut-path, svg path.pie-path')]
				.some((shape) => shape.getBBox().height > 1))"""
	)
	empty = page.evaluate(
		"""() => [...document.querySelectorAll('.dashboard-widget-box')]
			.filter((chart) => [...chart.querySelectorAll('.chart-loading-state')]
				.some((state) => state.offsetParent !== null))
			.map((chart) => chart.querySelector('.widget-title').innerText)"""
	)
	assert not empty, f"charts without data: {empty}"
	if shot:
		desk.shot(shot, full_page=False)


def report(
	desk, name: str, route_options: dict | None = None, shot: str | None = None, rows: bool = True
) -> int:
	"""A report opened from its URL (with filters as route options), shown with its rows (unless
	`rows` is false); returns how many rows it shows."""
	page = desk.page
	query = "&".join(f"{key}={value}" for key, value in (route_options or {}).items())
	desk.go(f"/app/query-report/{name}" + (f"?{query}" if query else ""))
	page.wait_for_function(
		"(report) => window.frappe.query_report && frappe.query_report.report_name === report", arg=name
	)
	desk.settle()
	expect(desk.title()).to_have_text(desk.__(name))
	shown = page.locator(".report-wrapper .dt-scrollable .dt-row")
	if rows:
		expect(shown.first).to_be_visible()
		if page.locator(".report-wrapper .chart-wrapper:visible").count():
			expect(page.locator(".report-wrapper .chart-wrapper svg").first).to_be_visible()
	desk.settle()
	if shot:
		desk.shot(shot, full_page=False)
	return shown.count()


def report_options(records: dict[str, str]) -> dict[str, dict]:
	"""Filters a report needs to show the demo's figures: the act of reconciliation is for one contract,
	over the time since it was signed."""
	import frappe

	contract = records[CONTRACT_KEY]
	signed = frappe.db.get_value("Contract", contract, "signed_on")
	return {"Reconciliation Act": {"contract": contract, "from_date": str(signed.date())}}


def card_tabs(desk, contract: str, shots: dict[str, str] | None = None):
	"""Each tab of the contract's card, shown filled; `shots` names the picture of a tab by its label."""
	page = desk.page
	desk.open_form("Contract", contract)
	tabs = page.locator(".form-tabs .nav-link")
	expect(tabs).to_have_count(len(CARD_TABS))
	for index, label in enumerate(CARD_TABS):
		tabs.nth(index).click()
		expect(
			page.locator(".form-layout .tab-pane.active, .form-layout .form-page.active").first
		).to_be_visible()
		if label == "Linked Documents":
			expect(page.locator(".form-links:visible .document-link").first).to_be_visible()
		desk.settle()
		if shots and label in shots:
			desk.shot(shots[label], full_page=False)
	tabs.first.click()


def fulfilled_obligation(desk, contract: str, shot: str | None = None) -> dict:
	"""The contract's first Fulfilled obligation, its row opened on the Obligations tab: what the
	documents under the contract did of it, its days late and the primary documents it still awaits."""
	page = desk.page
	desk.open_form("Contract", contract)
	desk.show_tab_of("cm_obligations")
	rows = desk.doc()["cm_obligations"]
	fulfilled = next((row for row in rows if row["status"] == "Fulfilled"), None)
	assert fulfilled, f"contract {contract} has no obligation the documents fulfilled: {rows}"
	row = desk.field("cm_obligations").locator(f'.grid-body .grid-row[data-idx="{fulfilled["idx"]}"]')
	row.hover()
	row.locator(".btn-open-row").first.click()
	figures = page.locator('.grid-row-open [data-fieldname="fulfilled_qty"]').first
	expect(figures).to_be_visible()
	# Its foot (the figures) at the window's foot, the obligations' table above it as far as it fits.
	page.locator(".grid-row-open").first.evaluate("(element) => element.scrollIntoView({block: 'end'})")
	desk.settle()
	if shot:
		desk.shot(shot, full_page=False)
	desk.close_row()
	return fulfilled


def claim_penalty(desk, claim: str, shot: str | None = "claim-penalty"):
	"""The claim, on the tab of its penalty table, with a row for each overdue invoice."""
	desk.open_form("Contract Claim", claim)
	desk.show_tab_of("penalty_rows")
	table = desk.field("penalty_rows")
	rows = table.locator(".grid-body .grid-row")
	expect(rows.first).to_be_visible()
	table.evaluate("(element) => element.scrollIntoView({block: 'center'})")
	desk.settle()
	if shot:
		desk.shot(shot, full_page=False)
	return rows.count()
