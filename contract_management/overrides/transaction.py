"""doc_events of the ERPNext documents that can be made under a contract."""

from contract_management.contracts.documents import validate_contract_link
from contract_management.fulfilment import expected


def validate(doc, method=None):
	validate_contract_link(doc)


def on_submit(doc, method=None):
	# Without a contract: nothing, not even a query.
	if doc.get("cm_contract"):
		expected.make_expected_documents(doc)


def on_cancel(doc, method=None):
	if doc.get("cm_contract"):
		expected.cancel_expected_documents(doc)


def on_trash(doc, method=None):
	if doc.get("cm_contract"):
		expected.delete_unrecorded_documents(doc)
