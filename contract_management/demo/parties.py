"""The demo's price lists and items, customers and suppliers."""

import frappe

from contract_management.demo import data
from contract_management.demo.companies import fill_requisites


def make_items(demo):
	for name, selling, buying in (
		(data.SELLING_PRICE_LIST, 1, 0),
		(data.BUYING_PRICE_LIST, 0, 1),
	):
		price_list = frappe.get_doc(
			{
				"doctype": "Price List",
				"price_list_name": name,
				"currency": "RUB",
				"selling": selling,
				"buying": buying,
				"enabled": 1,
			}
		).insert()
		demo.record(f"price-list-{'selling' if selling else 'buying'}", price_list)
	for code, (item_name, description) in data.ITEMS.items():
		item = frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": item_name,
				"description": description,
				"item_group": _root("Item Group"),
				"stock_uom": "Nos",
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			}
		).insert()
		demo.record(f"item-{code}", item)


def make_party(demo, party_type: str, index: int, name: str):
	number = 10 + index if party_type == "Customer" else 30 + index
	if party_type == "Customer":
		values = {
			"customer_name": name,
			"customer_type": "Company",
			"customer_group": _root("Customer Group"),
			"territory": _root("Territory"),
			"default_price_list": demo.name_of("price-list-selling"),
		}
	else:
		values = {
			"supplier_name": name,
			"supplier_type": "Company",
			"supplier_group": _root("Supplier Group"),
			"default_price_list": demo.name_of("price-list-buying"),
		}
	party = frappe.get_doc({"doctype": party_type, "default_currency": "RUB", **values})
	fill_requisites(party, number)
	key = f"{party_type.lower()}-{index:02d}"
	demo.record(key, party.insert())


def _root(doctype: str) -> str:
	"""The root of a tree (All Customer Groups, All Territories, ...), whatever the site's language."""
	return frappe.get_all(doctype, filters={"is_group": 1}, order_by="lft asc", limit=1, pluck="name")[0]
