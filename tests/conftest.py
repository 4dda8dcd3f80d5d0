"""Connects pytest to a real Frappe site with ERPNext and this app installed.

The site is named by CM_TEST_SITE (default `cm-test.localhost`); the bench is found from BENCH_PATH,
else from the Python running pytest (the bench's own env), else ~/frappe-bench.
Shared fixtures are made once (tests/bootstrap.py); each test's writes are rolled back.

In parallel (pytest-xdist, `-n N --dist loadfile`) every worker needs a site of its own, because the
browser and REST tests commit what the served site must see: CM_TEST_SITES lists them, comma-separated,
one per worker, and worker N serves its site on CM_TEST_PORT + N.
"""

import os
import sys
from pathlib import Path

import pytest

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", … in a pytest-xdist worker
WORKER_INDEX = int(WORKER[2:]) if WORKER.startswith("gw") else 0
PARALLEL_SITES = [site.strip() for site in os.environ.get("CM_TEST_SITES", "").split(",") if site.strip()]
TEST_SITE = (
	PARALLEL_SITES[WORKER_INDEX]
	if WORKER_INDEX < len(PARALLEL_SITES)
	else os.environ.get("CM_TEST_SITE", "cm-test.localhost")
)


def find_bench() -> Path:
	if os.environ.get("BENCH_PATH"):
		return Path(os.environ["BENCH_PATH"]).expanduser().resolve()
	env_bench = Path(sys.prefix).parent
	if (env_bench / "sites").is_dir() and (env_bench / "apps" / "frappe").is_dir():
		return env_bench
	return Path("~/frappe-bench").expanduser().resolve()


def pytest_configure(config):
	import frappe

	if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
		return  # pytest-xdist's controller only hands tests to the workers; each worker connects
	workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 1)
	if workers > 1 and len(PARALLEL_SITES) < workers:
		raise pytest.UsageError(
			f"{workers} workers need {workers} test sites in CM_TEST_SITES (comma-separated), one each."
		)
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

	port = int(os.environ.get("CM_TEST_PORT", DEFAULT_PORT)) + WORKER_INDEX
	server = BenchServer(find_bench(), TEST_SITE, port).start()
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
	# Frappe v16's count of a document's links (`get_open_count`) limits the connection's statements to
	# one second; a request's connection ends with the request, the tests' one connection must not carry
	# the limit into the next test (CI's v16 run: the index tests' dataset stopped by it).
	frappe.db.set_execution_timeout(0)
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	frappe.clear_cache()
