"""Debts by Contract and Contract Fulfilment were prepared reports on every site (their JSON said so,
and Frappe keeps a site's flag on migrate): a site below the size named in Contract Management
Settings now runs them at once, a larger one keeps them in the background (reporting/background_reports.py).
An upgraded site gets the setting's default first."""

import frappe

from contract_management.common.settings import SETTINGS
from contract_management.reporting import background_reports


def execute():
	singles = frappe.qb.DocType("Singles")
	stored = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where(singles.doctype == SETTINGS)
		.where(singles.field == background_reports.THRESHOLD_FIELD)
	).run()
	if not stored:
		frappe.db.set_single_value(
			SETTINGS, background_reports.THRESHOLD_FIELD, background_reports.DEFAULT_THRESHOLD
		)
	background_reports.apply_setting(background_reports.threshold())
