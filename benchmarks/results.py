"""RESULTS.md, written from a run's figures: each measurement with its target, met or not, what would
close a target missed; the sections other scripts write into the file are kept."""

import re
from pathlib import Path

from benchmarks.figures import verdict
from benchmarks.measures.api import MANAGER_USER, RESTRICTED_USER
from benchmarks.measures.reports.table import report_rows

RESULTS = Path(__file__).parent / "RESULTS.md"
PREPARED_SECONDS = 5  # a report slower than this at the full size is run as a prepared report


WHAT_WOULD_CLOSE = {
	1: "What grows with the size is the set-based queries: the EXPLAIN section below lists any that reads "
	"a table whole; an index for it (setup/defaults.py) closes the gap. One that reads an index range "
	"growing with the contracts is not listed there: see #10.",
	2: "The day's work is its per-item cost (#4) times the work due: each reminder inserts its log entry, "
	"desk notifications and ToDo as documents, each committed on its own, while the prolongations are "
	"written in chunks (#4). ERPNext's job does one UPDATE per contract and nothing else. Writing a "
	"kind's log entries and notifications in bulk (one INSERT each per kind, then one commit) would "
	"bring the day within a tenth; the reminders' exactly-once and per-document guarantees (README) are "
	"what those per-document commits buy.",
	3: "The nothing-due day is the reminder run's fixed work per kind (settings, the run lock, the digest "
	"query) on top of the floor's queries; fewer queries per kind close it.",
	4: "Each system prolongation is made in a chunk of 200 (contracts/prolongation.py): the chunk's "
	"contracts read under row locks in one query, the renewals computed in memory, the agreements, change "
	"rows, Version entries and contracts written with one statement each, one commit per chunk (until "
	"issue 22, each was an agreement inserted and submitted through the document cycle, about 300 ms). "
	"What is left per prolongation is building its rows in Python, plus the day's status and No Answer "
	"moves this figure carries; over 30 ms, a profile of the lifecycle job on a quiet machine would "
	"say which.",
	5: "With a contract the app's validate reads the contract and, on submit, its invoiced total under the "
	"contract's row lock (two indexed queries). Without one, an invoice looks for the party's single "
	"contract in force (one indexed query, the auto-link setting), and a Payment Entry that pays "
	"documents runs no query of the app at all (it follows the contracts of what it pays; "
	"contracts/documents.py, tests/test_payment_contract_link.py). The spread of the repetitions (min "
	"and max) on this loaded machine is wider than the gap; more repetitions on a quiet machine would "
	"tell; keeping the invoiced total on the contract would leave one query.",
	6: "The candidates of a kind are read into memory at once; reading them in pages would bound it.",
	7: "The restricted user's list adds the rule's condition (direction, own contracts or assigned "
	"parties); an index on (cm_direction, cm_responsible) lets the database stop at the first page.",
	8: "Errors under load come from gunicorn's worker timeout or the database; more workers or a longer "
	"timeout close them.",
	9: "The runs' timelines below say where the time goes. With 1 worker the chunks are about two thirds "
	"of it; the rest is the start (the entry points find the due work before the first chunk, about "
	"0.7 s), the e-mail digests each kind's last chunk queues (Frappe's worker forks a process for each "
	"job, which loads the e-mail stack and parses its styles again: about 1 s a kind), and the status "
	"moves after the last prolongation. With 2 the start and the end stay serial, each chunk takes "
	"longer beside the other worker and the database on 2 cores (the cores busy are given), and the "
	"machine is kept about 1.7 cores busy, not 2. Queuing the day's digests of every kind as one job "
	"would pay the e-mail stack once instead of once a kind; a machine with more cores than workers "
	"would keep the chunks from slowing each other.",
	10: "The lifecycle job grew with the contracts (see the entry points' times). Each status move reads "
	"the contracts that may move through an index on (status, date): the move at a start reads the start "
	"dates since the last night's move, the moves at a termination or fulfilment name the statuses still "
	"to move (until this issue's fix they read 79,285 contracts signed ahead, 131,770 not started, "
	"47,998 fulfilled and 20,826 terminated at 1,000,000 every night). A move that reads a growing "
	"range is not listed in the EXPLAIN section (a range, not a whole table): a profile of the lifecycle "
	"job on the grown dataset finds it.",
	11: "The build writes about three million rows with their secondary indexes; `--jobs` writes the tables "
	"over parallel connections while the rows are planned, which on 2 shared cores gains what the "
	"database's share of them allows; restoring a dump of a built dataset would close it.",
}


