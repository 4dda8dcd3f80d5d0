"""The "Contract Status Counts" chart of the Contracts workspace: only what the user may see (services/workspace.py)."""

from contract_management.services import workspace

get = workspace.chart_source("Contract", lambda filters: workspace.contracts_by_status())
