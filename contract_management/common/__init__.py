"""What every domain package shares: the settings as read (settings), the checks of a whitelisted
call's arguments (arguments), date checks (validation), the statuses people filter by (statuses) and
the one place that asks which Frappe major runs (compat).

May import: frappe and contract_management.setup only. Everything else may import it.
"""
