"""doc_events of Sales Invoice beyond those of every document under a contract (transaction)."""

from contract_management.contracts.printing import check_act_print


def before_print(doc, method=None, settings=None):
	check_act_print(doc)
