"""Shared fixtures, made once per site and idempotently: every step looks before it creates.

The bootstrap commits: these records are the common ground every test stands on. A test's own
writes are rolled back by the `rollback_after_test` fixture in conftest.py.
"""

import frappe
from frappe.utils import add_years, getdate, nowdate

from tests import records as r


def ensure_test_records():
	complete_setup_wizard()
	ensure_fiscal_years()
	ensure_currency_exchange()
	ensure_company(r.EUR_COMPANY, r.EUR_ABBR, "EUR", "Germany")
	ensure_company_defaults()
	ensure_tax_templates()
	ensure_price_lists()
	ensure_items()
	ensure_parties()
	ensure_foreign_currency_receivable()
	ensure_users()
	ensure_outgoing_email_account()
	frappe.db.commit()  # shared fixtures outlive every test's rollback


def complete_setup_wizard():
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		ensure_company(r.RUB_COMPANY, r.RUB_ABBR, "RUB", "Russian Federation")
		return

	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	year = getdate(nowdate()).year
	setup_complete(
		{
			"currency": "RUB",
			"full_name": "CM Test Administrator",
			"company_name": r.RUB_COMPANY,
			"company_abbr": r.RUB_ABBR,
			"timezone": "Europe/Moscow",
			"country": "Russian Federation",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"language": "english",
			"email": "cm.admin@example.com",
			"password": "cm-admin-test",
			"chart_of_accounts": "Standard",
		}
	)
	frappe.db.commit()


def ensure_company(name: str, abbr: str, currency: str, country: str):
	if frappe.db.exists("Company", name):
		return
	frappe.get_doc(
		{
			"doctype": "Company",
			"company_name": name,
			"abbr": abbr,
			"default_currency": currency,
			"country": country,
			"create_chart_of_accounts_based_on": "Standard Template",
			"chart_of_accounts": "Standard",
		}
	).insert()


def ensure_fiscal_years():
	"""Fiscal years from two years back to two years ahead, so dated documents of any test post."""
	this_year = getdate(nowdate()).year
	for year in range(this_year - 2, this_year + 3):
		start, end = getdate(f"{year}-01-01"), getdate(f"{year}-12-31")
		if frappe.db.exists("Fiscal Year", {"year_start_date": start, "year_end_date": end}):
			continue
		frappe.get_doc(
			{"doctype": "Fiscal Year", "year": str(year), "year_start_date": start, "year_end_date": end}
		).insert()


def ensure_currency_exchange():
	for from_currency, rate in (("EUR", r.EUR_TO_RUB), ("USD", r.USD_TO_RUB)):
		for currency in (from_currency, "RUB"):
			frappe.db.set_value("Currency", currency, "enabled", 1)
		date = add_years(getdate(nowdate()), -2)
		if frappe.db.exists("Currency Exchange", {"from_currency": from_currency, "to_currency": "RUB"}):
			continue
		frappe.get_doc(
			{
				"doctype": "Currency Exchange",
				"date": date,
				"from_currency": from_currency,
				"to_currency": "RUB",
				"exchange_rate": rate,
				"for_buying": 1,
				"for_selling": 1,
			}
		).insert()


def ensure_company_defaults():
	"""Stock that may go negative keeps delivery tests free of goods-receipt boilerplate."""
	frappe.db.set_single_value("Stock Settings", "allow_negative_stock", 1)
	frappe.db.set_single_value("Selling Settings", "so_required", "No")
	frappe.db.set_single_value("Selling Settings", "dn_required", "No")
	frappe.db.set_single_value("Buying Settings", "po_required", "No")
	frappe.db.set_single_value("Buying Settings", "pr_required", "No")
	frappe.db.set_single_value("Accounts Settings", "determine_address_tax_category_from", "Billing Address")
	frappe.db.set_default("company", r.RUB_COMPANY)
	frappe.db.set_default("currency", "RUB")


def ensure_tax_templates():
	vat_account = ensure_tax_account("CM VAT 20%")
	input_vat_account = ensure_tax_account("CM Input VAT 20%")
	for doctype, title, account in (
		("Sales Taxes and Charges Template", "CM VAT 20%", vat_account),
		("Purchase Taxes and Charges Template", "CM Input VAT 20%", input_vat_account),
	):
		if frappe.db.exists(doctype, f"{title} - {r.RUB_ABBR}"):
			continue
		frappe.get_doc(
			{
				"doctype": doctype,
				"title": title,
				"company": r.RUB_COMPANY,
				"taxes": [
					{
						"charge_type": "On Net Total",
						"account_head": account,
						"description": title,
						"rate": 20,
						"category": "Total",
						"add_deduct_tax": "Add",
					}
				],
			}
		).insert()


def ensure_tax_account(account_name: str) -> str:
	name = f"{account_name} - {r.RUB_ABBR}"
	if not frappe.db.exists("Account", name):
		parent = frappe.db.get_value(
			"Account", {"company": r.RUB_COMPANY, "account_name": "Duties and Taxes", "is_group": 1}
		)
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": account_name,
				"parent_account": parent,
				"company": r.RUB_COMPANY,
				"account_type": "Tax",
				"tax_rate": 20,
			}
		).insert()
	return name


