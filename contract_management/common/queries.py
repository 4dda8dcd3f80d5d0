"""Query-builder pieces more than one domain needs."""

import frappe
from frappe.query_builder import CustomFunction

# MariaDB's DATEDIFF(end, start): the days from start to end.
DateDiff = CustomFunction("DATEDIFF", ["end", "start"])


def join_dynamic_link(query, type_column, name_column, doctypes) -> tuple:
	"""`query` with each of `doctypes` LEFT JOINed where the Dynamic Link (`type_column`, `name_column`)
	points at one of its documents: at most one of them matches a row. Returns the query and the joined
	tables, in the order of `doctypes`, to read a column of whichever matched (e.g. with Coalesce)."""
	tables = []
	for doctype in doctypes:
		table = frappe.qb.DocType(doctype)
		query = query.left_join(table).on((type_column == doctype) & (table.name == name_column))
		tables.append(table)
	return query, tables
