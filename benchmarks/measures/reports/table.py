"""The reports' table in RESULTS.md: each report, card and chart against its floor or Accounts
Receivable, and what would close a target missed."""

from benchmarks.figures import seconds_or_ms, verdict
from benchmarks.measures.reports.case import FLOOR_TARGET


def report_rows(measured: list[dict], notes: list | None = None) -> list[str]:
	"""The table of the reports, cards and charts against their floors and Accounts Receivable."""

	rows = [
		"| what | the app | compared with | figure | target | |",
		"|---|---|---|---|---|---|",
	]
	for m in measured:
		if m.get("failed"):
			rows.append(
				f"| {m['group']}: {m['name']} | failed: {m['failed']} | {m['against']} | | | **NOT MET** |"
			)
			if notes is not None:
				notes.append(f"- **Issue 10, {m['name']}**: the measuring failed ({m['failed']}).")
			continue
		ours, theirs = m["ours"], m["theirs"]
		same = "same figures" if m["agree"] else f"**figures differ**: {m['difference']}"
		if m["against"] == "floor":
			ratio = ours.median / theirs.median
			figure, target = f"{ratio:.2f}× the floor", f"≤ {FLOOR_TARGET}× the floor, same figures"
			ok = ratio <= FLOOR_TARGET and m["agree"]
		else:
			ratio = theirs.median / ours.median
			figure, target = f"{ratio:.1f}× faster", "≥ 10× faster (aim), same party totals"
			ok = ratio >= 10 and m["agree"]
		what = f"{m['group']}: {m['name']}" + (f" ({m['note']})" if m.get("note") else "")
		rows.append(
			f"| {what} | {seconds_or_ms(ours)} | {m['against']}: {seconds_or_ms(theirs)}; {same} | {figure} "
			f"| {target} | {verdict(ok)} |"
		)
		if not ok and notes is not None:
			notes.append(
				f"- **Issue 10, {what}**: {figure} ({seconds_or_ms(ours)} against {seconds_or_ms(theirs)}), "
				f"target {target}. {REPORT_WHAT_WOULD_CLOSE.get(m['name'], REPORT_WHAT_WOULD_CLOSE['*'])}"
			)
	return rows


CARD = (
	"The card goes through Frappe's own number-card path (get_result: the card's filters parsed, the "
	"permission-aware get_list built, a few milliseconds whatever the count) for a count or sum the "
	"database answers from an index in about a millisecond; the app adds no query. Only a card computed "
	"in the page's one request (or cached) would close it."
)
REPORT_WHAT_WOULD_CLOSE = {
	"*": "The difference is Frappe's permission-aware list building the subquery (each filter parsed "
	"with sqlparse) and the Python that shapes each row; building the visibility subquery once and the "
	"conditions with frappe.qb would close it.",
	"Contract Deadlines": "The same indexed ranges as the floor, but read through five permission-aware "
	"lists (Frappe parses each of their 27 filters with sqlparse, a few ms each here) where the floor is "
	"one UNION; building the visibility subquery once and the kinds' conditions with frappe.qb would "
	"close it.",
	"Claims Register": "The claims are read through Frappe's permission-aware list and each row is "
	"shaped in Python (translated direction, basis and status, days open); the floor computes days open "
	"in SQL. Computing the row's figures in the query would close it.",
	"Delivery Plan Fulfilment": "Each line (here about 5,000 delivery obligations) gets its shortfall, "
	"on-time share and overdue flag in Python (finish()) and the lines are sorted in Python; computing "
	"them in the query, as the floor does, would close it.",
	"Reconciliation Act": "A 20 ms act: the difference is the report's fixed work (the contract and "
	"filter checks, the permission subquery, describing each voucher), not the ledger query, which is "
	"the floor's.",
	"Contracts Signed per Month": "Frappe's own Count chart (get_chart_config: the period list and "
	"labels built in Python, the filters through get_list) over an index range of signed_on; the app "
	"adds nothing to it.",
	"Primary Documents Awaited": "The floor reads the same rows and columns in the same order (about "
	"130,000 papers at this size); what the app adds is Python over each row after the query: rows built "
	"as dicts, each paper's kind and side translated and its status labelled, and the chart's buckets "
	"counted in a loop (about 1.2 s of a profile earlier today). Building the rows from tuples and "
	"counting the buckets in the query would close it.",
	"Contracts Ending within 30 Days": CARD,
	"Contracts on Approval": CARD,
	"Open Claims": CARD,
	"Claimed This Year": CARD,
	"Debts by Contract": "The app's report is its raw-SQL floor (one grouped query over the company's "
	"Payment Ledger, about 460,000 rows, then the contracts joined): what ERPNext's report does in Python "
	"per voucher it does in the database, but both read the whole ledger of the company. An index on the "
	"Payment Ledger covering the company, account type, party and voucher columns would let the grouping "
	"read the index alone; it is not added, since every ledger posting would pay for it.",
	"Claims by Status": "A count of about 1,100 claims by status: Frappe's permission-aware list's fixed "
	"cost (a few ms) against a 1 ms GROUP BY.",
}
