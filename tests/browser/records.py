"""Committed records the browser flows start from, and the removal of what the flows made.

The flows work with a customer and a supplier of their own, so a contract a flow leaves behind (a
test that failed half-way, a run that was killed) never counts among the shared fixtures' contracts;
every document of these two parties is removed before and after the browser tests."""

import frappe

from tests import records as r

CUSTOMER = "CM Browser Customer"
SUPPLIER = "CM Browser Supplier"
# Contracts of this type go through ROUTE: a visa of Legal Counsel, then one of Accounts Manager.
CONTRACT_TYPE = "CM Browser Supply"
ROUTE = "CM Browser Route"
ROUTE_STEPS = (("Legal visa", "Legal Counsel"), ("Accounts visa", "Accounts Manager"))
# Supplementary agreements to contracts of this type go through AGREEMENT_ROUTE: a visa of Legal Counsel.
AGREEMENT_ROUTE = "CM Browser Agreement Route"
# A Contract Manager whose desk is in Russian (the shared fixtures' Russian user is Legal Counsel).
RUSSIAN_MANAGER = "cm.browser.manager.ru@example.com"
# A Contract Manager who also orders and invoices, as in a small company's contract department.
INVOICING_MANAGER = "cm.browser.manager@example.com"
# Legal Counsel whose desk is in English (the shared fixtures' Legal Counsel reads Russian), with no
# role of ERPNext's: the documents a claim rests on are read for it through the contract.
LEGAL_COUNSEL = "cm.browser.legal@example.com"
# A Contract Manager whose default company is the demo's while the browser tests run on the demo's data
# (the workspace's cards and charts and the reports' company filter follow the user's default company,
# Frappe's key «company»).
DEMO_MANAGER = "cm.browser.demo@example.com"
USERS = {
	RUSSIAN_MANAGER: ("Менеджер договоров", "ru", ["Contract Manager"]),
	INVOICING_MANAGER: ("Contract Manager", "en", ["Contract Manager", "Sales User", "Accounts User"]),
	LEGAL_COUNSEL: ("Legal Counsel", "en", ["Legal Counsel"]),
	DEMO_MANAGER: ("Demo Manager", "en", ["Contract Manager"]),
}

# What the flows make with the browser's parties, by the field naming the party: a document before the
# one it was made from (a payment before its invoice, a receipt before its order), so each cancels.
TRANSACTIONS = (
	("Payment Entry", "party", CUSTOMER),
	("Sales Invoice", "customer", CUSTOMER),
	("Delivery Note", "customer", CUSTOMER),
	("Sales Order", "customer", CUSTOMER),
	("Quotation", "party_name", CUSTOMER),
	("Purchase Invoice", "supplier", SUPPLIER),
	("Purchase Receipt", "supplier", SUPPLIER),
	("Purchase Order", "supplier", SUPPLIER),
)


def ensure():
	if not frappe.db.exists("Customer", CUSTOMER):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": CUSTOMER,
				"customer_type": "Company",
				"customer_group": "All Customer Groups",
				"territory": "All Territories",
				"default_currency": "RUB",
				"default_price_list": r.SELLING_PRICE_LIST,
			}
		).insert()
	if not frappe.db.exists("Supplier", SUPPLIER):
		frappe.get_doc(
			{
				"doctype": "Supplier",
				"supplier_name": SUPPLIER,
				"supplier_group": "All Supplier Groups",
				"default_currency": "RUB",
				"default_price_list": r.BUYING_PRICE_LIST,
			}
		).insert()
	if not frappe.db.exists("Contract Type", CONTRACT_TYPE):
		frappe.get_doc({"doctype": "Contract Type", "contract_type_name": CONTRACT_TYPE}).insert()
	if not frappe.db.exists("Contract Approval Route", ROUTE):
		frappe.get_doc(
			{
				"doctype": "Contract Approval Route",
				"route_name": ROUTE,
				"applies_to": "Contract",
				"contract_type": CONTRACT_TYPE,
				"steps": [{"step_title": title, "role": role} for title, role in ROUTE_STEPS],
			}
		).insert()
	if not frappe.db.exists("Contract Approval Route", AGREEMENT_ROUTE):
		frappe.get_doc(
			{
				"doctype": "Contract Approval Route",
				"route_name": AGREEMENT_ROUTE,
				"applies_to": "Supplementary Agreement",
				"contract_type": CONTRACT_TYPE,
				"steps": [{"step_title": "Legal visa", "role": "Legal Counsel"}],
			}
		).insert()
	for email, (first_name, language, roles) in USERS.items():
		if frappe.db.exists("User", email):
			continue
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"send_welcome_email": 0,
				"user_type": "System User",
				"language": language,
				"roles": [{"role": role} for role in roles],
			}
		)
		user.flags.no_welcome_mail = True
		user.insert()
		from frappe.utils.password import update_password

		update_password(email, r.PASSWORD)
	frappe.db.commit()


