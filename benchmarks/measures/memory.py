"""The peak memory of the daily work, measured in a fresh process above its baseline."""

import json
import resource
import subprocess
import sys
import tracemalloc
from pathlib import Path

import frappe

from benchmarks.measures.daily import DueState, daily_entry_points, run_daily_work
from benchmarks.site import connect


def memory_probe(site: str):
	"""In a fresh process: the daily work's peak memory above the process's baseline."""
	connect(site)
	for method in daily_entry_points():
		frappe.get_attr(method)  # imported before the baseline
	baseline_kb = status_kb("VmRSS")
	peak_reset = reset_peak_rss()
	tracemalloc.start()
	times = run_daily_work()
	_current, python_peak = tracemalloc.get_traced_memory()
	tracemalloc.stop()
	peak_kb = status_kb("VmHWM") if peak_reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
	print(
		json.dumps(
			{
				"seconds": sum(times.values()),
				"rss_baseline_mb": baseline_kb / 1024,
				"rss_peak_mb": peak_kb / 1024,
				"rss_growth_mb": (peak_kb - baseline_kb) / 1024,
				"python_peak_mb": python_peak / 1024 / 1024,
				"peak_reset": peak_reset,
			}
		)
	)
	frappe.destroy()


def status_kb(field: str) -> int:
	for line in Path("/proc/self/status").read_text().splitlines():
		if line.startswith(f"{field}:"):
			return int(line.split()[1])
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak_rss() -> bool:
	# Linux: writing 5 to clear_refs resets VmHWM, so memory startup once took does not count.
	try:
		Path("/proc/self/clear_refs").write_text("5")
		return True
	except OSError:
		return False


def measure_memory(site: str, state: DueState) -> dict:
	state.restore()
	state.mark()
	probe = subprocess.run(
		[sys.executable, "-m", "benchmarks.run", "--site", site, "--memory-probe"],
		capture_output=True,
		text=True,
		check=True,
		cwd=Path(__file__).parent.parent.parent,
	)
	memory = json.loads(probe.stdout.strip().splitlines()[-1])
	memory["done"] = state.done()
	state.restore()
	return memory
