"""Obligations made before they fulfilled themselves get their figures (done, days late, papers awaited)
and their status from the documents under their contracts, in chunks of contracts, set-based
(fulfilment/obligations.py). A status someone set beyond what the documents give is kept, marked Set by
Hand with a reason saying so. A second run changes nothing."""

from contract_management.fulfilment.obligations import contracts_with_obligations, refresh_obligations

CHUNK = 500


def execute():
	contracts = contracts_with_obligations()
	for start in range(0, len(contracts), CHUNK):
		refresh_obligations(contracts[start : start + CHUNK], keep_statuses_set_before=True)
