"""Benchmark of the daily contract work on a generated dataset; writes benchmarks/RESULTS.md.

Run from the app's folder inside the bench, on a site of its own (it adds 100,000 contracts):

    ../../env/bin/python -m benchmarks.run --site cm-bench.localhost

Measured, on the same site in the same run:
1. the app's daily work (status moves + reminders) at 10,000 contracts and at 100,000 contracts with
   the same number of reminders due (target: the ratio stays at or below 1.5);
2. ERPNext's own daily `update_status_for_contracts` on the same 100,000 contracts (target: the app's
   work, doing more, takes at most a tenth of its time);
3. the peak memory of the app's daily work at 100,000 contracts, in a fresh process, above that
   process's baseline after connecting (target: at most 150 MB).
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import frappe
from frappe.utils import getdate, nowdate

from benchmarks import generate

RESULTS = Path(__file__).parent / "RESULTS.md"


def connect(site: str):
	bench = Path(sys.prefix).parent
	os.chdir(bench / "sites")
	frappe.init(site=site, sites_path=str(bench / "sites"))
	frappe.connect()
	frappe.set_user("Administrator")


def daily_work(day):
	"""What the app runs every day for contracts: the status moves and the reminders."""
	from contract_management.services.lifecycle import update_statuses
	from contract_management.services.reminders import send_reminders

	update_statuses(day)
	return send_reminders(day)


def clear_sent(day):
	"""Forget the reminders sent, so the next measurement sends the same ones again."""
	for doctype, field in (
		("Notification Log", "document_name"),
		("Email Queue", "reference_name"),
		("ToDo", "reference_name"),
	):
		frappe.db.delete(doctype, {field: ("like", f"{generate.PREFIX}%")})
	frappe.db.delete("Contract Reminder Log", {"contract": ("like", f"{generate.PREFIX}%")})
	frappe.db.commit()


def timed(fn, *args, repeat=3):
	best = None
	result = None
	for _ in range(repeat):
		started = time.perf_counter()
		result = fn(*args)
		elapsed = time.perf_counter() - started
		best = elapsed if best is None else min(best, elapsed)
	return best, result


def measure_our_job(day, repeat=3):
	def once():
		clear_sent(day)
		started = time.perf_counter()
		sent = daily_work(day)
		elapsed = time.perf_counter() - started
		frappe.db.commit()
		return elapsed, len(sent)

	runs = [once() for _ in range(repeat)]
	return min(run[0] for run in runs), runs[0][1]


def memory_probe(site: str, day: str):
	"""Run in a fresh process: the job's peak memory above the process's baseline."""
	connect(site)
	import contract_management.services.reminders  # noqa: F401 (imported before the baseline)

	clear_sent(getdate(day))
	# Baseline: the resident memory just before the job. Peak: the high-water mark during the job, after
	# resetting the process's mark (Linux: writing 5 to /proc/self/clear_refs resets VmHWM), so the
	# memory startup once took does not count as the job's.
	baseline_kb = status_kb("VmRSS")
	peak_reset = reset_peak_rss()
	tracemalloc.start()
	sent = daily_work(getdate(day))
	_current, python_peak = tracemalloc.get_traced_memory()
	tracemalloc.stop()
	peak_kb = status_kb("VmHWM") if peak_reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
	frappe.db.commit()
	print(
		json.dumps(
			{
				"sent": len(sent),
				"rss_baseline_mb": baseline_kb / 1024,
				"rss_peak_mb": peak_kb / 1024,
				"rss_growth_mb": (peak_kb - baseline_kb) / 1024,
				"python_peak_mb": python_peak / 1024 / 1024,
				"peak_reset": peak_reset,
			}
		)
	)


def status_kb(field: str) -> int:
	for line in Path("/proc/self/status").read_text().splitlines():
		if line.startswith(f"{field}:"):
			return int(line.split()[1])
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak_rss() -> bool:
	try:
		Path("/proc/self/clear_refs").write_text("5")
		return True
	except OSError:
		return False


def machine() -> str:
	cpu = "unknown CPU"
	try:
		for line in Path("/proc/cpuinfo").read_text().splitlines():
			if line.startswith("model name"):
				cpu = line.split(":", 1)[1].strip()
				break
		memory_kb = int(
			next(
				l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")
			).split()[1]
		)
	except (OSError, StopIteration):
		memory_kb = 0
	return f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.0f} GiB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main():
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", default=os.environ.get("CM_BENCH_SITE", "cm-bench.localhost"))
	parser.add_argument("--contracts", type=int, default=100_000)
	parser.add_argument("--small", type=int, default=10_000)
	parser.add_argument("--due", type=int, default=100, help="contracts due for each planted reminder kind")
	parser.add_argument("--memory-probe", help=argparse.SUPPRESS)
	args = parser.parse_args()

	if args.memory_probe:
		memory_probe(args.site, args.memory_probe)
		return

	connect(args.site)
	from tests.bootstrap import ensure_test_records
	from tests.records import EUR_COMPANY, RUB_COMPANY

	ensure_test_records()
	day = getdate(nowdate())
	responsible = "cm.sales@example.com"

	print("removing an earlier dataset ...")
	generate.remove()
	started = time.perf_counter()
	generate.generate(args.small, day, [RUB_COMPANY, EUR_COMPANY], responsible, due=args.due)
	small_generation = time.perf_counter() - started
	print(f"generated {args.small} contracts in {small_generation:.1f} s")
	small_time, small_sent = measure_our_job(day)
	print(f"app's daily work at {args.small}: {small_time:.3f} s, {small_sent} reminders")

	started = time.perf_counter()
	generate.generate(
		args.contracts - args.small,
		day,
		[RUB_COMPANY, EUR_COMPANY],
		responsible,
		due=0,
		start_index=args.small + 1,
	)
	large_generation = time.perf_counter() - started
	print(f"generated {args.contracts - args.small} more contracts in {large_generation:.1f} s")
	large_time, large_sent = measure_our_job(day)
	print(f"app's daily work at {args.contracts}: {large_time:.3f} s, {large_sent} reminders")

	from erpnext.crm.doctype.contract.contract import update_status_for_contracts

	contracts = frappe.db.count("Contract", {"docstatus": 1, "is_signed": 1})
	started = time.perf_counter()
	update_status_for_contracts()
	frappe.db.commit()
	erpnext_time = time.perf_counter() - started
	print(f"ERPNext's update_status_for_contracts on {contracts} signed contracts: {erpnext_time:.1f} s")
	# ERPNext's job wrote its own view of `status`; the app's next daily run puts it back in line.
	daily_work(day)
	frappe.db.commit()

	probe = subprocess.run(
		[sys.executable, "-m", "benchmarks.run", "--site", args.site, "--memory-probe", str(day)],
		capture_output=True,
		text=True,
		check=True,
		cwd=Path(__file__).parent.parent,
	)
	memory = json.loads(probe.stdout.strip().splitlines()[-1])
	print(f"memory: {memory}")

	ratio = large_time / small_time
	share = large_time / erpnext_time
	write_results(
		args,
		day,
		contracts,
		small_generation,
		large_generation,
		small_time,
		small_sent,
		large_time,
		large_sent,
		erpnext_time,
		memory,
		ratio,
		share,
	)
	frappe.destroy()


def write_results(
	args,
	day,
	contracts,
	small_generation,
	large_generation,
	small_time,
	small_sent,
	large_time,
	large_sent,
	erpnext_time,
	memory,
	ratio,
	share,
):
	verdict = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
	RESULTS.write_text(
		f"""# Benchmark results

