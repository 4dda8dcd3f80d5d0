# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class ContractManagementSettings(Document):
	def validate(self):
		validate_series(self.default_registry_series)
		for rule in self.numbering_rules:
			validate_series(rule.series)
		self.validate_unique_rules()
		if self.default_claim_period_days is not None and self.default_claim_period_days < 1:
			frappe.throw(_("The default claim period must be at least one day."))

	def validate_unique_rules(self):
		seen = set()
		for rule in self.numbering_rules:
			key = (rule.company, rule.direction or "")
			if key in seen:
				frappe.throw(
					_("Row {0}: company {1} already has a numbering rule for this direction.").format(
						rule.idx, frappe.bold(rule.company)
					)
				)
			seen.add(key)


def validate_series(series: str | None):
	if "#" not in (series or ""):
		frappe.throw(
			_("The registry number series {0} needs a counter, for example {1}.").format(
				frappe.bold(series or ""), frappe.bold("Д-.YYYY.-.####")
			),
			title=_("Invalid Series"),
		)


def get_settings():
	"""The settings as a cached document; a fresh site gets the field defaults."""
	return frappe.get_cached_doc("Contract Management Settings")
