# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from contract_management.common import daily_chunks
from contract_management.reminders.engine import parse_days
from contract_management.reporting import background_reports


class ContractManagementSettings(Document):
	def validate(self):
		validate_series(self.default_registry_series)
		for rule in self.numbering_rules:
			validate_series(rule.series)
		self.validate_unique_rules()
		self.validate_reminder_rules()
		if self.default_claim_period_days is not None and self.default_claim_period_days < 1:
			frappe.throw(_("The default claim period must be at least one day."))

	def on_update(self):
		if self.has_value_changed(background_reports.THRESHOLD_FIELD):
			background_reports.apply_setting(self.get(background_reports.THRESHOLD_FIELD))

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

	def validate_reminder_rules(self):
		seen = set()
		for rule in self.reminder_rules:
			parse_days(rule.days)
			key = (rule.kind, rule.company or "")
			if key in seen:
				frappe.throw(
					_("Row {0}: there is already a reminder rule for {1} ({2}).").format(
						rule.idx, _(rule.kind), rule.company or _("all companies")
					)
				)
			seen.add(key)
			for role in (rule.to_roles or "").splitlines():
				if role.strip() and not frappe.db.exists("Role", role.strip()):
					frappe.throw(
						_("Row {0}: there is no role {1}.").format(rule.idx, frappe.bold(role.strip()))
					)


@frappe.whitelist(methods=["POST"])
def send_reminders_now():
	"""The settings form's button: the same job as the daily one, in the background, with progress."""
	frappe.has_permission("Contract Management Settings", "write", throw=True)
	frappe.enqueue(
		"contract_management.reminders.engine.send_reminders",
		queue="long",
		publish_progress=True,
		job_id="cm-send-reminders-now",
		deduplicate=True,
	)
	return {"queued": True}


@frappe.whitelist()
def daily_work_progress() -> dict[str, int]:
	"""The settings form's line on today's daily work shared by the workers: how many chunks are queued,
	running, done and failed."""
	frappe.has_permission("Contract Daily Chunk", "read", throw=True)
	return daily_chunks.progress()


def validate_series(series: str | None):
	if "#" not in (series or ""):
		frappe.throw(
			_("The registry number series {0} needs a counter, for example {1}.").format(
				frappe.bold(series or ""), frappe.bold("Д-.YYYY.-.####")
			),
			title=_("Invalid Series"),
		)
