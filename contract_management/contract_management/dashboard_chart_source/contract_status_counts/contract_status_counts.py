"""The "Contract Status Counts" chart of the Contracts workspace: only what the user may see (reporting/workspace.py)."""

from contract_management.reporting import workspace

get = workspace.chart_source("Contract", lambda filters: workspace.contracts_by_status())
