# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from contract_management.contracts import amendment_signing, amendments, approval
from contract_management.onboarding import contract_import


class ContractAmendment(Document):
	def autoname(self):
		# «Д-2026-0001/2»: supplementary agreement No. 2 to contract Д-2026-0001.
		amendments.set_amendment_no(self)
		self.name = f"{self.contract}/{self.amendment_no}"

	def validate(self):
		if not frappe.flags.cm_system_prolongation:
			self.made_by_system = 0  # only the prolongation job makes system agreements
		# Only the import records an agreement signed on paper: a row that comes in signed.
		if self.is_new():
			self.recorded_from_paper = int(contract_import.is_being_imported(self) and self.docstatus == 1)
		else:
			self.recorded_from_paper = (self.get_doc_before_save() or self).recorded_from_paper
		amendments.validate(self)
		approval.reset_stale_approval(self)
		if self.docstatus == 0 and self.cm_status not in approval.APPROVAL_STATUSES:
			self.cm_status = "Draft"

	def before_submit(self):
		if not self.recorded_from_paper:  # signed on paper already: no approval route applies now
			approval.check_visas_before_signing(self)
		amendment_signing.check_before_signing(self)  # takes the contract's row lock and the signing time
		self.cm_status = "Signed"

	def on_submit(self):
		amendment_signing.apply_on_submit(self)

	def before_cancel(self):
		amendment_signing.restore_on_cancel(self)

	def on_cancel(self):
		self.db_set("cm_status", "Cancelled")

	def on_discard(self):
		# Frappe v16's Discard of a draft (v15 has none).
		approval.end_on_discard(self)

	def get_title(self):
		return _("Supplementary agreement No. {0} to contract {1}").format(self.amendment_no, self.contract)
