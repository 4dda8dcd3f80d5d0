"""The test site served by the bench on a loopback port, for what needs a real web server: PDFs
(wkhtmltopdf fetches the print stylesheet from the site's URL) and REST API tests."""

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import frappe
import pytest
from frappe.tests.utils import FrappeTestCase

DEFAULT_PORT = 8011


class BenchServer:
	def __init__(self, bench_path: Path, site: str, port: int):
		self.bench_path, self.site, self.port = bench_path, site, port
		self.url = f"http://127.0.0.1:{port}"
		self.process = None

	def start(self):
		if not _port_open(self.port):
			log = open(self.bench_path / "logs" / f"cm-test-server-{self.port}.log", "ab")
			# This file run as a script: what `bench --site <site> serve` runs, on the loopback only.
			command = [
				str(self.bench_path / "env" / "bin" / "python"),
				*(__file__, self.site, str(self.port)),
			]
			self.process = subprocess.Popen(
				command,
				cwd=self.bench_path / "sites",
				stdout=log,
				stderr=subprocess.STDOUT,
				env=os.environ.copy(),
			)
			self._wait_until_up()
		return self

	def point_site_url_here(self):
		"""This process builds URLs (print stylesheets, links) for the served address; the site's
		config file is left as it is."""
		frappe.local.conf.host_name = self.url

	def _wait_until_up(self, seconds: float = 60):
		deadline = time.monotonic() + seconds
		while time.monotonic() < deadline:
			if self.process.poll() is not None:
				raise RuntimeError(
					f"bench serve exited with {self.process.returncode}; see logs/cm-test-server-{self.port}.log"
				)
			try:
				urllib.request.urlopen(f"{self.url}/api/method/ping", timeout=2)
				return
			except OSError:
				time.sleep(0.3)
		raise RuntimeError(f"bench serve did not answer on {self.url} within {seconds} s")

	def stop(self):
		if self.process and self.process.poll() is None:
			self.process.terminate()
			try:
				self.process.wait(timeout=10)
			except subprocess.TimeoutExpired:
				self.process.kill()


def login(url: str, user: str, password: str):
	"""A requests session of `user` logged in to the served site."""
	import requests

	session = requests.Session()
	response = session.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	if response.status_code != 200:
		raise AssertionError(f"{user} could not log in: {response.status_code} {response.text[:200]}")
	return session


def _port_open(port: int) -> bool:
	with socket.socket() as sock:
		sock.settimeout(0.5)
		return sock.connect_ex(("127.0.0.1", port)) == 0


def serve_on_loopback(site: str, port: int):
	"""Frappe's development server for `site`, as `bench serve` starts it, but bound to 127.0.0.1 and
	without Werkzeug's interactive debugger: `bench serve` listens on every interface with the debugger
	on, which would let anyone who reaches this machine run code while the tests run."""
	import frappe.app
	from werkzeug.serving import run_simple

	frappe.app._site, frappe.app._sites_path = site, "."
	application = frappe.app.application_with_statics()
	run_simple("127.0.0.1", port, application, threaded=True, use_reloader=False, use_debugger=False)


if __name__ == "__main__":
	import sys

	serve_on_loopback(sys.argv[1], int(sys.argv[2]))


@pytest.mark.usefixtures("bench_server")
class ServedSiteTestCase(FrappeTestCase):
	"""A test that reaches the test site over HTTP, as a browser or a REST client would: `self.url` is the
	address of the served site (the session's `bench_server` fixture)."""

	@pytest.fixture(autouse=True)
	def _served_site_url(self, bench_server):
		self.url = bench_server.url
