"""The claims read with their contracts' fields, for the code that reads claims by query (the reminders,
which may not import the claims package, and the reports).

A claim may have no contract: the join is a left join, and a contract's field is null for such a claim.
"""

import frappe


def claims_with_contracts():
	"""The Contract Claim and Contract tables, and the query of the claims joined to their contracts to
	select from."""
	claim = frappe.qb.DocType("Contract Claim")
	contract = frappe.qb.DocType("Contract")
	return claim, contract, frappe.qb.from_(claim).left_join(contract).on(contract.name == claim.contract)