def write_results(args, f):
	"""RESULTS.md from the figures measured; a figure the run did not get to is said to be missing."""
	from tests.records import RUB_COMPANY

	missing = "not measured: the run stopped before it" + (
		f" or skipped it (`--skip {' '.join(args.skip)}`)" if getattr(args, "skip", None) else ""
	)
	data = f.get("dataset") or {}
	rows, notes = [], []

	def row(number, what, figure, target="", ok=None):
		rows.append(f"| {number} | {what} | {figure} | {target} | {'' if ok is None else verdict(ok)} |")
		if figure == missing:
			notes.append(f"- **#{number}**: {what}: not measured, the run was stopped before it.")
		if ok is False:
			notes.append(f"- **#{number}**: {what}: {figure}, target {target}. {WHAT_WOULD_CLOSE[number]}")

	small_total, small_methods, small_done = f.get("small") or (None, {}, [])
	large_total, large_methods, large_done = f.get("large") or (None, {}, [])
	row(1, f"daily work at {args.small:,} contracts", small_total.s() if small_total else missing)
	row(1, f"daily work at {args.contracts:,} contracts", large_total.s() if large_total else missing)
	if small_total and large_total:
		ratio = large_total.median / small_total.median
		row(1, f"ratio {args.contracts:,} / {args.small:,} (medians)", f"{ratio:.2f}", "≤ 1.5", ratio <= 1.5)
	erpnext = f.get("erpnext")
	contracts = data.get("contracts", args.contracts)
	row(
		2,
		f"ERPNext's `update_status_for_contracts` on the same {contracts:,} contracts",
		erpnext.s() if erpnext else missing,
	)
	if erpnext and large_total:
		# The site's whole nightly contract work: the app's daily work, and ERPNext's job while the site
		# still runs it (the app stops it on install: setup/scheduled_jobs.py).
		stopped = f.get("erpnext_job_stopped")
		share = (large_total.median + (0 if stopped else erpnext.median)) / erpnext.median
		row(
			2,
			"the site's nightly contract work (the app's daily work"
			+ ("; ERPNext's job stopped by the app)" if stopped else " + ERPNext's job, which still runs)")
			+ " / ERPNext's job alone (medians)",
			f"{share:.3f}",
			"≤ 0.1",
			share <= 0.1,
		)
	ours_fixed, floor, fixed_methods = f.get("fixed") or (None, None, {})
	if ours_fixed:
		fixed_ratio = ours_fixed.median / floor.median
		row(3, f"daily work on a day with nothing due, {args.contracts:,} contracts", ours_fixed.s())
		row(3, "set-based floor (one UPDATE per status move, one SELECT per kind)", floor.s())
		row(3, "nothing-due day / floor (medians)", f"{fixed_ratio:.2f}", "≤ 2", fixed_ratio <= 2)
	else:
		row(3, "daily work on a day with nothing due against the set-based floor", missing)
	done = large_done[0] if large_done else (small_done[0] if small_done else None)
	# The lifecycle's entry point (jobs.enqueue_daily; services.lifecycle.enqueue_daily before the
	# packages): its time less its nothing-due run is the prolongations'.
	lifecycle = next((m for m in large_methods if m.endswith("enqueue_daily")), None)
	reminders = next((m for m in large_methods if "reminder" in m), None)
	if done and reminders and done["reminders"] and fixed_methods:
		per = (large_methods[reminders].median - fixed_share(fixed_methods, reminders)) / done["reminders"]
		row(
			4,
			f"each delivered reminder: (reminder job − its nothing-due run) ÷ {done['reminders']}",
			f"{per * 1000:.1f} ms",
			"≤ 5 ms",
			per <= 0.005,
		)
	if done and lifecycle and done["prolongations"] and fixed_methods:
		per = (large_methods[lifecycle].median - fixed_share(fixed_methods, lifecycle)) / done[
			"prolongations"
		]
		row(
			4,
			f"each prolongation: (lifecycle job − its nothing-due run) ÷ {done['prolongations']}, the "
			f"{done['status_moves']} status moves and {done['no_answer']} No Answer moves included",
			f"{per * 1000:.1f} ms",
			"≤ 30 ms",
			per <= 0.030,
		)
	if not fixed_methods:
		row(4, "cost of a reminder and of a prolongation", missing, "written down")
	hot = f.get("hot")
	for doctype in ("Sales Invoice", "Purchase Invoice", "Payment Entry"):
		for with_contract in (True, False):
			label = f"{doctype} insert + submit, {'with' if with_contract else 'without'} a contract"
			if not hot:
				row(5, label, missing, "≤ 1.10×")
				continue
			on, off = hot[(doctype, with_contract, True)], hot[(doctype, with_contract, False)]
			hot_ratio = on.median / off.median
			row(
				5,
				f"{label}: with the app's hooks {on.ms()}, without {off.ms()}",
				f"{hot_ratio:.2f}×",
				"≤ 1.10×",
				hot_ratio <= 1.10,
			)
	memory = f.get("memory")
	if memory:
		growth = memory["rss_growth_mb"]
		row(
			6,
			"peak memory of the daily work above the worker's baseline (peak RSS − RSS before"
			f"{'' if memory['peak_reset'] else '; peak since start, an upper bound'}; baseline "
			f"{memory['rss_baseline_mb']:.0f} MB; peak of Python's allocations {memory['python_peak_mb']:.1f} MB)",
			f"{growth:.1f} MB",
			"≤ 150 MB",
			growth <= 150,
		)
	else:
		row(6, "peak memory of the daily work above the worker's baseline", missing, "≤ 150 MB")
	api = f.get("api")
	if api:
		times, counts = api["list"]["times"], api["list"]["rows"]
		restricted, manager = times[RESTRICTED_USER], times[MANAGER_USER]
		list_ratio = restricted.median / manager.median
		row(
			7,
			f"contract list, first page, status Active, REST API (gunicorn, {contracts:,} contracts): sales "
			f"contract user with own contracts only ({counts[RESTRICTED_USER]} rows) {restricted.ms()}; "
			f"Contract Manager ({counts[MANAGER_USER]} rows) {manager.ms()}",
			f"{list_ratio:.2f}×",
			"≤ 2×",
			list_ratio <= 2,
		)
		load = api["load"]
		row(
			8,
			f"load: {load['clients']} clients (half restricted) listing and counting for {load['seconds']:.0f} s, "
			f"gunicorn 2 workers: {load['requests']:,} requests, {load['rate']:.1f} req/s, p50 "
			f"{load['p50'] * 1000:.0f} ms, max {load['max'] * 1000:.0f} ms",
			f"p95 {load['p95'] * 1000:.0f} ms, {load['errors']} errors"
			+ (f" ({', '.join(load['error_kinds'])})" if load["errors"] else ""),
			"p95 and errors written down; 0 errors",
			load["errors"] == 0,
		)
	else:
		row(
			7, "contract list through the REST API, restricted user against Contract Manager", missing, "≤ 2×"
		)
		row(8, "load: 20 clients for 30 s", missing, "0 errors")

	catch_up_rows(row, f.get("catch_up"), args, missing)
	million = f.get("million")
	third = getattr(args, "million_contracts", 0)
	if million or getattr(args, "million", False):
		million_total = million[0] if million else None
		row(10, f"daily work at {third:,} contracts", million_total.s() if million_total else missing)
		if million_total and large_total:
			ratio = million_total.median / large_total.median
			row(
				10,
				f"ratio {third:,} / {args.contracts:,} (medians; the same work due)",
				f"{ratio:.2f}",
				"≤ 1.5",
				ratio <= 1.5,
			)
	else:
		row(10, "the day's work at ten times the full size", "not run: `--million` not given", "≤ 1.5")
	if f.get("large_generation") is not None:
		build = f["small_generation"] + f["large_generation"]
		jobs = getattr(args, "jobs", 1)
		row(
			11,
			f"dataset build, {args.contracts:,} contracts and {args.rows:,} invoice rows, {jobs} writer "
			f"process{'es' if jobs > 1 else ''} (`--jobs`)",
			f"{build / 60:.1f} min",
			"≤ 10 min" + (" (at 100,000 contracts)" if args.quick else ""),
			build <= 600,
		)
		if f.get("million_generation") is not None:
			row(
				11,
				f"dataset grown to {third:,} contracts and {args.million_rows:,} invoice rows",
				f"{f['million_generation'] / 60:.1f} min",
				"written down",
			)

	title = "python -m benchmarks.run" + (" --quick" if args.quick else "")
	lines = [
		"# Benchmark results",
		"",
		f"Written by `{title}` (`benchmarks/run.py`, see the README); every figure is from that one run.",
		"",
		f"- **Run on:** {f['day']}, site `{args.site}`, {f['total_seconds'] / 60:.1f} minutes"
		+ (
			". **The quick mode: a tenth of the issue's sizes and of the day's work, so these figures "
			"do not answer the targets at 100,000 contracts and 1,000,000 invoice rows.**"
			if args.quick
			else ""
		),
		f"- **Machine:** {f['machine']}"
		+ (
			f"; before the first step the run waited {f['database_settled']:.0f} s for the database to be "
			"idle (InnoDB purging the rows of the dataset removed)"
			if f.get("database_settled")
			else ""
		),
	]
	if data:
		invoice_rows = data["sales_invoice_rows"] + data["purchase_invoice_rows"]
		lines.append(
			f"- **Dataset** (`benchmarks/generate/`): {data['contracts']:,} signed contracts in two companies, "
			f"5,000 customers and suppliers; {invoice_rows:,} invoice rows (item rows: "
			f"{data['sales_invoice_rows']:,} of {data['sales_invoices']:,} Sales Invoices, "
			f"{data['purchase_invoice_rows']:,} of {data['purchase_invoices']:,} Purchase Invoices; "
			f"{data['under_contract']:,} invoices under a contract, the rest without), {data['credit_notes']:,} "
			f"credit notes, {data['payments']:,} Payment Entries (in full by the due date, in full late, in "
			f"part; the rest unpaid), {data['gl_entries']:,} GL Entries, {data['payment_ledger_entries']:,} "
			f"Payment Ledger Entries, {data['obligations']:,} obligations, {data['claims']:,} claims, "
			f"{data.get('reminder_log', 0):,} reminder log entries of the past year. Built in "
			f"{f['small_generation']:.0f} s ({args.small:,} contracts) + {f['large_generation']:.0f} s (the rest); "
			"invoices only in the rouble company (the other company's contracts have none)."
		)
	third = f.get("million_dataset")
	if third:
		lines.append(
			f"- **Third size** (`--million`, #10; generated after every other step, which measure the full "
			f"size): {third['contracts']:,} contracts, "
			f"{third['sales_invoice_rows'] + third['purchase_invoice_rows']:,} invoice rows, "
			f"{third['gl_entries']:,} GL Entries, {third['primary_documents']:,} primary documents; built "
			f"in {f['million_generation']:.0f} s more; the same work due."
		)
	if done:
		lines.append(
			f"- **The day's work** (the same at every size): {done['status_moves']} status moves, "
			f"{done['prolongations']} prolongations, {done['no_answer']} claims to No Answer, "
			f"{done['reminders']} reminders delivered (bell, e-mail digest, ToDo as the default rules say). "
			f"Each repetition did it afresh: {summary_of(small_done + large_done)}."
		)
	methods = large_methods or small_methods
	lines += [
		f"- **The daily work as scheduled:** {', '.join(f'`{m}`' for m in methods)} (hooks.py "
		"`scheduler_events`); the lifecycle job it enqueues on the long queue runs at once, in the same "
		"process. Figures are medians of the repetitions, with min and max; both sides of a comparison "
		f"have the same number ({args.repeat}; hot path {args.hot_repeat}, list page {args.api_repeat}).",
		"",
		"| # | measurement | figure | target | |",
		"|---|---|---|---|---|",
		*rows,
		"",
		"## Time of each entry point (medians)",
		"",
	]
	for label, by_method in (
		(f"{args.small:,} contracts", small_methods),
		(f"{args.contracts:,} contracts", large_methods),
		(f"{getattr(args, 'million_contracts', 0):,} contracts", (f.get("million") or (None, {}))[1]),
		(f"{args.contracts:,} contracts, nothing due", fixed_methods),
	):
		if by_method:
			lines.append(f"- {label}: " + "; ".join(f"`{m}` {fig.s()}" for m, fig in by_method.items()))
	lines += catch_up_lines(f.get("catch_up"))
	lines += [
		"",
		"## Full scans in the daily work's queries (EXPLAIN at the full size)",
		"",
		"Every SELECT and UPDATE the daily work ran on Contract, Sales Invoice, Purchase Invoice or the "
		"reminder log, EXPLAINed; listed when it reads one of them whole (a table or index scan of 1,000 rows "
		"or more).",
		"",
	]
	scans = f.get("scans")
	if scans is None:
		lines.append(missing + ".")
	elif scans:
		for scan in scans:
			lines.append(
				f"- `{scan['table']}` read whole ({scan['type']}, about {int(scan['rows'] or 0):,} rows): "
				f"`{' '.join(scan['query'].split())[:400]}`"
			)
	else:
		lines.append(
			"None: no query of the daily work reads Contract, Sales Invoice, Purchase Invoice or the reminder "
			"log whole."
		)
	lines += [
		"",
		"## Reports, number cards and charts (issue 10)",
		"",
		f"At {contracts:,} contracts, each report as the desk opens it (company `{RUB_COMPANY}`, "
		"default filters, as Administrator) and each number card and chart of the Contracts workspace, "
		"against a hand-written raw-SQL floor giving the same figures (`benchmarks/measures/reports/`; the figures "
		"of both compared in the run), and Debts by Contract against ERPNext's own Accounts Receivable on "
		f"the same data and date. Median of {args.repeat} runs of each side, with min and max.",
		"",
	]
	measured = f.get("reports")
	if measured is None:
		lines.append(missing + ".")
		notes.append(
			"- **Issue 10**: the reports, cards and charts: not measured, the run was stopped before them."
		)
	else:
		lines += report_rows(measured, notes)
		slow = sorted(
			{
				m["name"]
				for m in measured
				if m["group"] == "report" and not m.get("failed") and m["ours"].median > PREPARED_SECONDS
			}
		)
		from contract_management.reporting.background_reports import DEFAULT_THRESHOLD, HEAVY_REPORTS

		lines += [
			"",
			f"Reports over {PREPARED_SECONDS} s here: {', '.join(slow) or 'none'}. Run in the background "
			f"(prepared reports) from {DEFAULT_THRESHOLD:,} contracts by default (Contract Management "
			f"Settings): {', '.join(HEAVY_REPORTS)}.",
		]
	if args.quick:
		notes.insert(
			0, "- The quick mode's figures do not answer the targets, which are set at 100,000 contracts."
		)
	lines += ["", "## Targets missed", "", *(notes or ["None."])]
	if getattr(args, "note", None):
		lines += ["", "## Note", "", args.note]
	kept = other_sections()  # read before the file is written anew
	RESULTS.write_text("\n".join(lines) + "\n" + kept)
	print(RESULTS.read_text())


