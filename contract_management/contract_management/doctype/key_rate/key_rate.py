# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate


class KeyRate(Document):
	def validate(self):
		if not 0 < flt(self.rate) < 100:
			frappe.throw(
				_("{0} must be above 0 and below 100% per year.").format(
					frappe.bold(_("Key Rate, % per Year"))
				),
				title=_("Invalid Key Rate"),
			)

	def on_update(self):
		# A rate the user adds extends how far the table is known to be complete.
		settings = "Contract Management Settings"
		complete_until = frappe.db.get_single_value(settings, "key_rates_complete_until")
		if not complete_until or getdate(self.effective_from) > getdate(complete_until):
			frappe.db.set_single_value(settings, "key_rates_complete_until", self.effective_from)
