"""doc_events of the ERPNext documents that can be made under a contract."""

from contract_management.contracts.documents import validate_contract_link


def validate(doc, method=None):
	validate_contract_link(doc)
