"""Every query the daily work runs on the large tables, EXPLAINed: those that read a table whole."""

import frappe

from benchmarks.measures.daily import DueState, run_daily_work

SCANNED_TABLES = ("tabContract", "tabSales Invoice", "tabPurchase Invoice", "tabContract Reminder Log")


def explain_daily_work(state: DueState) -> list[dict]:
	"""Every SELECT and UPDATE the daily work runs, EXPLAINed; those reading one of SCANNED_TABLES
	whole (type ALL or index) are returned."""
	queries = []
	sql = frappe.db.sql

	def recording(query, values=(), *args, **kwargs):
		text = str(query)
		if text.lstrip()[:6].lower() in ("select", "update") and any(t in text for t in SCANNED_TABLES):
			queries.append(frappe.db.mogrify(text, values) if values else text)
		return sql(query, values, *args, **kwargs)

	state.restore()
	state.mark()
	frappe.db.sql = recording
	try:
		run_daily_work()
	finally:
		frappe.db.sql = sql
	state.restore()
	scans = []
	for query in dict.fromkeys(queries):
		if " for update" in query.lower() or "get_lock" in query.lower():
			continue
		for row in frappe.db.sql(f"explain {query}", as_dict=True):
			# A table of a few hundred rows is read whole by the optimizer's choice, not for want of an index.
			if row.table in SCANNED_TABLES and row.type in ("ALL", "index") and int(row.rows or 0) >= 1000:
				scans.append({"table": row.table, "type": row.type, "rows": row.rows, "query": query})
	return scans
