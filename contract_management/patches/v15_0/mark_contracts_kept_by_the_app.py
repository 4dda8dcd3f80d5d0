"""Contracts made through the app before it told them apart from ERPNext's own (contracts/registry.py,
mark_managed) are marked as kept by it: those with one of the app's terms (registry.APP_TERMS), and
those that went through its approval. Contracts made in ERPNext without the app's terms stay unmarked.
Set-based, idempotent."""

import frappe


def execute():
	contract = frappe.qb.DocType("Contract")

	def filled(field):
		return contract[field].isnotnull() & (contract[field] != "")

	(
		frappe.qb.update(contract)
		.set(contract.cm_managed, 1)
		.where(contract.cm_managed == 0)
		.where(
			(contract.cm_amount > 0)
			| (contract.cm_is_framework == 1)
			| (contract.cm_auto_prolongation == 1)
			| filled("cm_contract_type")
			| filled("cm_subject")
			| filled("cm_approval_route")
			| (contract.cm_approval_round > 0)
		)
	).run()
