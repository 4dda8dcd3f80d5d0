"""The statuses and bases people filter by, defined once.

A contract's statuses are its status field's (setup/custom_fields.py makes the field from
CONTRACT_STATUSES); a claim's statuses and bases are the Contract Claim doctype's Select options. The
desk gets them in the boot (`boot_session` hook), so the report scripts never keep a copy of their own."""

import frappe
from frappe import _

from contract_management.setup.custom_fields import CONTRACT_STATUSES


# A donut names its slices in one row of legend entries about 150 px apart at 1280 px, some 13 letters
# of the widget's legend type: the statuses longer than that in a language the app speaks get the
# chart's own shorter name (reporting/workspace.py; tests/test_workspace_charts.py).
def chart_names() -> dict[str, str]:
	return {
		"On Approval": _("On Approval", context="Chart"),
		"Not Started": _("Not Started", context="Chart"),
		"Partly Satisfied": _("Partial", context="Chart"),
		"In Court": _("In Court", context="Chart"),
	}


# The statuses of a signed (submitted) contract, in the order of CONTRACT_STATUSES.
SIGNED_STATUSES = ("Not Started", "Active", "Expired", "Terminated", "Fulfilled")


def select_options(doctype: str, fieldname: str) -> list[str]:
	return [
		option for option in (frappe.get_meta(doctype).get_options(fieldname) or "").split("\n") if option
	]


def claim_statuses() -> list[str]:
	return select_options("Contract Claim", "status")


def claim_bases() -> list[str]:
	return select_options("Contract Claim", "basis")


def boot_session(bootinfo):
	"""The lists the app's report filters offer (contract_management.report_filters in JS)."""
	bootinfo.contract_management = {
		"contract_statuses": list(CONTRACT_STATUSES),
		"signed_statuses": list(SIGNED_STATUSES),
		"claim_statuses": claim_statuses(),
		"claim_bases": claim_bases(),
	}
