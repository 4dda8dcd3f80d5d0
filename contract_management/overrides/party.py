"""doc_events of ERPNext's Company, Customer and Supplier: their Russian requisites."""

from contract_management.parties import requisites


def validate(doc, method=None):
	requisites.validate_requisites(doc)
