"""A factory for supplementary agreements of the registry's contracts."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from tests.contracts import make_contract

TODAY = getdate(nowdate())


def signed_contract(**fields):
	values = {
		"start_date": add_days(TODAY, -100),
		"end_date": add_days(TODAY, 100),
		"cm_amount": 120000,
		**fields,
	}
	return make_contract(submit=True, **values)


def make_amendment(contract, submit=False, **fields):
	values = {
		"doctype": "Contract Amendment",
		"contract": contract if isinstance(contract, str) else contract.name,
		"kind": "Prolongation",
		"amendment_date": TODAY,
		"effective_date": TODAY,
		**fields,
	}
	amendment = frappe.get_doc(values).insert()
	if submit:
		amendment.submit()
	return amendment
