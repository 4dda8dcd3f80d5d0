"""Benchmark of the app on a generated dataset; writes benchmarks/RESULTS.md.

Run from the app's folder inside the bench, on a site of its own (it adds 100,000 contracts and a
million invoice rows; `--quick` adds 10,000 and 100,000):

    ../../env/bin/python -m benchmarks.run --site cm-bench.localhost [--quick]

Everything is measured in one run, on the same site. Both sides of every comparison get the same
number of repetitions (`--repeat`, at least 3); each figure is the median, with min and max.
Each repetition of the daily work does real work: the due state (contracts, claims, the log,
notifications, e-mails, ToDos, agreements) is put back as it was between repetitions.

1. The whole daily work as the hooks schedule it: every daily entry point of the app named in
   hooks.py `scheduler_events`, called as the scheduler calls it (a job it enqueues for the app runs
   at once, in the same process), at the small and at the full size, with the same work due.
2. The same work at the full size against ERPNext's own `update_status_for_contracts`.
3. Its fixed part, a day with nothing due (the day's work done already), against the set-based floor:
   one UPDATE per status move, one SELECT for prolongation and per reminder kind.
4. The cost of each delivered reminder and of each prolongation (from the two entry points' times).
5. The hot path: Sales Invoice, Purchase Invoice and Payment Entry insert + submit with the app's
   doc_events against without them, for a document with a contract and one without.
6. The peak memory of the daily work in a fresh process, above its baseline.
7. The first page of the contract list with a status filter through the REST API of gunicorn, for a
   sales contract user restricted to their own contracts against a Contract Manager.
8. Load: concurrent API clients (half restricted) listing and counting against gunicorn, 2 workers.
9. Catch-up after days without a scheduler (issue 22): the backlog of the missed days planted beside
   the dataset, the daily entry points called as the scheduler calls them, and 1, then 2 real
   `bench worker --queue long` processes taking the chunks (measures/catch_up.py).
10. With `--million`, after every other step: the dataset grown to ten times the full size and the
   day's work measured there against the full size.
11. The dataset's build time (its rows written by `--jobs` processes side by side).
It also EXPLAINs every query the daily work runs and lists those that scan a whole table, and measures
the reports, number cards and charts against their floors (measures/reports/).

This module composes the run: the dataset comes from generate/ (one module per table), each
measured area from measures/ (one module each), RESULTS.md from results.py.
"""

import argparse
import os
import pickle
import tempfile
import time
from pathlib import Path

import frappe
from frappe.utils import getdate, nowdate

from benchmarks import generate
from benchmarks.figures import Figure
from benchmarks.measures.api import measure_api
from benchmarks.measures.catch_up import combined, measure_catch_up
from benchmarks.measures.daily import DueState, measure_daily_work
from benchmarks.measures.erpnext import erpnext_job_stopped, measure_erpnext
from benchmarks.measures.explain import explain_daily_work
from benchmarks.measures.hot_path import measure_hot_path
from benchmarks.measures.memory import measure_memory, memory_probe
from benchmarks.measures.nothing_due import measure_nothing_due
from benchmarks.measures.reports.table import report_rows
from benchmarks.results import write_results
from benchmarks.site import commit, connect, machine, step, wait_for_idle_database


