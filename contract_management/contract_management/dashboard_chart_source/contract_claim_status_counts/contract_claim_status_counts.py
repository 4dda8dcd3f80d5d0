"""The "Contract Claim Status Counts" chart of the Contracts workspace: only what the user may see (reporting/workspace.py)."""

from contract_management.reporting import workspace

get = workspace.chart_source("Contract Claim", lambda filters: workspace.claims_by_status())
