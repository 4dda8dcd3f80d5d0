"""The bulk insert every generated table goes through: rows as JSON, copied into the table by the
database (INSERT ... SELECT from JSON_TABLE), a few thousand in one statement."""

import json
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
		chunk = [[row[key] for key in keys] for row in rows[start : start + JSON_ROWS_PER_STATEMENT]]
		frappe.db.sql(query, (*copied, json.dumps(chunk, default=json_value)))


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
