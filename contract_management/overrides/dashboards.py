"""Connections: a contract lists the documents made under it; a customer or supplier its contracts, their
claims and primary documents."""

from frappe import _

from contract_management.setup.custom_fields import BUYING_DOCTYPES, SELLING_DOCTYPES


def contract(data):
	data = data or {}
	data["fieldname"] = "cm_contract"
	data.setdefault("non_standard_fieldnames", {}).update(
		{
			"Contract Amendment": "contract",
			"Contract Claim": "contract",
			"Contract Primary Document": "contract",
		}
	)
	data.setdefault("transactions", [])
	data["transactions"] += [
		{"label": _("Supplementary Agreements"), "items": ["Contract Amendment"]},
		{"label": _("Primary Documents"), "items": ["Contract Primary Document"]},
		{"label": _("Claims"), "items": ["Contract Claim"]},
		{"label": _("Sales"), "items": list(SELLING_DOCTYPES)},
		{"label": _("Purchase"), "items": list(BUYING_DOCTYPES)},
		{"label": _("Payments"), "items": ["Payment Entry"]},
	]
	return data


def customer(data):
	return _with_contracts(data, "cm_customer")


def supplier(data):
	return _with_contracts(data, "cm_supplier")


def _with_contracts(data, fieldname):
	data.setdefault("non_standard_fieldnames", {}).update(
		{"Contract": fieldname, "Contract Claim": "party", "Contract Primary Document": "party"}
	)
	data.setdefault("transactions", []).insert(
		0, {"label": _("Contracts"), "items": ["Contract", "Contract Claim", "Contract Primary Document"]}
	)
	return data
