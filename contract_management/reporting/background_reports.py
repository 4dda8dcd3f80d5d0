"""Which of the app's heavy reports run in the background (Frappe's prepared reports).

Debts by Contract and Contract Fulfilment read every contract of a company with its invoices, orders
and payments: a second on a normal site, about ten at 100,000 contracts (benchmarks/RESULTS.md). They
run at once, as the Contract Register does, until the site has as many contracts as Contract
Management Settings name; from then on they are prepared reports (a worker of the long queue runs
them, the desk shows the result when it is ready). Frappe's own rule stays as it is: a script report
whose run passes 15 s is marked prepared on the site, and the administrator may tick *Prepared Report*
on the report. Only a change of the setting unmarks them: the daily check only marks.
"""

import frappe

from contract_management.common.settings import SETTINGS

HEAVY_REPORTS = ("Debts by Contract", "Contract Fulfilment")
THRESHOLD_FIELD = "background_reports_from"
# A new site's and an upgraded site's value (the field's default): at this size the two reports take
# about 3 s on the benchmark's machine, and they grow with the number of contracts.
DEFAULT_THRESHOLD = 30000


def threshold() -> int:
	"""The number of contracts from which the heavy reports run in the background; 0: never by count."""
	return frappe.utils.cint(frappe.db.get_single_value(SETTINGS, THRESHOLD_FIELD))


def is_large(contracts_from: int) -> bool:
	return bool(contracts_from) and frappe.db.count("Contract") >= contracts_from


def set_prepared(prepared: bool):
	report = frappe.qb.DocType("Report")
	(
		frappe.qb.update(report)
		.set(report.prepared_report, int(prepared))
		.where(report.name.isin(HEAVY_REPORTS))
		.where(report.prepared_report != int(prepared))
	).run()


def apply_setting(contracts_from: int):
	"""The setting was changed: the reports follow it both ways. 0 leaves them as they are."""
	if contracts_from:
		set_prepared(is_large(contracts_from))


def mark_when_large():
	"""Daily: a site grown to the setting's size gets the reports in the background."""
	if is_large(threshold()):
		set_prepared(True)
