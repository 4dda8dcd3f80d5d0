"""The primary documents awaited (fulfilment/awaited.py) that a user may see, matching a report's
filters: read by the Primary Documents Awaited report for its rows and by the workspace's number card
for their count, so the two always agree."""

from contract_management.fulfilment.awaited import awaited_query
from contract_management.fulfilment.primary_document import DOCTYPE
from contract_management.reporting.scope import permitted, visible_contracts

# Report filter -> paper field: what is the paper's own (its responsible may differ from the
# contract's); the other filters are the contract's.
PAPER_FILTERS = {"responsible": "responsible", "kind": "kind", "status": "status"}


def awaited_papers(filters):
	"""The `awaited_query` over the papers the user may read under the contracts they may see, both
	matching `filters` (checked: `on_date` a date, `min_days` a whole number)."""
	papers = permitted(
		DOCTYPE,
		[[DOCTYPE, field, "=", filters[key]] for key, field in PAPER_FILTERS.items() if filters.get(key)],
	)
	contracts = visible_contracts(filters, skip=tuple(PAPER_FILTERS))
	return awaited_query(papers, contracts, filters.on_date, filters.min_days)
