# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from contract_management.fulfilment import primary_document


class ContractPrimaryDocument(Document):
	def validate(self):
		primary_document.validate(self)
