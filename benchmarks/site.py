"""The benchmark's site: connecting to it from the bench, committing what a benchmark writes for good,
the machine it runs on, and the run's log."""

import os
import platform
import sys
import time
from pathlib import Path

import frappe


def connect(site: str):
	bench = Path(sys.prefix).parent
	os.chdir(bench / "sites")
	frappe.init(site=site, sites_path=str(bench / "sites"))
	frappe.connect()
	frappe.set_user("Administrator")


def commit():
	frappe.db.commit()  # nosemgrep: frappe-manual-commit (a benchmark writes its data for good)


def database_cpu_seconds() -> float:
	"""CPU seconds the database server has used so far."""
	import psutil

	return sum(
		sum(process.cpu_times()[:2])
		for process in psutil.process_iter(["name"])
		if process.info["name"] in ("mariadbd", "mysqld")
	)


def wait_for_idle_database(window: float = 5, idle_share: float = 0.1, timeout: float = 1800) -> float:
	"""Wait until the database server uses under `idle_share` of a core over a `window` of seconds, and
	return the seconds waited. The DELETEs of a removed dataset commit at once, but InnoDB purges the
	deleted rows afterwards, in the background: after a third size of a million contracts (4 million
	primary documents) it kept a core busy for minutes, which the first measurements would have paid."""
	started = time.perf_counter()
	while time.perf_counter() - started < timeout:
		before = database_cpu_seconds()
		time.sleep(window)
		if database_cpu_seconds() - before < idle_share * window:
			break
	return time.perf_counter() - started


def step(message: str):
	print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine() -> str:
	cpu = "unknown CPU"
	memory_kb = 0
	try:
		for line in Path("/proc/cpuinfo").read_text().splitlines():
			if line.startswith("model name"):
				cpu = line.split(":", 1)[1].strip()
				break
		for line in Path("/proc/meminfo").read_text().splitlines():
			if line.startswith("MemTotal"):
				memory_kb = int(line.split()[1])
	except OSError:
		pass
	database = frappe.db.sql("select version()")[0][0]
	buffer_pool = frappe.db.sql("select @@innodb_buffer_pool_size")[0][0] / 1024 / 1024
	return (
		f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.0f} GiB RAM, {platform.system()} "
		f"{platform.release()}, Python {platform.python_version()}, MariaDB {database} "
		f"(buffer pool {buffer_pool:.0f} MiB); load average at the start {os.getloadavg()[0]:.2f}"
	)
