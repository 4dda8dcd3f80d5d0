# Copyright (c) 2026, contract_management developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ContractDemoRecord(Document):
	"""One record the demo made (contract_management/demo): its step key and the document."""

	no_feed_on_delete = True  # removing the demo removes its registry without a trace
