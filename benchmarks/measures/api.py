"""The contract list through gunicorn's REST API, for a restricted user against a Contract Manager, and
concurrent clients listing and counting."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

import frappe

from benchmarks.figures import Figure
from benchmarks.site import commit, step

RESTRICTED_USER = "cm.sales@example.com"
MANAGER_USER = "cm.manager@example.com"


class Gunicorn:
	def __init__(self, site: str, port: int, workers: int = 2):
		self.site, self.port, self.workers = site, port, workers
		self.url = f"http://127.0.0.1:{port}"
		self.process = None

	def __enter__(self):
		bench = Path(sys.prefix).parent
		log = open(bench / "logs" / f"cm-bench-gunicorn-{self.port}.log", "ab")
		self.process = subprocess.Popen(
			[
				str(bench / "env" / "bin" / "gunicorn"),
				*("-b", f"127.0.0.1:{self.port}", "-w", str(self.workers), "-t", "120"),
				"frappe.app:application",
			],
			cwd=bench / "sites",
			stdout=log,
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)
		deadline = time.monotonic() + 90
		while time.monotonic() < deadline:
			try:
				if self.session().get(f"{self.url}/api/method/ping", timeout=5).ok:
					return self
			except Exception:
				pass  # not listening yet
			time.sleep(0.5)
		raise RuntimeError(f"gunicorn did not answer on {self.url}")

	def __exit__(self, *exc):
		os.killpg(self.process.pid, signal.SIGTERM)
		self.process.wait(timeout=30)

	def session(self, user: str | None = None):
		import requests

		session = requests.Session()
		session.headers["Host"] = self.site
		if user:
			from tests.records import PASSWORD

			response = session.post(f"{self.url}/api/method/login", data={"usr": user, "pwd": PASSWORD})
			response.raise_for_status()
		return session

	def list_url(self) -> str:
		query = urllib.parse.urlencode(
			{
				"fields": json.dumps(["name", "party_name", "cm_status", "end_date", "cm_amount_with_vat"]),
				"filters": json.dumps([["cm_status", "=", "Active"]]),
				"limit_page_length": 20,
			}
		)
		return f"{self.url}/api/resource/Contract?{query}"

	def count_url(self) -> str:
		query = urllib.parse.urlencode(
			{"doctype": "Contract", "filters": json.dumps([["cm_status", "=", "Active"]])}
		)
		return f"{self.url}/api/method/frappe.client.get_count?{query}"


@contextmanager
def own_contracts_only():
	settings = "Contract Management Settings"
	before = frappe.db.get_single_value(settings, "own_contracts_only")
	frappe.db.set_single_value(settings, "own_contracts_only", 1)
	commit()
	frappe.clear_document_cache(settings, settings)
	try:
		yield
	finally:
		frappe.db.set_single_value(settings, "own_contracts_only", before)
		commit()
		frappe.clear_document_cache(settings, settings)


def measure_list(server: Gunicorn, repeat: int) -> dict:
	sessions = {RESTRICTED_USER: server.session(RESTRICTED_USER), MANAGER_USER: server.session(MANAGER_USER)}
	url = server.list_url()
	times, rows = {user: [] for user in sessions}, {}
	for user, session in sessions.items():  # warm-up
		response = session.get(url, timeout=60)
		response.raise_for_status()
		rows[user] = len(response.json()["data"])
	for index in range(repeat):
		for user in sorted(sessions, reverse=index % 2 == 1):
			started = time.perf_counter()
			session = sessions[user]
			response = session.get(url, timeout=60)
			elapsed = time.perf_counter() - started
			response.raise_for_status()
			times[user].append(elapsed)
	return {"times": {user: Figure(values) for user, values in times.items()}, "rows": rows}


def measure_load(server: Gunicorn, clients: int, seconds: float) -> dict:
	users = [RESTRICTED_USER if index % 2 == 0 else MANAGER_USER for index in range(clients)]
	sessions = [server.session(user) for user in users]
	latencies, errors, lock = [], [], threading.Lock()
	urls = (server.list_url(), server.count_url())
	deadline = time.monotonic() + seconds

	def client(session):
		index = 0
		while time.monotonic() < deadline:
			url = urls[index % 2]
			index += 1
			started = time.perf_counter()
			try:
				response = session.get(url, timeout=60)
				ok = response.status_code == 200
			except Exception as exc:  # a refused or dropped connection is an error the figure counts
				ok, response = False, exc
			elapsed = time.perf_counter() - started
			with lock:
				latencies.append(elapsed)
				if not ok:
					errors.append(str(getattr(response, "status_code", response)))

	threads = [threading.Thread(target=client, args=(session,)) for session in sessions]
	started = time.perf_counter()
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	elapsed = time.perf_counter() - started
	latencies.sort()
	return {
		"clients": clients,
		"seconds": elapsed,
		"requests": len(latencies),
		"rate": len(latencies) / elapsed,
		"p50": latencies[len(latencies) // 2],
		"p95": latencies[int(len(latencies) * 0.95) - 1],
		"max": latencies[-1],
		"errors": len(errors),
		"error_kinds": sorted(set(errors))[:5],
	}


def measure_api(args) -> dict:
	with own_contracts_only(), Gunicorn(args.site, args.port) as server:
		listing = measure_list(server, args.api_repeat)
		step(f"load: {args.clients} clients for {args.load_seconds:.0f} s")
		return {"list": listing, "load": measure_load(server, args.clients, args.load_seconds)}