Written by `python -m benchmarks.run` (see the module's docstring and the README). Figures are what
that run measured; rerun it to refresh them.

- **Run on:** {day}, site `{args.site}`
- **Machine:** {machine()}
- **Dataset:** {contracts:,} signed contracts over two companies and 5,000 customers and suppliers
  (`benchmarks/generate.py`), start dates over five years, one obligation per ten contracts, one claim
  per hundred (answered or long past their deadline); at both
  sizes {args.due} contracts end in 30 days, {args.due} reach their prolongation notice deadline in 14 days
  and {args.due} obligations fall due today; every other date lies outside every reminder window.
  Generation: {args.small:,} contracts in {small_generation:.1f} s, {args.contracts - args.small:,} more in {large_generation:.1f} s.
- **The app's daily work** = the set-based status moves (`lifecycle.update_statuses`) and the reminder
  job (`reminders.send_reminders`), with the default rules: desk notification and e-mail (queued) to the
  responsible person, the head of department where the rule says so. Best of three runs, each sending
  the same reminders afresh.

| measurement | figure | target | |
|---|---|---|---|
| daily work at {args.small:,} contracts | {small_time:.3f} s ({small_sent} reminders) | | |
| daily work at {args.contracts:,} contracts | {large_time:.3f} s ({large_sent} reminders) | | |
| ratio {args.contracts:,} / {args.small:,} | {ratio:.2f} | ≤ 1.5 | {verdict(ratio <= 1.5)} |
| ERPNext's `update_status_for_contracts`, {contracts:,} contracts | {erpnext_time:.1f} s | | |
| the app's daily work / ERPNext's job | {share:.3f} | ≤ 0.1 | {verdict(share <= 0.1)} |
| peak memory of the daily work above the worker's baseline (peak RSS during the job − RSS before it{"" if memory["peak_reset"] else "; peak since process start, an upper bound"}) | {memory["rss_growth_mb"]:.1f} MB (baseline {memory["rss_baseline_mb"]:.0f} MB, peak {memory["rss_peak_mb"]:.0f} MB) | ≤ 150 MB | {verdict(memory["rss_growth_mb"] <= 150)} |
| peak Python allocations during it (tracemalloc) | {memory["python_peak_mb"]:.1f} MB | | |
"""
	)
	print(RESULTS.read_text())


if __name__ == "__main__":
	main()