def main():
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", default=os.environ.get("CM_BENCH_SITE", "cm-bench.localhost"))
	parser.add_argument("--quick", action="store_true", help="10,000 contracts and 100,000 invoice rows")
	parser.add_argument("--contracts", type=int, help="the full size (default 100,000; quick 10,000)")
	parser.add_argument("--small", type=int, help="the small size (default a tenth)")
	parser.add_argument(
		"--rows", type=int, help="invoice (item) rows at the full size (default 10 a contract)"
	)
	parser.add_argument(
		"--due", type=int, help="the day's work of each kind (see generate/batch.py; 100, quick 10)"
	)
	parser.add_argument(
		"--jobs",
		type=int,
		default=2,
		help="processes writing the dataset's rows side by side, each with its own connection (1: this one)",
	)
	parser.add_argument(
		"--build-only",
		action="store_true",
		help="remove and build the dataset (both sizes) and print the build's time (#11), nothing measured",
	)
	parser.add_argument(
		"--million",
		action="store_true",
		help="also the third size (issue 22 #10): the day's work at 10 times the full size (1,000,000; "
		"quick 100,000), generated after every other step",
	)
	parser.add_argument("--million-contracts", type=int, help="the third size (default 10 times --contracts)")
	parser.add_argument(
		"--million-rows",
		type=int,
		help="invoice rows at the third size (default 10 a contract, as the full size; quick 1 a contract)",
	)
	parser.add_argument(
		"--missed-days", type=int, default=7, help="days without a scheduler before the catch-up (#9)"
	)
	parser.add_argument(
		"--queue-db",
		type=int,
		default=9,
		help="the Redis database (on the site's queue server) of the catch-up's own long queue and workers",
	)
	parser.add_argument(
		"--catch-up-timeout", type=float, default=1500, help="seconds a catch-up may take (the long queue's)"
	)
	parser.add_argument(
		"--worker-log",
		default=str(Path(tempfile.gettempdir()) / "cm-benchmark-workers.log"),
		help="the workers' output",
	)
	parser.add_argument(
		"--skip",
		action="append",
		default=[],
		help="leave out a step by its key (large, catch_up, fixed, hot, api, memory, scans, reports, erpnext; "
		"a developer's check)",
	)
	parser.add_argument("--repeat", type=int, default=3, help="repetitions of each side (at least 3)")
	parser.add_argument("--hot-repeat", type=int, default=5, help="repetitions of each hot-path document")
	parser.add_argument("--api-repeat", type=int, default=20, help="requests per user for the list page")
	parser.add_argument("--port", type=int, default=8031, help="gunicorn's port")
	parser.add_argument("--clients", type=int, default=20)
	parser.add_argument("--load-seconds", type=float, help="default 30 (quick 10)")
	parser.add_argument("--memory-probe", action="store_true", help=argparse.SUPPRESS)
	parser.add_argument(
		"--reports-only",
		action="store_true",
		help="measure only the reports, cards and charts on the dataset in place (a developer's check; "
		"RESULTS.md is not written)",
	)
	parser.add_argument("--report", action="append", help="with --reports-only: this report, card or chart")
	parser.add_argument("--note", help="with --rewrite: a paragraph added to RESULTS.md")
	parser.add_argument(
		"--rewrite", action="store_true", help="write RESULTS.md again from the last run's figures"
	)
	args = parser.parse_args()
	if args.memory_probe:
		memory_probe(args.site)
		return
	if args.reports_only:
		args.repeat = max(args.repeat, 3)
		measure_reports_only(args)
		return
	if args.rewrite:
		saved_args, figures = pickle.loads(saved_figures(args.site).read_bytes())
		saved_args.note = args.note
		write_results(saved_args, figures)
		return
	args.contracts = args.contracts or (10_000 if args.quick else 100_000)
	args.small = args.small or args.contracts // 10
	args.rows = args.rows if args.rows is not None else args.contracts * 10
	args.load_seconds = args.load_seconds or (10 if args.quick else 30)
	args.repeat = max(args.repeat, 3)
	# The quick mode is a developer's check within minutes: a tenth of the day's work too.
	args.due = args.due if args.due is not None else (10 if args.quick else 100)
	args.million_contracts = args.million_contracts or args.contracts * 10
	if args.million_rows is None:
		per_contract = 1 if args.quick else args.rows / args.contracts
		args.million_rows = round(args.rows + (args.million_contracts - args.contracts) * per_contract)
	run(args)


def saved_figures(site: str) -> Path:
	return Path(tempfile.gettempdir()) / f"cm-benchmark-{site}.pickle"


