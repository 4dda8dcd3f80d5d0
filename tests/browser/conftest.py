"""The desk in a real browser: Debian's Chromium driven by Playwright, against the test site served by
`bench serve` (tests/server.py).

The browser talks to another process, which sees only committed data: the records the flows start
from are committed here, every record of the browser's customer and supplier is removed before and
after the run (tests/browser/records.py), and nothing of the shared fixtures is changed.

A test fails on an uncaught JavaScript error, on a console error, and on any HTTP 5xx answer; the
realtime socket, which `bench serve` does not provide, is the one thing ignored. Screenshots of each
step, and of every open page when a test fails, go to $CM_SCREENSHOTS (default: a folder under the
system's temp dir), printed at the end of the run."""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests import records as r

CHROMIUM = os.environ.get("CM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
]
SHOTS = Path(os.environ.get("CM_SCREENSHOTS") or Path(tempfile.gettempdir()) / "cm-browser-screenshots")
# In parallel, each pytest-xdist worker empties and fills a folder of its own inside it.
WORKER_SHOTS = SHOTS / os.environ["PYTEST_XDIST_WORKER"] if os.environ.get("PYTEST_XDIST_WORKER") else SHOTS
# The realtime socket: `bench serve` has no socket.io server, so the desk's attempts to reach it fail.
IGNORED = re.compile(r"socket\.io|:9000/|WebSocket")
TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def chromium():
	if not Path(CHROMIUM).exists():
		pytest.fail(f"No Chromium at {CHROMIUM}: apt-get install chromium (or set CM_CHROMIUM)")
	from playwright.sync_api import expect, sync_playwright

	expect.set_options(timeout=TIMEOUT_MS)
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.fixture(scope="session")
def screenshots():
	shutil.rmtree(WORKER_SHOTS, ignore_errors=True)
	WORKER_SHOTS.mkdir(parents=True)
	return WORKER_SHOTS


@pytest.fixture(scope="package")
def browser_records(bench_server):
	"""The committed records the flows start from; the browser's own records are removed once the
	browser tests are over, before the rest of the suite runs."""
	from tests.browser import records

	records.remove_browser_documents()
	records.ensure()
	yield records
	records.remove_browser_documents()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
	outcome = yield
	report = outcome.get_result()
	setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="package")
def user_contexts(chromium, bench_server, browser_records):
	"""user_contexts(user) → the browser context of `user`, logged in once for the run: its pages
	share the cookie and the cache of the desk's assets, as one person's browser does."""
	contexts = {}

	def context_of(user: str):
		if user not in contexts:
			context = chromium.new_context(
				base_url=bench_server.url, viewport={"width": 1366, "height": 900}, accept_downloads=True
			)
			context.set_default_timeout(TIMEOUT_MS)
			context.set_default_navigation_timeout(2 * TIMEOUT_MS)
			login = context.request.post("/api/method/login", form={"usr": user, "pwd": r.PASSWORD})
			assert login.ok, f"{user} could not log in: {login.status} {login.text()[:200]}"
			contexts[user] = context
		return contexts[user]

	yield context_of
	for context in contexts.values():
		context.close()


@pytest.fixture
def desk_as(request, user_contexts, screenshots):
	"""desk_as(user) → a Desk on a new page of `user`'s browser context, logged in to the served site."""
	from tests.browser.desk import Desk

	opened, problems = [], []

	def watch(page, user, desk):
		def on_console(message):
			if message.type != "error":
				return
			where = (message.location or {}).get("url", "")
			if IGNORED.search(message.text) or IGNORED.search(where):
				return
			# A refused request shows in the console too; 5xx are caught below, 4xx are answers the
			# desk shows to the user (a permission message, a validation error).
			if message.text.startswith("Failed to load resource") and not re.search(
				r"status of 5\d\d", message.text
			):
				return
			if any(pattern.search(message.text) for pattern in desk.expected_console):
				return
			problems.append(f"{user}: console error: {message.text[:2000]} ({where})")

		def on_response(response):
			if response.status >= 500 and not IGNORED.search(response.url):
				problems.append(f"{user}: HTTP {response.status} {response.request.method} {response.url}")

		page.on("console", on_console)

		def on_error(error):
			stack = error.stack or ""
			problems.append(f"{user}: JavaScript error on {page.url}: {error}\n{stack[:1500]}")

		page.on("pageerror", on_error)
		page.on("response", on_response)

	def open_desk(user: str):
		page = user_contexts(user).new_page()
		desk = Desk(page, user, screenshots)
		watch(page, user, desk)
		opened.append((user, page))
		return desk

	yield open_desk

	failed = getattr(request.node, "report_call", None)
	for index, (user, page) in enumerate(opened):
		if failed is not None and failed.failed:
			try:
				name = re.sub(r"[^\w.-]+", "-", f"FAILED-{request.node.name}-{index}-{user}")
				page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
			except Exception as error:  # a crashed page cannot be photographed; the failure says why
				problems.append(f"no screenshot of {user}'s page: {error}")
		page.close()
	if problems:
		pytest.fail("The browser saw errors:\n" + "\n".join(problems), pytrace=False)


def pytest_terminal_summary(terminalreporter):
	if SHOTS.exists():
		terminalreporter.write_line(f"Browser screenshots: {SHOTS}")