def browser_contracts() -> list[str]:
	return frappe.get_all(
		"Contract",
		filters={"party_name": ("in", [CUSTOMER, SUPPLIER])},
		pluck="name",
	)


def remove_browser_documents():
	"""Cancels and deletes what the flows made with the browser's parties, then their contracts."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for doctype, party_field, party in TRANSACTIONS:
		for name, docstatus in frappe.get_all(
			doctype,
			filters={party_field: party},
			fields=["name", "docstatus"],
			as_list=True,
			order_by="creation desc",
		):
			doc = frappe.get_doc(doctype, name)
			if docstatus == 1:
				doc.flags.ignore_links = True
				doc.cancel()
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, ignore_on_trash=True)
			# Deleting the last document of a series hands its name to the next one: the cancelled
			# ledger rows must go too, or they would count for the document that gets the name.
			for ledger in ("GL Entry", "Payment Ledger Entry", "Stock Ledger Entry"):
				frappe.db.delete(ledger, {"voucher_type": doctype, "voucher_no": name})
	contracts = browser_contracts()
	if contracts:
		made = list(contracts)
		for doctype in ("Contract Claim", "Contract Amendment", "Contract Primary Document"):
			names = frappe.get_all(doctype, filters={"contract": ("in", contracts)}, pluck="name")
			_wipe(doctype, names)
			made += names
		for doctype, field in (
			("ToDo", "reference_name"),
			("Notification Log", "document_name"),
			("Version", "docname"),
			("Comment", "reference_name"),
			("File", "attached_to_name"),
		):
			frappe.db.delete(doctype, {field: ("in", made)})
		_wipe("Contract", contracts)
	frappe.db.commit()


def _wipe(doctype: str, names: list[str]):
	"""Deletes documents with their child rows, whatever their state (signed ones included)."""
	if not names:
		return
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(table.options, {"parent": ("in", names), "parenttype": doctype})
	frappe.db.delete(doctype, {"name": ("in", names)})


def committed_contract(submit=False, **fields):
	"""A contract the browser can see: made here as a flow's starting point, then committed."""
	from tests.contracts import make_contract

	frappe.set_user("Administrator")
	# In force today, whatever day the tests run.
	today = frappe.utils.getdate()
	contract = make_contract(
		submit=submit,
		**{
			"party_name": CUSTOMER,
			"cm_subject": "Supply of pumps (browser test)",
			"start_date": frappe.utils.add_days(today, -30),
			"end_date": frappe.utils.add_days(today, 365),
			**fields,
		},
	)
	frappe.db.commit()
	return contract


def translated(message: str, lang: str = "ru", context: str | None = None) -> str:
	"""The app's message as a user of `lang` reads it."""
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		return frappe._(message, context=context)
	finally:
		frappe.local.lang = previous


def contract_on_approval(**fields):
	"""A contract of the browser's route, sent for approval by its manager: where flow 2 starts."""
	from contract_management.api import send_for_approval

	contract = committed_contract(cm_contract_type=CONTRACT_TYPE, **fields)
	frappe.set_user("cm.manager@example.com")
	try:
		send_for_approval(contract.name)
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return contract.name


def approved_contract(**fields):
	"""A contract whose every visa is given: where flow 3 starts."""
	from contract_management.api import give_visa

	name = contract_on_approval(**fields)
	for user in ("cm.legal@example.com", "cm.accounts@example.com"):
		frappe.set_user(user)
		try:
			give_visa(name, "Approved")
		finally:
			frappe.set_user("Administrator")
	frappe.db.commit()
	return name


def signed_contract(**fields):
	"""A contract of the browser's route, approved and signed: where flows 4 and 5 start."""
	name = approved_contract(**fields)
	frappe.set_user("Administrator")
	frappe.get_doc("Contract", name).submit()
	frappe.db.commit()
	return name


def working_day_before(days: int):
	"""A weekday at least `days` days ago that no holiday list of the company marks as a holiday."""
	day = frappe.utils.add_days(frappe.utils.getdate(), -days)
	holidays = set(frappe.get_all("Holiday", filters={"holiday_date": ("<=", day)}, pluck="holiday_date"))
	while day.weekday() >= 5 or day in holidays:
		day = frappe.utils.add_days(day, -1)
	return day


def overdue_invoice(contract: str, due_date, rate: float):
	"""A submitted Sales Invoice under the contract, one service at `rate`, due on `due_date`."""
	from tests.factories import make_sales_invoice

	frappe.set_user("Administrator")
	invoice = make_sales_invoice(
		customer=CUSTOMER,
		items=[(r.SERVICE_ITEM, 1, rate)],
		date=frappe.utils.add_days(due_date, -10),
		due_date=due_date,
		cm_contract=contract,
	)
	frappe.db.commit()
	return invoice
