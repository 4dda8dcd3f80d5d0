"""The bulk insert every generated table goes through: rows as JSON, copied into the table by the
database (INSERT ... SELECT from JSON_TABLE), a few thousand in one statement.

Inside `parallel_writes(jobs)` the statements go to `jobs` processes of their own, each with its own
database connection, while this process plans the next rows: the generated tables are independent (no
row reads another), so they are written side by side, each statement committed by its writer. The
writers' sessions skip the unique and foreign key checks of a bulk load (the rows are unique by their
names, and Frappe's tables have no foreign keys). What is written is the same as in one process
(tests/test_benchmark_dataset.py)."""

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

import frappe

from benchmarks.generate.common import party_name

JSON_ROWS_PER_STATEMENT = 20_000
# Names that only the template documents have (templates.py adds the documents'): a copied value
# naming one of them is a column missed.
TEMPLATE_NAMES: set = {party_name("C", 1), party_name("S", 1)}


def insert(doctype: str, columns: list[str], rows: list[list]):
	"""Insert `rows` (lists of the values of `columns`) into `doctype`'s table, in a few statements."""
	insert_like(doctype, [dict(zip(columns, row, strict=True)) for row in rows])


def insert_like(doctype: str, rows: list[dict], template: dict | None = None, amounts=None):
	"""Insert `rows` into `doctype`'s table, a few thousand in one statement. With a `template` row,
	every column a row does not give is copied from the template, except a number listed in `amounts`
	({template value: key}), which takes the row's value under that key. Refuses to copy a template
	value that belongs to the template alone (a date, an amount, its party), so no column is missed."""
	if not rows:
		return
	table = f"tab{doctype}"
	amounts = amounts or {}
	types = dict(
		frappe.db.sql(
			"""select column_name, column_type from information_schema.columns
			where table_schema = database() and table_name = %s""",
			table,
		)
	)
	keys = list(rows[0])
	spec = ", ".join(
		f"`{key}` {_json_type(types.get(key, 'decimal(21,9)'))} path '$[{index}]'"
		for index, key in enumerate(keys)
	)
	targets, sources, copied = [], [], []
	for column in types:
		if column in keys:
			sources.append(f"j.`{column}`")
		elif template is not None:
			value = template.get(column)
			if isinstance(value, int | float | Decimal) and not isinstance(value, bool) and value in amounts:
				sources.append(f"j.`{amounts[value]}`")
			else:
				_check_copied(doctype, column, value)
				sources.append("%s")
				copied.append(value)
		else:
			continue
		targets.append(f"`{column}`")
	query = (
		f"insert into `{table}` ({', '.join(targets)}) select {', '.join(sources)} "
		f"from json_table(%s, '$[*]' columns ({spec})) as j"
	)
	for start in range(0, len(rows), JSON_ROWS_PER_STATEMENT):
		chunk = rows[start : start + JSON_ROWS_PER_STATEMENT]
		if _writers.pool is None:
			_execute(query, copied, keys, chunk)
		else:
			# What this process wrote before (the template documents made and removed) is committed
			# first: its locks would hold the writers up.
			frappe.db.commit()  # nosemgrep: frappe-manual-commit (a benchmark writes its data for good)
			_writers.pending.append(_writers.pool.submit(_write, query, copied, keys, chunk))


def _execute(query: str, copied: list, keys: list[str], rows: list[dict]):
	values = [[row[key] for key in keys] for row in rows]
	frappe.db.sql(query, (*copied, json.dumps(values, default=json_value)))


class _Writers:
	pool: ProcessPoolExecutor | None = None
	pending: list = []


_writers = _Writers()


@contextmanager
def parallel_writes(jobs: int):
	"""With `jobs` over 1, the inserts made inside go to that many writer processes, each with its own
	connection, and are committed by them; on leaving, every insert is written (an error in one is
	raised here); this process's own writes are committed as each insert is handed on, so that the
	writers never wait for its locks. With 1, nothing changes: the inserts go to this process's
	transaction."""
	if jobs <= 1 or _writers.pool is not None:
		yield
		return
	context = multiprocessing.get_context("spawn")  # a fork would share this process's connection
	pool = ProcessPoolExecutor(
		jobs,
		mp_context=context,
		initializer=_connect_writer,
		initargs=(frappe.local.site, os.path.abspath(frappe.local.sites_path)),
	)
	_writers.pool, _writers.pending = pool, []
	try:
		yield
		for future in _writers.pending:
			future.result()
	finally:
		_writers.pool, _writers.pending = None, []
		pool.shutdown(wait=True, cancel_futures=True)


def _connect_writer(site: str, sites_path: str):
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	# A bulk load of rows unique by construction, into tables without foreign keys.
	frappe.db.sql("set session unique_checks = 0, foreign_key_checks = 0")


def _write(query: str, copied: list, keys: list[str], rows: list[dict]):
	"""In a writer process: one statement, committed."""
	try:
		_execute(query, copied, keys, rows)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit (a benchmark writes its data for good)
	except Exception:
		frappe.db.rollback()
		raise


def _check_copied(doctype, column, value):
	if isinstance(value, int | float | Decimal) and not isinstance(value, bool) and value not in (0, 1, 100):
		raise ValueError(f"{doctype}.{column} = {value}: an amount of the template with no name")
	if isinstance(value, date | datetime):
		raise ValueError(f"{doctype}.{column} = {value}: a date of the template not replaced")
	if isinstance(value, str) and any(name in value for name in TEMPLATE_NAMES):
		raise ValueError(f"{doctype}.{column} = {value!r}: names the template's party or documents")


def _json_type(column_type: str) -> str:
	if "text" in column_type or column_type == "json" or "blob" in column_type:
		return "longtext"
	return column_type


def json_value(value):
	if isinstance(value, datetime | date):
		return str(value)
	if isinstance(value, Decimal):
		return float(value)
	raise TypeError(value)