def ensure_price_lists():
	for name, currency, selling, buying in (
		(r.SELLING_PRICE_LIST, "RUB", 1, 0),
		(r.BUYING_PRICE_LIST, "RUB", 0, 1),
		(r.EUR_SELLING_PRICE_LIST, "EUR", 1, 0),
	):
		if frappe.db.exists("Price List", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Price List",
				"price_list_name": name,
				"currency": currency,
				"selling": selling,
				"buying": buying,
				"enabled": 1,
			}
		).insert()


def ensure_items():
	for item_code, is_stock, rate in ((r.STOCK_ITEM, 1, 1000), (r.SERVICE_ITEM, 0, 5000)):
		if not frappe.db.exists("Item", item_code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": item_code,
					"item_name": item_code,
					"item_group": "All Item Groups",
					"stock_uom": "Nos",
					"is_stock_item": is_stock,
					"valuation_rate": rate / 2,
					"item_defaults": [
						{"company": r.RUB_COMPANY, "default_warehouse": stores_warehouse(r.RUB_COMPANY)},
						{"company": r.EUR_COMPANY, "default_warehouse": stores_warehouse(r.EUR_COMPANY)},
					],
				}
			).insert()
		for price_list, price in (
			(r.SELLING_PRICE_LIST, rate),
			(r.BUYING_PRICE_LIST, rate / 2),
			(r.EUR_SELLING_PRICE_LIST, rate / 100),
		):
			if not frappe.db.exists("Item Price", {"item_code": item_code, "price_list": price_list}):
				frappe.get_doc(
					{
						"doctype": "Item Price",
						"item_code": item_code,
						"price_list": price_list,
						"price_list_rate": price,
					}
				).insert()


def stores_warehouse(company: str) -> str:
	return frappe.db.get_value("Warehouse", {"company": company, "is_group": 0, "warehouse_name": "Stores"})


def ensure_parties():
	for name, currency, price_list in (
		(r.CUSTOMER, "RUB", r.SELLING_PRICE_LIST),
		(r.CUSTOMER_2, "RUB", r.SELLING_PRICE_LIST),
		(r.EUR_CUSTOMER, "EUR", r.EUR_SELLING_PRICE_LIST),
	):
		if not frappe.db.exists("Customer", name):
			frappe.get_doc(
				{
					"doctype": "Customer",
					"customer_name": name,
					"customer_type": "Company",
					"customer_group": "All Customer Groups",
					"territory": "All Territories",
					"default_currency": currency,
					"default_price_list": price_list,
				}
			).insert()
	for name in (r.SUPPLIER, r.SUPPLIER_2):
		if not frappe.db.exists("Supplier", name):
			frappe.get_doc(
				{
					"doctype": "Supplier",
					"supplier_name": name,
					"supplier_group": "All Supplier Groups",
					"default_currency": "RUB",
					"default_price_list": r.BUYING_PRICE_LIST,
				}
			).insert()


def ensure_foreign_currency_receivable():
	"""A customer billed in euro by the rouble company needs a receivable account in euro."""
	name = f"Debtors EUR - {r.RUB_ABBR}"
	if not frappe.db.exists("Account", name):
		parent = frappe.db.get_value(
			"Account", {"company": r.RUB_COMPANY, "account_name": "Accounts Receivable", "is_group": 1}
		)
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": "Debtors EUR",
				"parent_account": parent,
				"company": r.RUB_COMPANY,
				"account_type": "Receivable",
				"account_currency": "EUR",
			}
		).insert()
	customer = frappe.get_doc("Customer", r.EUR_CUSTOMER)
	if not any(row.company == r.RUB_COMPANY for row in customer.accounts):
		customer.append("accounts", {"company": r.RUB_COMPANY, "account": name})
		customer.save()


def ensure_outgoing_email_account():
	"""An outgoing account so that e-mails are queued; nothing sends the queue during tests. Inserted
	without Email Account's validation, which would try to log in to the SMTP server."""
	if frappe.db.exists("Email Account", "CM Test Outgoing"):
		return
	account = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "CM Test Outgoing",
			"email_id": "cm-reminders@example.com",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"no_smtp_authentication": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": 2525,
		}
	)
	account.name = "CM Test Outgoing"
	account.db_insert()


def ensure_users():
	for email, roles in r.USERS.items():
		if frappe.db.exists("User", email):
			user = frappe.get_doc("User", email)
		else:
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": email.split("@")[0],
					"send_welcome_email": 0,
					"user_type": "System User",
					"language": "ru" if email == r.RUSSIAN_USER else "en",
				}
			)
			user.flags.no_welcome_mail = True
			user.insert()
		missing = [role for role in roles if role not in {row.role for row in user.roles}]
		if missing:
			user.add_roles(*missing)
		from frappe.utils.password import check_password, update_password

		try:
			check_password(email, r.PASSWORD, delete_tracker_cache=False)
		except frappe.AuthenticationError:
			update_password(email, r.PASSWORD)
		# Frappe e-mails assignment notices at once during tests, and sending commits the transaction:
		# the test users read theirs in the desk only.
		if frappe.db.get_value("Notification Settings", email, "enable_email_notifications") != 0:
			settings = (
				frappe.get_doc("Notification Settings", email)
				if frappe.db.exists("Notification Settings", email)
				else frappe.get_doc({"doctype": "Notification Settings", "name": email})
			)
			settings.enable_email_notifications = 0
			settings.save(ignore_permissions=True)