def catch_up_rows(row, measured, args, missing):
	"""#9: the catch-up with 1 and 2 workers, and its checks."""
	days = getattr(args, "missed_days", 7)
	if not measured:
		row(9, f"catch-up after {days} days without a scheduler, 1 and 2 bench workers", missing, "≤ 0.6")
		return
	times = measured["times"]
	one, two = times.get(1), times.get(2)
	for count, figure in sorted(times.items()):
		row(
			9,
			f"catch-up after {days} days without a scheduler ({measured['backlog_contracts']:,} contracts of "
			f"backlog beside the day's work), {count} `bench worker --queue long`: until every chunk of the "
			"day is done",
			figure.s(),
		)
	checks = (measured["finished"], measured["nothing_twice"], measured["same_result"])
	row(
		9,
		"every run finished with no chunk failed; nothing done twice (reminder log keys, desk notifications, "
		"ToDos, one system agreement per contract and period); 1 and 2 workers left the same result",
		", ".join(
			(
				"finished" if checks[0] else "NOT finished",
				"nothing twice" if checks[1] else "SOMETHING TWICE",
				"same result" if checks[2] else "results DIFFER",
			)
		),
		"finishes, nothing twice",
		all(checks),
	)
	if one and two:
		ratio = two.median / one.median
		row(9, "time with 2 workers / with 1 (medians)", f"{ratio:.2f}", "≤ 0.6", ratio <= 0.6)


