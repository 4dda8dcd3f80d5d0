"""doc_events of the ERPNext documents that can be made under a contract."""

from contract_management.contracts.documents import validate_contract_link
from contract_management.fulfilment import expected
from contract_management.fulfilment.obligations import refresh_obligations


def validate(doc, method=None):
	validate_contract_link(doc)


def on_submit(doc, method=None):
	# Without a contract: nothing, not even a query.
	if doc.get("cm_contract"):
		expected.make_expected_documents(doc)
		refresh_obligations([doc.cm_contract])


def on_cancel(doc, method=None):
	if doc.get("cm_contract"):
		expected.cancel_expected_documents(doc)
		refresh_obligations([doc.cm_contract])


def on_trash(doc, method=None):
	if doc.get("cm_contract"):
		expected.delete_unrecorded_documents(doc)


def refresh_fulfilment(doc, method=None):
	"""A payment under a contract, submitted or cancelled: its contract's obligations computed again."""
	if doc.get("cm_contract"):
		refresh_obligations([doc.cm_contract])
