"""The README's pictures, taken from a site the demo set up (`bench contract-management-demo` on a new
site, which makes the demo's users):

	cd apps/contract_management && ../../env/bin/python -m tests.browser.readme_screenshots demo.localhost

It serves the site on a loopback port (tests/server.py, `--port`), opens the desk in Chromium as the
demo's users (with the password the demo prints) and writes the pictures into docs/screenshots/,
replacing those there: the workspace with its figures (and once more in Russian), each report, the
Contract list, each tab of a signed contract's card, an obligation the documents fulfilled (its row
opened on the card) and a claim with its penalty table. Run it again
whenever the desk changes. A JavaScript or console error on a page is printed, and the run then fails.
"""

import argparse
import os
import re
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
OUT = REPOSITORY / "docs" / "screenshots"
VIEWPORT = {"width": 1366, "height": 900}
# The workspace is taken in a taller window, to show all its charts: a full page's picture would resize
# the window, and frappe-charts redraws on a resize.
WORKSPACE_HEIGHT = 1450
# An obligation's row opened on the card, with its figures, in a window tall enough for all of it.
OBLIGATION_HEIGHT = 1250
# The tabs of the card the README shows, and the picture of each.
CARD_SHOTS = {
	"Details": "card-tab-details",
	"Amount and Period": "card-tab-amount-and-period",
	"Terms": "card-tab-terms",
	"Obligations": "card-tab-obligations",
	"Approval": "card-tab-approval",
	"Fulfilment": "card-tab-fulfilment",
	"Linked Documents": "connections",
}
IGNORED = re.compile(r"socket\.io|:9000/|WebSocket")


def main():
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("site", help="a site the demo set up")
	parser.add_argument("--port", type=int, default=8011, help="loopback port to serve the site on")
	parser.add_argument("--out", type=Path, default=OUT, help="folder of the pictures")
	args = parser.parse_args()

	import frappe

	from tests.conftest import find_bench

	bench = find_bench()
	os.chdir(bench / "sites")
	frappe.init(site=args.site, sites_path=str(bench / "sites"))
	frappe.connect()
	try:
		problems = take(args.site, args.port, args.out, bench)
	finally:
		frappe.destroy()
	if problems:
		print("\n".join(problems), file=sys.stderr)
		sys.exit(1)


def take(site: str, port: int, out: Path, bench: Path) -> list[str]:
	import frappe
	from playwright.sync_api import expect, sync_playwright

	from contract_management.demo import data
	from tests.browser import demo_pages
	from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS
	from tests.browser.desk import Desk
	from tests.server import BenchServer

	missing = [email for email, *_rest in data.USERS if not frappe.db.exists("User", email)]
	if missing:
		sys.exit(
			f"{site} has no demo users ({', '.join(missing)}): take the pictures on a new site filled by "
			"bench contract-management-demo, which makes them."
		)
	records = demo_pages.demo_records()
	options = demo_pages.report_options(records)
	prepared = set(frappe.get_all("Report", filters={"prepared_report": 1}, pluck="name"))
	manager, legal, sales, _purchasing, accounts = (user[0] for user in data.USERS)
	out.mkdir(parents=True, exist_ok=True)
	problems: list[str] = []
	server = BenchServer(bench, site, port).start()
	expect.set_options(timeout=TIMEOUT_MS)
	try:
		with sync_playwright() as playwright:
			browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)

			def desk_of(user: str, height: int = VIEWPORT["height"]) -> Desk:
				context = browser.new_context(base_url=server.url, viewport={**VIEWPORT, "height": height})
				context.set_default_timeout(TIMEOUT_MS)
				login = context.request.post(
					"/api/method/login", form={"usr": user, "pwd": data.USER_PASSWORD}
				)
				assert login.ok, f"{user} could not log in: {login.status}"
				page = context.new_page()
				page.on("pageerror", lambda error: problems.append(f"{user}: JavaScript error: {error}"))
				page.on(
					"console",
					lambda message: (
						message.type == "error"
						and not IGNORED.search(message.text + str(message.location))
						and not message.text.startswith("Failed to load resource")
						and problems.append(f"{user}: console error: {message.text[:500]}")
					),
				)
				return Desk(page, user, out)

			demo_pages.workspace(desk_of(accounts, WORKSPACE_HEIGHT), shot="workspace")
			# The demo's legal counsel reads Russian.
			demo_pages.workspace(desk_of(legal, WORKSPACE_HEIGHT), shot="workspace-ru")
			desk = desk_of(manager)
			for report in demo_pages.REPORTS:
				if report in prepared:
					print(f"{report} is a prepared report on {site}: its picture shows no figures")
				demo_pages.report(
					desk,
					report,
					options.get(report),
					shot=f"report-{demo_pages.slug(report)}",
					rows=report not in prepared,
				)
			demo_pages.claim_penalty(desk, records[demo_pages.CLAIM_KEY], shot="claim-penalty")
			desk = desk_of(sales)
			desk.go("/app/contract")
			expect(desk.page.locator(".list-row-container").first).to_be_visible()
			desk.shot("contract-list", full_page=False)
			demo_pages.card_tabs(desk, records[demo_pages.CONTRACT_KEY], shots=CARD_SHOTS)
			demo_pages.fulfilled_obligation(
				desk_of(sales, OBLIGATION_HEIGHT),
				records[demo_pages.CONTRACT_KEY],
				shot="card-obligation-fulfilled",
			)
			browser.close()
	finally:
		server.stop()
	for path in sorted(out.glob("*.png")):
		shown = path.relative_to(REPOSITORY) if path.is_relative_to(REPOSITORY) else path
		print(f"{shown}: {path.stat().st_size // 1024} KB")
	return problems


if __name__ == "__main__":
	main()
