"""Moved to contract_management/reporting/workspace.py. The Number Card "Overdue Debt under Contracts"
named this path before a migrate synced its new one; the whitelisted function stays callable here."""

from contract_management.reporting.workspace import get_overdue_debt_card

__all__ = ["get_overdue_debt_card"]
