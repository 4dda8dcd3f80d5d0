"""ERPNext's Supplier Scorecard Variables of contract performance (contract_management/scorecard.py
computes them), made on install and migrate and removed on uninstall: without the app their path
leads nowhere. A criteria formula names a variable by its parameter, e.g. `{cm_on_time_delivery_share}`.
"""

import frappe

# label (the record's name) -> its parameter, its function in contract_management/scorecard.py and what it is
SCORECARD_VARIABLES = (
	{
		"label": "Contract On-Time Delivery Share",
		"param_name": "cm_on_time_delivery_share",
		"function": "on_time_delivery_share",
		"description": "% of the order lines under the supplier's contracts due in the period that were delivered in full by their due date (moved to the next working day); 100 when none was due.",
	},
	{
		"label": "Contract Shortfall Share",
		"param_name": "cm_shortfall_share",
		"function": "shortfall_share",
		"description": "% of the value of the order lines due in the period not delivered by its end (or today, if earlier).",
	},
	{
		"label": "Contract Claims to the Supplier",
		"param_name": "cm_claims_to_supplier",
		"function": "claims_to_supplier",
		"description": "Our claims to the supplier under its contracts, sent in the period.",
	},
	{
		"label": "Contract Penalties Claimed from the Supplier",
		"param_name": "cm_penalties_claimed",
		"function": "penalties_claimed",
		"description": "The penalties of our claims to the supplier sent in the period.",
	},
)


def ensure_scorecard_variables():
	"""Each variable that is missing, or whose path or parameter differs, as defined here; the
	description the user edited stays theirs. Nothing is written when all are in place."""
	existing = {
		row.name: row
		for row in frappe.get_all(
			"Supplier Scorecard Variable", fields=["name", "param_name", "path", "is_custom"]
		)
	}
	for variable in SCORECARD_VARIABLES:
		values = {
			"param_name": variable["param_name"],
			"path": _path(variable["function"]),
			"is_custom": 1,
		}
		row = existing.get(variable["label"])
		if row and all(row.get(key) == value for key, value in values.items()):
			continue
		if row:
			doc = frappe.get_doc("Supplier Scorecard Variable", row.name)
			doc.update(values)
			doc.save(ignore_permissions=True)
			continue
		frappe.get_doc(
			{
				"doctype": "Supplier Scorecard Variable",
				"variable_label": variable["label"],
				"description": variable["description"],
				**values,
			}
		).insert(ignore_permissions=True)


def remove_scorecard_variables():
	"""The app's variables. The periods already scored keep their values (their rows store them); a
	criteria that still names one is the user's to change."""
	frappe.db.delete("Supplier Scorecard Variable", {"path": ("like", _path("%"))})


def _path(function: str) -> str:
	"""Where ERPNext finds a variable's function: attribute by attribute from the app's package."""
	return f"contract_management.scorecard.{function}"
