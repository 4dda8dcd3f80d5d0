"""The "Contract Debt Aging" chart of the Contracts workspace: only what the user may see (services/workspace.py)."""

from contract_management.services import workspace

get = workspace.chart_source("Contract", lambda filters: workspace.debt_aging(workspace.company_of(filters)))
