# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

from frappe import _
from frappe.model.document import Document

from contract_management.claims import claim as claims


class ContractClaim(Document):
	def validate(self):
		claims.set_defaults(self)
		claims.validate(self)
		self.status = claims.status_of(self)

	def before_submit(self):
		claims.validate_dates(self)
		claims.warn_if_key_rates_may_be_missing(self)
		self.status = claims.status_of(self)

	def on_submit(self):
		if self.direction == "Incoming":
			claims.assign_incoming(self)

	def before_update_after_submit(self):
		claims.validate_dates(self)
		self.amount_recovered = claims.amount_recovered(self)
		self.status = claims.status_of(self)

	def on_cancel(self):
		self.db_set("status", "Cancelled")

	def onload(self):
		if self.docstatus == 1:
			self.set_onload("amount_recovered_now", claims.amount_recovered(self))


def _directions_for_translation():
	# Never called: the directions with the claim's context (Исходящая / Входящая, not the shared
	# «Исходящие»), so that `bench generate-pot-file` finds them; forms and lists read them so.
	return (_("Outgoing", context="Contract Claim"), _("Incoming", context="Contract Claim"))
