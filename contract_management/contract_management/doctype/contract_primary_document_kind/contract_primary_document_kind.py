# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ContractPrimaryDocumentKind(Document):
	pass
