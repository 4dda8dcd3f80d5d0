"""Connects pytest to a real Frappe site with ERPNext and this app installed.

The site is named by CM_TEST_SITE (default `cm-test.localhost`); the bench is found from BENCH_PATH,
else from the Python running pytest (the bench's own env), else ~/frappe-bench.
Shared fixtures are made once (tests/bootstrap.py); each test's writes are rolled back.
"""

import os
import sys
from pathlib import Path

import pytest

TEST_SITE = os.environ.get("CM_TEST_SITE", "cm-test.localhost")


def find_bench() -> Path:
	if os.environ.get("BENCH_PATH"):
		return Path(os.environ["BENCH_PATH"]).expanduser().resolve()
	env_bench = Path(sys.prefix).parent
	if (env_bench / "sites").is_dir() and (env_bench / "apps" / "frappe").is_dir():
		return env_bench
	return Path("~/frappe-bench").expanduser().resolve()


def pytest_configure(config):
	import frappe

	sites_path = find_bench() / "sites"
	if not (sites_path / TEST_SITE / "site_config.json").exists():
		raise pytest.UsageError(
			f"Test site {TEST_SITE!r} not found under {sites_path}. Set CM_TEST_SITE and BENCH_PATH."
		)
	# Frappe resolves relative paths (logs, assets, private files) from the sites folder.
	os.chdir(sites_path)
	frappe.init(site=TEST_SITE, sites_path=str(sites_path))
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")

	if "contract_management" not in frappe.get_installed_apps():
		raise pytest.UsageError(f"contract_management is not installed on {TEST_SITE}.")

	from tests.bootstrap import ensure_test_records

	ensure_test_records()


def pytest_unconfigure(config):
	import frappe

	if getattr(frappe.local, "site", None):
		frappe.db.rollback()
		frappe.destroy()


@pytest.fixture(scope="session")
def bench_server():
	"""The test site served on a loopback port (tests/server.py), started on first use."""
	from tests.server import DEFAULT_PORT, BenchServer

	server = BenchServer(find_bench(), TEST_SITE, int(os.environ.get("CM_TEST_PORT", DEFAULT_PORT))).start()
	yield server
	server.stop()


@pytest.fixture
def served_site(bench_server):
	"""For a test that needs the site's URL to reach the served site (PDFs, REST calls)."""
	bench_server.point_site_url_here()
	return bench_server


@pytest.fixture(autouse=True)
def rollback_after_test():
	"""Every test starts from the shared fixtures and leaves nothing behind."""
	import frappe

	frappe.set_user("Administrator")
	yield
	frappe.db.rollback()
	# Values read through the connection are cached on it for its life (in production, one request);
	# they must not outlive the rolled-back writes of this test.
	frappe.db.value_cache.clear()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	frappe.clear_cache()
