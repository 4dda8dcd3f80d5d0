"""Onboarding benchmark: the 1,000-row contract import and the 10,000-contract backfill.

Run from the app's folder inside the bench, on a site with the app (it removes what it makes):

    ../../env/bin/python -m benchmarks.onboarding --site cm-bench.localhost

1. Import: 1,000 contract rows through Frappe's real Data Import (a quarter each: signed sales with the
   customer by name, signed sales with the customer by ИНН, signed purchases with the supplier by ИНН,
   all keeping their registry numbers; draft purchases numbered by the series), timed from the start
   of the import to its end, the importer's commit per row included. Target: 60 s or less.
2. Backfill: 10,000 contracts inserted in bulk as ERPNext stores them, without the app's fields (half
   signed, customers and suppliers), then `backfill_contracts()` as install and migrate run it, timed
   with its commit. Checked: every contract has a company, direction and registry number, and no number
   is used twice in a company and direction. Target: 60 s or less.

The figures go to their own section of benchmarks/RESULTS.md, between the markers below; the rest of
the file is left as it is.
"""

import argparse
import os
import platform
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import random_string

from benchmarks.site import commit, connect
from tests import onboarding

START = "<!-- onboarding: start -->"
END = "<!-- onboarding: end -->"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TARGET_SECONDS = 60
CONTRACT_EVENTS = ("before_insert", "autoname", "before_validate", "validate", "before_submit")


def company() -> str:
	from contract_management.onboarding.registry_backfill import default_company

	return default_company() or frappe.get_all("Company", pluck="name", limit=1)[0]


def measure_import(rows_count: int) -> dict:
	onboarding.ensure_import_parties()
	series_before = onboarding.series_counters()
	rows = onboarding.thousand_rows(random_string(5).upper(), company(), rows_count)
	misses_before = table_cache_misses()
	with app_hooks_timed() as in_hooks:
		started = time.perf_counter()
		data_import = onboarding.run_data_import("Contract", rows)
		seconds = time.perf_counter() - started
	misses = table_cache_misses() - misses_before
	log = onboarding.import_log(data_import)
	made = frappe.get_all(
		"Contract",
		filters={"party_name": ("in", list(onboarding.INN)), "creation": (">=", data_import.creation)},
		fields=["name", "docstatus"],
	)
	result = {
		"rows": rows_count,
		"seconds": seconds,
		"in_hooks": in_hooks["seconds"],
		"table_cache_misses": misses,
		"status": data_import.status,
		"imported": sum(1 for entry in log if entry.success),
		"signed": sum(1 for c in made if c.docstatus == 1),
		"drafts": sum(1 for c in made if c.docstatus == 0),
	}
	frappe.local.lang = "en"
	onboarding.remove_contracts([c.name for c in made])
	onboarding.remove_data_import(data_import)
	onboarding.remove_import_parties()
	onboarding.put_back_series(series_before)
	commit()
	return result


@contextmanager
def app_hooks_timed():
	"""The time spent in the app's doc_events of Contract (overrides/contract.py) while inside."""
	from contract_management.overrides import contract as events

	spent = {"seconds": 0.0}
	originals = {name: getattr(events, name) for name in CONTRACT_EVENTS}

	def timed(function):
		def wrapper(doc, method=None):
			started = time.perf_counter()
			try:
				return function(doc, method)
			finally:
				spent["seconds"] += time.perf_counter() - started

		return wrapper

	for name, function in originals.items():
		setattr(events, name, timed(function))
	try:
		yield spent
	finally:
		for name, function in originals.items():
			setattr(events, name, function)


def table_cache_misses() -> int:
	"""MariaDB's table cache misses so far, server-wide: a table evicted by other sites' work is opened
	again, which on Contract's wide table costs a query up to a second."""
	rows = frappe.db.sql("show global status like 'Table_open_cache_misses'")  # nosemgrep
	return int(rows[0][1]) if rows else 0


