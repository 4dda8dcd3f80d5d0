"""The first step: a new site's setup (ERPNext's own setup wizard makes the first demo company) and the
fiscal years of the demo's dates."""

import frappe
from frappe.utils import cint, getdate

from contract_management.demo.companies import RUSSIA, fill_requisites
from contract_management.demo.registry import SETUP_WIZARD_KEY, commit


def setup(demo):
	"""A new site has no company yet: ERPNext's own setup wizard makes the first demo company in
	roubles, with its chart of accounts and this year's fiscal year."""
	if not cint(frappe.db.get_single_value("System Settings", "setup_complete")):
		complete_setup_wizard(demo, demo.company_plans[0])
	demo.step("fiscal-years", lambda: make_fiscal_years(demo))


def complete_setup_wizard(demo, plan: dict):
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	year = demo.today.year
	setup_complete(
		{
			"currency": "RUB",
			"country": RUSSIA,
			"timezone": "Europe/Moscow",
			"language": "English",
			"company_name": plan["company_name"],
			"company_abbr": plan["abbr"],
			"chart_of_accounts": "Standard",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
		}
	)
	# The wizard commits its own work; what it made for the demo is written down at once.
	company = frappe.get_doc("Company", plan["company_name"])
	fill_requisites(company, plan["number"])
	company.save()
	demo.record(plan["key"], company)
	demo.record(SETUP_WIZARD_KEY, frappe.get_doc("Fiscal Year", str(year)))
	commit()


def make_fiscal_years(demo):
	"""Calendar fiscal years for the demo's dates (a year back, a year ahead) where the site has none."""
	from erpnext.accounts.utils import get_fiscal_year

	for year in range(demo.day(-600).year, demo.day(600).year + 1):
		key = f"fiscal-year-{year}"
		start, end = getdate(f"{year}-01-01"), getdate(f"{year}-12-31")
		if key in demo.made or (
			get_fiscal_year(start, boolean=True, verbose=0) and get_fiscal_year(end, boolean=True, verbose=0)
		):
			continue
		fiscal_year = frappe.get_doc(
			{"doctype": "Fiscal Year", "year": str(year), "year_start_date": start, "year_end_date": end}
		).insert()
		demo.record(key, fiscal_year)