def catch_up_lines(measured) -> list[str]:
	"""Each catch-up run: its workers, time, chunks and what it did."""
	if not measured:
		return []
	lines = ["", "## Catch-up runs (#9)", ""]
	for run in measured["runs"]:
		seconds = f"{run['seconds']:.1f} s" if run["seconds"] is not None else "not finished"
		done = run["done"]
		chunks = ", ".join(f"{status} {count}" for status, count in sorted(run["chunks"].items()))
		lines.append(
			f"- {run['workers']} worker(s), run {run['repetition']}: {seconds}; chunks {chunks}; "
			f"{done['prolongations']} prolongations, {done['status_moves']} status moves, "
			f"{done['no_answer']} claims to No Answer, {done['reminders']} reminders sent"
			+ (f"; done twice: {run['twice']}" if run["twice"] else "")
		)
		if run.get("timeline"):
			lines.append(f"  - {timeline_line(run)}")
	return lines


def timeline_line(run) -> str:
	"""Where a catch-up run's time went: the cores kept busy, the entry points' seconds, the busy seconds
	summed over the chunks, when the last one finished, and each chunk's span (seconds from the start)."""
	spans = run["timeline"]
	busy = sum(end - start for *_, start, end in spans)
	last_end = max(end for *_, end in spans)
	chunks = ", ".join(
		f"{work} {number} ({items}) {start:.1f}–{end:.1f}" for work, number, items, start, end in spans
	)
	cpu = run.get("cpu") or {}
	cores = (
		f"cores busy on average {cpu['busy']:.2f} of {cpu['cores']} (the database {cpu['database']:.2f}); "
		if cpu
		else ""
	)
	return (
		f"{cores}entry points {run.get('entry_seconds', 0):.1f} s; chunks busy {busy:.1f} s in all, the "
		f"last finished at {last_end:.1f} s; {chunks}"
	)


def other_sections() -> str:
	"""The sections other scripts write into RESULTS.md between their own markers
	(`<!-- name: start -->` ... `<!-- name: end -->`, e.g. benchmarks/onboarding.py): kept as they are."""

	if not RESULTS.exists():
		return ""
	text = RESULTS.read_text(encoding="utf-8")
	blocks = re.finditer(r"<!-- ([\w-]+): start -->.*?<!-- \1: end -->", text, re.S)
	return "".join(f"\n{block.group(0)}\n" for block in blocks)


def fixed_share(fixed_methods: dict, method: str) -> float:
	figure = fixed_methods.get(method)
	return figure.median if figure else 0.0


def summary_of(done: list[dict]) -> str:
	keys = ("status_moves", "prolongations", "no_answer", "reminders")
	distinct = {tuple(d[k] for k in keys) for d in done}
	if len(distinct) == 1:
		return f"all {len(done)} repetitions did the same"
	return "repetitions differed: " + "; ".join(
		", ".join(f"{k} {v}" for k, v in zip(keys, values, strict=True)) for values in sorted(distinct)
	)
