# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from contract_management.claims import non_accrual


class ContractNonAccrualPeriod(Document):
	def validate(self):
		non_accrual.validate_period(self)