def run(args):
	run_started = time.perf_counter()
	connect(args.site)
	from tests.bootstrap import ensure_test_records
	from tests.records import EUR_COMPANY, RUB_COMPANY

	ensure_test_records()
	frappe.db.set_single_value("Contract Management Settings", "reminders_enabled", 1)
	commit()
	figures = {"args": vars(args), "machine": machine(), "day": getdate(nowdate())}
	day = figures["day"]
	companies = [RUB_COMPANY, EUR_COMPANY]

	step("removing an earlier dataset")
	generate.remove()
	figures["database_settled"] = wait_for_idle_database()
	step(
		f"the database idle again after {figures['database_settled']:.0f} s (InnoDB's purge of the removed rows)"
	)
	step(f"generating {args.small:,} contracts and {args.rows // 10:,} invoice rows")
	started = time.perf_counter()
	small = generate.generate(
		args.small,
		day,
		companies,
		invoice_rows=args.rows * args.small // args.contracts,
		due=args.due,
		jobs=args.jobs,
	)
	commit()
	figures["small_generation"] = time.perf_counter() - started
	figures["small_counts"] = small.counts
	state = DueState(small, day)
	if not args.build_only:
		step("the daily work at the small size")
		figures["small"] = measure_daily_work(state, args.repeat)
		save(args, figures, run_started)

	step(f"generating {args.contracts - args.small:,} more contracts")
	started = time.perf_counter()
	large = generate.generate(
		args.contracts - args.small,
		day,
		companies,
		invoice_rows=args.rows - args.rows * args.small // args.contracts,
		due=0,
		start_index=args.small + 1,
		jobs=args.jobs,
	)
	commit()
	figures["large_generation"] = time.perf_counter() - started
	figures["large_counts"] = large.counts
	figures["dataset"] = generate.counts()
	if args.build_only:
		build = figures["small_generation"] + figures["large_generation"]
		step(
			f"built {args.contracts:,} contracts and {args.rows:,} invoice rows with {args.jobs} writer(s) in "
			f"{build:.1f} s ({figures['small_generation']:.1f} s + {figures['large_generation']:.1f} s): "
			f"{figures['dataset']}"
		)
		frappe.destroy()
		return
	figures["erpnext_job_stopped"] = erpnext_job_stopped()
	save(args, figures, run_started)
	# The most wanted figures first; the figures so far are saved after each step, so a run stopped
	# early still writes what it measured (`--rewrite`).
	steps = (
		("the daily work at the full size", "large", lambda: measure_daily_work(state, args.repeat)),
		(
			f"catch-up after {args.missed_days} days without a scheduler, with 1 and 2 bench workers",
			"catch_up",
			lambda: catch_up(args, small, day, companies),
		),
		(
			"a day with nothing due, and the set-based floor",
			"fixed",
			lambda: measure_nothing_due(state, day, args.repeat),
		),
		("the hot path", "hot", lambda: measure_hot_path(day, args.hot_repeat)),
		("the REST API through gunicorn, and load", "api", lambda: measure_api(args)),
		("memory of the daily work in a fresh process", "memory", lambda: measure_memory(args.site, state)),
		("EXPLAIN of the daily work's queries", "scans", lambda: explain_daily_work(state)),
		(
			"the reports, number cards and charts against their floors and Accounts Receivable",
			"reports",
			lambda: measure_reports(day, args.repeat),
		),
		# The longest (one UPDATE per contract, repeated), so last.
		("ERPNext's update_status_for_contracts", "erpnext", lambda: measure_erpnext(args.repeat)),
	)
	for message, key, measure in steps:
		if key in args.skip:
			continue
		step(message)
		figures[key] = measure()
		save(args, figures, run_started)
	if args.million:
		third_size(args, figures, state, day, companies, run_started)
	write_results(args, figures)
	frappe.destroy()


def catch_up(args, small, day, companies) -> dict:
	"""#9: the backlog of the missed days planted beside the dataset (whose first batch has the day's
	own work), the catch-up run by 1 and by 2 workers, and the backlog removed."""
	step(f"planting the backlog of {args.missed_days} days without a scheduler")
	backlog = generate.plant_backlog(day, companies, args.due, args.missed_days, args.contracts + 1)
	commit()
	state = DueState(combined(small, backlog), day, args.missed_days)
	try:
		measured = measure_catch_up(
			state, day, args.repeat, args.queue_db, args.catch_up_timeout, logs_path=Path(args.worker_log)
		)
	finally:
		generate.remove_backlog(backlog)
		commit()
	measured["backlog_contracts"] = len(backlog.contracts)
	return measured


# Contracts generated in one call at the third size: its rows are held in memory until written.
THIRD_SIZE_BATCH = 100_000


def third_size(args, figures, state, day, companies, run_started):
	"""#10: the dataset grown to the third size (`--million`) with no more work due, and the day's work
	measured on it as at the other sizes; after every other step, which measure the full size."""
	added = args.million_contracts - args.contracts
	added_rows = args.million_rows - args.rows
	step(f"generating {added:,} more contracts and {added_rows:,} invoice rows (the third size)")
	started = time.perf_counter()
	for first in range(0, added, THIRD_SIZE_BATCH):
		count = min(THIRD_SIZE_BATCH, added - first)
		generate.generate(
			count,
			day,
			companies,
			invoice_rows=added_rows * count // added,
			due=0,
			start_index=args.contracts + 1 + first,
			jobs=args.jobs,
		)
		commit()
		step(f"  {args.contracts + first + count:,} contracts")
	figures["million_generation"] = time.perf_counter() - started
	figures["million_dataset"] = generate.counts()
	save(args, figures, run_started)
	step(f"the daily work at {args.million_contracts:,} contracts")
	figures["million"] = measure_daily_work(state, args.repeat)
	save(args, figures, run_started)


def measure_reports(day, repeat: int, only=None) -> list[dict]:
	from benchmarks.measures import reports
	from tests.records import RUB_COMPANY

	return reports.measure(RUB_COMPANY, day, repeat, Figure, log=step, only=only)


def measure_reports_only(args):
	"""A developer's check of the reports' step on the dataset in place; RESULTS.md is not written."""
	connect(args.site)
	measured = measure_reports(getdate(nowdate()), args.repeat, only=args.report or None)
	for line in report_rows(measured):
		print(line)
	frappe.destroy()


def save(args, figures, run_started):
	figures["total_seconds"] = time.perf_counter() - run_started
	saved_figures(args.site).write_bytes(pickle.dumps((args, figures)))


if __name__ == "__main__":
	main()
