"""The "Contract Debt Aging" chart of the Contracts workspace: only what the user may see (services/workspace.py)."""

import frappe

from contract_management.services import workspace


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
):
	# Not cached: the figures differ from user to user.
	frappe.has_permission("Contract", "read", throw=True)
	return workspace.debt_aging(workspace.company_of(filters))
