"""The demo's companies: Russian, in roubles, with their requisites."""

import frappe
from frappe import _

from contract_management.demo.registry import DemoNameTaken
from contract_management.demo.requisites import requisites

RUSSIA = "Russian Federation"


def make_company(demo, plan: dict):
	if frappe.db.exists("Company", plan["company_name"]):
		frappe.throw(
			_("A company {0} exists and the demo did not make it: rename it or remove it first.").format(
				frappe.bold(plan["company_name"])
			),
			exc=DemoNameTaken,
		)
	company = frappe.get_doc(
		{
			"doctype": "Company",
			"company_name": plan["company_name"],
			"abbr": plan["abbr"],
			"default_currency": "RUB",
			"country": RUSSIA,
			"create_chart_of_accounts_based_on": "Standard Template",
			"chart_of_accounts": "Standard",
		}
	)
	fill_requisites(company, plan["number"])
	demo.record(plan["key"], company.insert())


def fill_requisites(doc, number: int):
	"""Russian requisites with valid check digits (ИНН is ERPNext's own tax_id), in the fields the
	site has, and the country that makes the app check them."""
	meta = frappe.get_meta(doc.doctype)
	country = {"Customer": "cm_country", "Supplier": "country"}.get(doc.doctype)
	for field, value in ((country, RUSSIA), *requisites(number).items()):
		if meta.has_field(field):
			doc.set(field, value)
