"""What every domain package shares: the settings as read (settings), the checks of a whitelisted
call's arguments (arguments), date checks (validation), the statuses people filter by (statuses), the
claims joined to their contracts for the code that reads them by query (claim_contracts), ToDos and
desk notifications written set-based (desk_notices), and query-builder pieces (queries). What differs between Frappe v15 and v16 is
contract_management/compat.py, below setup, which needs it too.

May import: frappe, contract_management.setup and contract_management.compat. Everything else may
import it.
"""
