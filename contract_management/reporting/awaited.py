"""The primary documents awaited (fulfilment/awaited.py) that a user may see, matching a report's
filters: read by the Primary Documents Awaited report for its rows and by the workspace's number card
for their count, so the two always agree."""

from contract_management.fulfilment.awaited import awaited_query
from contract_management.fulfilment.primary_document import DOCTYPE
from contract_management.reporting.scope import permitted, sees_every, visible_contracts

# Report filter -> paper field: what is the paper's own (its responsible may differ from the
# contract's); the other filters are the contract's.
PAPER_FILTERS = {"responsible": "responsible", "kind": "kind", "status": "status"}


def awaited_papers(filters):
	"""The `awaited_query` over the papers the user may read under the contracts they may see, both
	matching `filters` (checked: `on_date` a date, `min_days` a whole number)."""
	contracts = visible_contracts(filters, skip=tuple(PAPER_FILTERS))
	own = {field: filters[key] for key, field in PAPER_FILTERS.items() if filters.get(key)}
	if not sees_every(DOCTYPE):
		papers = permitted(DOCTYPE, [[DOCTYPE, field, "=", value] for field, value in own.items()])
		return awaited_query(papers, contracts, filters.on_date, filters.min_days)
	# The list of every paper is the whole table: as a subquery it would narrow nothing, and the database
	# would read each paper again by its name (half the card's time at 100,000 contracts).
	query, paper, since = awaited_query(None, contracts, filters.on_date, filters.min_days)
	for field, value in own.items():
		query = query.where(paper[field] == value)
	return query, paper, since