def measure_backfill(count: int) -> dict:
	from contract_management.onboarding.registry_backfill import backfill_contracts

	customers = frappe.get_all("Customer", pluck="name", limit=20, order_by="name")
	suppliers = frappe.get_all("Supplier", pluck="name", limit=20, order_by="name")
	parties = [("Customer", c) for c in customers] + [("Supplier", s) for s in suppliers]
	series_before = onboarding.series_counters()
	tag = f"Old {random_string(4)}"
	started = time.perf_counter()
	names = onboarding.insert_old_contracts(count, parties, tag)
	commit()
	inserted_in = time.perf_counter() - started

	started = time.perf_counter()
	numbered = backfill_contracts()
	commit()
	seconds = time.perf_counter() - started
	second_run_started = time.perf_counter()
	numbered_again = backfill_contracts()
	commit()
	second_run = time.perf_counter() - second_run_started

	contract = frappe.qb.DocType("Contract")
	unfilled = (
		frappe.qb.from_(contract)
		.select(Count("*"))
		.where(contract.name.like(f"{tag} %"))
		.where(
			contract.cm_company.isnull()
			| contract.cm_direction.isnull()
			| contract.cm_registry_number.isnull()
			| (contract.cm_registry_number == "")
		)
	).run()[0][0]
	duplicates = (
		frappe.qb.from_(contract)
		.select(contract.cm_company, contract.cm_direction, contract.cm_registry_number)
		.where(contract.cm_registry_number.isnotnull())
		.groupby(contract.cm_company, contract.cm_direction, contract.cm_registry_number)
		.having(Count("*") > 1)
	).run()
	onboarding.remove_contracts(names)
	onboarding.put_back_series(series_before)
	commit()
	return {
		"contracts": count,
		"inserted_in": inserted_in,
		"seconds": seconds,
		"numbered": numbered,
		"second_run": second_run,
		"numbered_again": numbered_again,
		"unfilled": unfilled,
		"duplicates": len(duplicates),
	}


def machine() -> str:
	load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
	version = frappe.db.sql("select version()")[0][0]  # nosemgrep
	return (
		f"{os.cpu_count()} cores, Python {platform.python_version()}, MariaDB {version}; "
		f"load average at the start {load:.2f}"
	)


def verdict(seconds: float, ok: bool) -> str:
	return "met" if ok and seconds <= TARGET_SECONDS else "**NOT MET**"


def section(site: str, machine_line: str, imported: dict, backfill: dict, note: str | None) -> str:
	import_ok = imported["imported"] == imported["rows"] and imported["status"] == "Success"
	backfill_ok = not backfill["unfilled"] and not backfill["duplicates"] and not backfill["numbered_again"]
	lines = [
		START,
		"## Onboarding: contract import and backfill",
		"",
		"Written by `python -m benchmarks.onboarding` (`benchmarks/onboarding.py`), one run of each.",
		"",
		f"- **Run on:** {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, site `{site}`",
		f"- **Machine:** {machine_line}",
		"",
		"| measurement | figure | target | |",
		"|---|---|---|---|",
		f"| import of {imported['rows']:,} contract rows through Frappe's Data Import (commit per row): "
		f"{imported['imported']:,} imported ({imported['signed']:,} signed with their registry numbers, "
		f"{imported['drafts']:,} drafts numbered by the series), status {imported['status']}; of which in the "
		f"app's Contract doc_events {imported['in_hooks']:.1f} s; MariaDB table cache misses meanwhile "
		f"(all sites) {imported['table_cache_misses']:,} "
		f"| {imported['seconds']:.1f} s | ≤ {TARGET_SECONDS} s | {verdict(imported['seconds'], import_ok)} |",
		f"| backfill of {backfill['contracts']:,} contracts made before the app (inserted in bulk in "
		f"{backfill['inserted_in']:.1f} s): {backfill['numbered']:,} numbered, {backfill['unfilled']:,} left "
		f"without company, direction or number, {backfill['duplicates']:,} numbers used twice in a company "
		f"and direction | {backfill['seconds']:.1f} s | ≤ {TARGET_SECONDS} s "
		f"| {verdict(backfill['seconds'], backfill_ok)} |",
		f"| the same backfill run again (idempotent): {backfill['numbered_again']:,} numbered "
		f"| {backfill['second_run']:.2f} s | nothing to do | {'met' if not backfill['numbered_again'] else '**NOT MET**'} |",
	]
	if note:
		lines += ["", note]
	lines.append(END)
	return "\n".join(lines) + "\n"


def write_results(text: str):
	current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
	if START in current and END in current:
		before, rest = current.split(START, 1)
		after = rest.split(END, 1)[1].lstrip("\n")
		updated = before + text + ("\n" + after if after else "")
	else:
		updated = current.rstrip("\n") + "\n\n" + text
	RESULTS.write_text(updated, encoding="utf-8")


def main():
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", default=os.environ.get("CM_BENCH_SITE", "cm-bench.localhost"))
	parser.add_argument("--rows", type=int, default=1000, help="contract rows to import")
	parser.add_argument("--contracts", type=int, default=10_000, help="old contracts to backfill")
	parser.add_argument("--note", help="a paragraph added to the section")
	parser.add_argument("--no-write", action="store_true", help="print the section, leave RESULTS.md")
	args = parser.parse_args()

	connect(args.site)
	machine_line = machine()
	try:
		print(f"Importing {args.rows:,} contract rows...", flush=True)
		imported = measure_import(args.rows)
		print(imported, flush=True)
		print(f"Backfilling {args.contracts:,} old contracts...", flush=True)
		backfill = measure_backfill(args.contracts)
		print(backfill, flush=True)
		text = section(args.site, machine_line, imported, backfill, args.note)
		print(text)
		if not args.no_write:
			write_results(text)
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
