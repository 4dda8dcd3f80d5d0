# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from contract_management.fulfilment import primary_document
from contract_management.fulfilment.obligations import refresh_obligations


class ContractPrimaryDocument(Document):
	def validate(self):
		primary_document.validate(self)

	# A paper signed, its original come, cancelled or deleted: the obligations it proves move with it.
	def on_update(self):
		refresh_obligations([self.contract])

	def after_delete(self):
		refresh_obligations([self.contract])
