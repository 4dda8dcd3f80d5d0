"""A factory for contracts of the registry, filled from the shared fixtures."""

import frappe

from tests import records as r


def make_contract(submit=False, **fields):
	"""A contract as the card makes it: kept by the contract department (cm_managed, contracts/registry.py)."""
	values = {
		"cm_managed": 1,
		"doctype": "Contract",
		"party_type": "Customer",
		"party_name": r.CUSTOMER,
		"cm_company": r.RUB_COMPANY,
		"contract_terms": "Test contract terms",
		"start_date": "2026-01-01",
		"end_date": "2026-12-31",
		"cm_amount": 120000,
		**fields,
	}
	contract = frappe.get_doc(values).insert()
	if submit:
		contract.submit()
	return contract
