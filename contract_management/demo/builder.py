"""The demo: a site filled with companies, parties, contracts in every status, money and claims, and,
on a site whose setup the demo completed itself, a user per role of the contract department.

Every document is made as a user makes it: `insert`, `submit`, ERPNext's mappers and payment entry, and
the app's own actions (send for approval, visas, supplementary agreements, claims, marking fulfilled).
Each document the demo makes is written down in the Contract Demo Record registry under the key of the
step that made it, in the same transaction; a step whose key is there is not made again, so a second
run makes nothing. `remove` cancels and deletes exactly the registered documents, newest first.

The texts the demo writes into documents are data of its companies, which are Russian: a contract's
story (its claims, their answers, its supplementary agreements and what the app itself writes on them)
is made in Russian, whatever the language of the site or of whoever runs the demo.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import add_days, cint, flt, get_datetime, getdate, nowdate

from contract_management.demo import data
from contract_management.demo.requisites import requisites

REGISTRY = "Contract Demo Record"
STEP_SAVEPOINT = "cm_demo_step"
# The key of the fiscal year the setup wizard made when the demo completed it: the demo set the site up,
# so it is a site for trying the app, where the demo's users with a printed password belong.
SETUP_WIZARD_KEY = "setup-wizard"
ADMINISTRATOR = "Administrator"
# Submitted documents of these doctypes, when the demo did not make them, are a site's real business.
TRANSACTION_DOCTYPES = (
	"Sales Order",
	"Sales Invoice",
	"Delivery Note",
	"Purchase Order",
	"Purchase Invoice",
	"Purchase Receipt",
	"Payment Entry",
	"Journal Entry",
	"Stock Entry",
	"Contract",
	"Contract Amendment",
	"Contract Claim",
)
RUSSIA = "Russian Federation"
OUR_SIGNATORY = ("Петров Сергей Николаевич", "Генеральный директор")
THEIR_SIGNATORIES = (
	("Смирнова Анна Викторовна", "Генеральный директор"),
	("Кузнецов Дмитрий Олегович", "Коммерческий директор"),
	("Волков Андрей Петрович", "Директор"),
)


class RealTransactionsFound(frappe.ValidationError):
	pass


class DemoNameTaken(frappe.ValidationError):
	pass


# ---------------------------------------------------------------- the registry


def registry() -> dict[str, tuple[str, str]]:
	"""Every step the demo made: key -> (doctype, name)."""
	return {
		row.key: (row.reference_doctype, row.reference_name)
		for row in frappe.get_all(REGISTRY, fields=["key", "reference_doctype", "reference_name"])
	}


def real_transactions() -> dict[str, int]:
	"""Submitted transactions the demo did not make, by doctype (one query per doctype)."""
	record = frappe.qb.DocType(REGISTRY)
	found = {}
	for doctype in TRANSACTION_DOCTYPES:
		table = frappe.qb.DocType(doctype)
		made_by_demo = (
			frappe.qb.from_(record).select(record.reference_name).where(record.reference_doctype == doctype)
		)
		count = (
			frappe.qb.from_(table)
			.select(Count(table.name))
			.where(table.docstatus == 1)
			.where(table.name.notin(made_by_demo))
		).run()[0][0]
		if count:
			found[doctype] = count
	return found


def check_site(force: bool = False):
	"""Refuse a site that already holds real transactions, unless forced."""
	found = real_transactions()
	if found and not force:
		frappe.throw(
			_(
				"This site already holds transactions the demo did not make ({0}). The demo is meant for a new site; run it with --force to add it anyway."
			).format(", ".join(f"{_(doctype)}: {count}" for doctype, count in found.items())),
			exc=RealTransactionsFound,
			title=_("Site Not Empty"),
		)


def _commit():
	# Each step of the demo is its own transaction, so a run that stops keeps what it made and the
	# next run goes on from there. Tests run the demo inside the transaction they roll back.
	if not frappe.flags.in_test:
		# nosemgrep: frappe-manual-commit
		frappe.db.commit()


# ---------------------------------------------------------------- making


@contextmanager
def _language(lang: str):
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		yield
	finally:
		frappe.local.lang = previous


class Demo:
	def __init__(
		self,
		size: int = data.FULL_SIZE,
		companies: int = len(data.COMPANIES),
		progress=None,
		users: bool | None = None,
	):
		"""`users`: make the demo's users (None: only when the demo completed the site's setup)."""
		self.size = max(0, min(cint(size), data.FULL_SIZE))
		self.users_asked = users
		self.company_plans = data.COMPANIES[: max(1, min(cint(companies), len(data.COMPANIES)))]
		self.progress = progress or (lambda done, total, label: None)
		self.today = getdate(nowdate())
		self.made = registry()
		self.created = 0
		self.steps_done = 0

	# -- helpers

	def day(self, offset: int):
		return add_days(self.today, offset)

	@property
	def with_users(self) -> bool:
		if self.users_asked is not None:
			return bool(self.users_asked)
		return SETUP_WIZARD_KEY in self.made

	def language_of(self, company: str) -> str:
		"""Russian for a Russian company's documents; the current language for any other."""
		if frappe.db.get_value("Company", company, "country") == RUSSIA:
			return "ru"
		return frappe.local.lang

	def name_of(self, key: str) -> str:
		return self.made[key][1]

	def record(self, key: str, doc):
		frappe.get_doc(
			{"doctype": REGISTRY, "key": key, "reference_doctype": doc.doctype, "reference_name": doc.name}
		).insert()
		self.made[key] = (doc.doctype, doc.name)
		self.created += 1
		return doc

	def step(self, key: str, make):
		"""Make one step in its own transaction, unless its key is already in the registry."""
		if key not in self.made:
			frappe.db.savepoint(STEP_SAVEPOINT)
			try:
				make()
			except Exception:
				frappe.db.rollback(save_point=STEP_SAVEPOINT)
				raise
			_commit()
		self.steps_done += 1
		self.progress(self.steps_done, self.total_steps, key)

	@property
	def total_steps(self) -> int:
		return (
			1  # setup and fiscal years
			+ len(self.company_plans)
			+ 1  # items and price lists
			+ len(data.CUSTOMERS)
			+ len(data.SUPPLIERS)
			+ len(self.company_plans)  # approval routes
			+ 1  # users
			+ self.size
		)

	# -- the run

	def run(self) -> dict:
		mute_emails, frappe.flags.mute_emails = frappe.flags.mute_emails, True
		try:
			return self._run()
		finally:
			frappe.flags.mute_emails = mute_emails

	def _run(self) -> dict:
		self.setup()
		for plan in self.company_plans:
			self.step(plan["key"], lambda plan=plan: self.make_company(plan))
		# A step is known by the key of the first record it makes.
		self.step("price-list-selling", self.make_items)
		for index, name in enumerate(data.CUSTOMERS, start=1):
			self.step(f"customer-{index:02d}", lambda i=index, n=name: self.make_party("Customer", i, n))
		for index, name in enumerate(data.SUPPLIERS, start=1):
			self.step(f"supplier-{index:02d}", lambda i=index, n=name: self.make_party("Supplier", i, n))
		for plan in self.company_plans:
			self.step(f"route-{plan['key']}-sales", lambda plan=plan: self.make_routes(plan))
		self.step(user_key(data.USERS[0][0]), self.make_users)
		for plan in data.contract_plan(self.size):
			if plan["company"] not in {company["key"] for company in self.company_plans}:
				plan["company"] = self.company_plans[0]["key"]
			self.step(plan["key"], lambda plan=plan: ContractScenario(self, plan).make())
		return {"created": self.created, "records": len(self.made)}

	# -- setup, fiscal years, companies

	def setup(self):
		"""A new site has no company yet: ERPNext's own setup wizard makes the first demo company in
		roubles, with its chart of accounts and this year's fiscal year."""
		if not cint(frappe.db.get_single_value("System Settings", "setup_complete")):
			self.complete_setup_wizard(self.company_plans[0])
		frappe.db.savepoint(STEP_SAVEPOINT)
		try:
			self.make_fiscal_years()
		except Exception:
			frappe.db.rollback(save_point=STEP_SAVEPOINT)
			raise
		_commit()
		self.steps_done += 1
		self.progress(self.steps_done, self.total_steps, "fiscal-years")

	def complete_setup_wizard(self, plan: dict):
		from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

		year = self.today.year
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
		self.fill_requisites(company, plan["number"])
		company.save()
		self.record(plan["key"], company)
		self.record(SETUP_WIZARD_KEY, frappe.get_doc("Fiscal Year", str(year)))
		_commit()

	def make_fiscal_years(self):
		"""Calendar fiscal years for the demo's dates (a year back, a year ahead) where the site has none."""
		from erpnext.accounts.utils import get_fiscal_year

		for year in range(self.day(-600).year, self.day(600).year + 1):
			key = f"fiscal-year-{year}"
			start, end = getdate(f"{year}-01-01"), getdate(f"{year}-12-31")
			if key in self.made or (
				get_fiscal_year(start, boolean=True, verbose=0)
				and get_fiscal_year(end, boolean=True, verbose=0)
			):
				continue
			fiscal_year = frappe.get_doc(
				{"doctype": "Fiscal Year", "year": str(year), "year_start_date": start, "year_end_date": end}
			).insert()
			self.record(key, fiscal_year)

	def make_company(self, plan: dict):
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
		self.fill_requisites(company, plan["number"])
		self.record(plan["key"], company.insert())

	def fill_requisites(self, doc, number: int):
		"""Russian requisites with valid check digits (ИНН is ERPNext's own tax_id), in the fields the
		site has, and the country that makes the app check them."""
		meta = frappe.get_meta(doc.doctype)
		country = {"Customer": "cm_country", "Supplier": "country"}.get(doc.doctype)
		for field, value in ((country, RUSSIA), *requisites(number).items()):
			if meta.has_field(field):
				doc.set(field, value)

	# -- items, parties, routes

	def make_items(self):
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
			self.record(f"price-list-{'selling' if selling else 'buying'}", price_list)
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
			self.record(f"item-{code}", item)

	def make_party(self, party_type: str, index: int, name: str):
		number = 10 + index if party_type == "Customer" else 30 + index
		if party_type == "Customer":
			values = {
				"customer_name": name,
				"customer_type": "Company",
				"customer_group": _root("Customer Group"),
				"territory": _root("Territory"),
				"default_price_list": self.name_of("price-list-selling"),
			}
		else:
			values = {
				"supplier_name": name,
				"supplier_type": "Company",
				"supplier_group": _root("Supplier Group"),
				"default_price_list": self.name_of("price-list-buying"),
			}
		party = frappe.get_doc({"doctype": party_type, "default_currency": "RUB", **values})
		self.fill_requisites(party, number)
		key = f"{party_type.lower()}-{index:02d}"
		self.record(key, party.insert())

	def make_routes(self, plan: dict):
		company = self.name_of(plan["key"])
		routes = (
			("Contract", "Sales", "Sales Manager"),
			("Contract", "Purchase", "Purchase Manager"),
			("Supplementary Agreement", "", None),
		)
		for applies_to, direction, head in routes:
			steps = [
				{"step_title": "Юридическая экспертиза", "role": "Legal Counsel"},
				{"step_title": "Финансовый контроль", "role": "Accounts Manager"},
			]
			if head:
				steps.append({"step_title": "Руководитель направления", "role": head})
			kind = {"Sales": "продажи", "Purchase": "закупки", "": "доп. соглашения"}[direction]
			route = frappe.get_doc(
				{
					"doctype": "Contract Approval Route",
					"route_name": f"Демо {plan['abbr']}: {kind}",
					"applies_to": applies_to,
					"company": company,
					"direction": direction,
					"steps": steps,
				}
			).insert()
			self.record(f"route-{plan['key']}-{direction.lower() or 'agreements'}", route)

	def make_users(self):
		"""A user per role, with the password the demo prints; made only where the demo set the site up
		(a step of nothing elsewhere)."""
		if not self.with_users:
			return
		from frappe.utils.password import update_password

		for email, first_name, last_name, roles, language in data.USERS:
			if frappe.db.exists("User", email):
				frappe.throw(
					_("A user {0} exists and the demo did not make it: remove it first.").format(
						frappe.bold(email)
					),
					exc=DemoNameTaken,
				)
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": first_name,
					"last_name": last_name,
					"user_type": "System User",
					"send_welcome_email": 0,
					"language": language,
					"roles": [{"role": role} for role in roles],
				}
			).insert()
			update_password(email, data.USER_PASSWORD)
			self.record(user_key(email), user)

	def responsible(self, direction: str) -> str:
		"""Sales contracts are kept by the sales user, purchase ones by purchasing, where the demo has
		its users."""
		if not self.with_users:
			return ADMINISTRATOR
		return data.SALES_USER if direction == "Sales" else data.PURCHASE_USER

	def party(self, direction: str, index: int) -> tuple[str, str]:
		if direction == "Sales":
			return "Customer", self.name_of(f"customer-{index % len(data.CUSTOMERS) + 1:02d}")
		return "Supplier", self.name_of(f"supplier-{index % len(data.SUPPLIERS) + 1:02d}")


def user_key(email: str) -> str:
	return f"user-{email.split('@')[0]}"


def _root(doctype: str) -> str:
	"""The root of a tree (All Customer Groups, All Territories, ...), whatever the site's language."""
	return frappe.get_all(doctype, filters={"is_group": 1}, order_by="lft asc", limit=1, pluck="name")[0]


class ContractScenario:
	"""One contract of the plan, taken to its status with what goes with it."""

	def __init__(self, demo: Demo, plan: dict):
		self.demo = demo
		self.plan = plan
		self.key = plan["key"]
		self.sales = plan["direction"] == "Sales"
		self.contract = None

	def day(self, offset: int):
		return self.demo.day(offset)

	def record(self, suffix: str, doc):
		return self.demo.record(f"{self.key}/{suffix}" if suffix else self.key, doc)

	def make(self):
		with _language(self.demo.language_of(self.demo.name_of(self.plan["company"]))):
			self._make()

	def sign(self):
		"""Signed on its day in the plan: the contract's date and its signing date."""
		self.contract.signed_on = get_datetime(f"{self.day(self.plan['signed'])} 11:00:00")
		self.contract.submit()

	def _make(self):
		status = self.plan["status"]
		self.insert_contract()
		if status == "Draft":
			return
		if status == "Cancelled":
			self.approve()
			self.sign()
			self.contract.cancel()
			return
		self.send_for_approval(status)
		if status in ("On Approval", "Approved", "Rejected"):
			return
		self.sign()
		if self.plan["money"]:
			self.make_money()
		if self.plan["claim"]:
			self.make_claim(self.plan["claim"])
		if self.plan["amendment"]:
			self.make_amendment(*self.plan["amendment"])
		if status == "Terminated":
			self.make_amendment("Termination by Agreement", "Signed")
		if status == "Fulfilled":
			from contract_management.contracts.lifecycle import mark_fulfilled

			self.contract.reload()
			mark_fulfilled(self.contract, self.day(-5))

	# -- the contract

	def insert_contract(self):
		plan = self.plan
		party_type, party = self.demo.party(plan["direction"], plan["party"])
		contract_type, sales_subject, purchase_subject = plan["subject"]
		subject = sales_subject if self.sales else purchase_subject
		number = int(self.key.rsplit("-", 1)[1])
		signatory = THEIR_SIGNATORIES[number % len(THEIR_SIGNATORIES)]
		values = {
			"doctype": "Contract",
			"party_type": party_type,
			"party_name": party,
			"cm_company": self.demo.name_of(plan["company"]),
			"cm_contract_type": contract_type,
			"cm_subject": subject,
			"cm_contract_date": self.day(
				plan["signed"] if plan.get("signed") is not None else min(plan["start"], 0) - 5
			),
			"cm_amount": plan["amount"],
			"cm_vat_mode": "Included",
			"cm_vat_rate": 20,
			"start_date": self.day(plan["start"]),
			"end_date": self.day(plan["end"]),
			"cm_responsible": self.demo.responsible(plan["direction"]),
			"cm_our_signatory": OUR_SIGNATORY[0],
			"cm_our_signatory_position": OUR_SIGNATORY[1],
			"cm_our_authority": "Charter",
			"cm_their_signatory": signatory[0],
			"cm_their_signatory_position": signatory[1],
			"cm_their_authority": "Charter",
			"contract_terms": data.TERMS.format(subject=subject),
		}
		if not self.sales:
			values["cm_counterparty_number"] = f"{number:03d}-ДП/{self.day(plan['start']).year}"
		if plan["penalty"]:
			values.update(
				{
					"cm_penalty_rate_per_day": plan["penalty"],
					"cm_penalty_cap_basis": "Overdue Amount",
					"cm_penalty_cap_percent": 10,
				}
			)
		if plan["auto_prolongation"]:
			values.update(
				{
					"cm_auto_prolongation": 1,
					"cm_renewal_term_months": 12,
					"cm_notice_period_days": plan["end"] - 3,
				}
			)
		if plan["status"] in ("Active", "Expired", "Terminated", "Fulfilled"):
			values["cm_original_received"] = number % 4 != 0
		contract = frappe.get_doc(values)
		self.add_disagreements(contract)
		self.add_obligations(contract)
		self.contract = self.record("", contract.insert())

	def add_disagreements(self, contract):
		if not self.plan["disagreements"]:
			return
		draft = self.plan["status"] in ("Draft", "On Approval", "Rejected")
		for index, (clause, ours, theirs) in enumerate(data.DISAGREEMENTS):
			settled = ("Agreed", "Our Wording Accepted", "Their Wording Accepted")[index]
			contract.append(
				"cm_disagreements",
				{
					"clause": clause,
					"our_wording": ours,
					"their_wording": theirs,
					"agreed_wording": theirs if settled == "Their Wording Accepted" else ours,
					"status": "Open" if draft and index == 0 else settled,
				},
			)

	def add_obligations(self, contract):
		if self.plan["status"] not in ("Active", "Not Started", "Approved", "On Approval"):
			return
		start = max(self.plan["start"], 0)
		counterparty_pays = "Counterparty" if self.sales else "We"
		rows = (
			# a delivery due in a week, a payment due today, a delivery done a month ago
			("We" if self.sales else "Counterparty", "Delivery", "Поставка партии по спецификации № 1", 7),
			(counterparty_pays, "Payment", "Оплата поставленной партии", 0),
			("We" if self.sales else "Counterparty", "Services", "Ввод оборудования в эксплуатацию", -1),
		)
		for obligor, kind, description, offset in rows:
			contract.append(
				"cm_obligations",
				{
					"obligor": obligor,
					"kind": kind,
					"description": description,
					"due_date": self.day(start + offset),
					"amount": flt(self.plan["amount"] / 4),
					"status": "Pending",
				},
			)

	def approve(self, visas: int = 3, reject_at: int | None = None):
		from contract_management.contracts import approval

		approval.send_for_approval(self.contract)
		steps = len(approval.current_round_visas(self.contract))
		for index in range(min(visas, steps)):
			if index == reject_at:
				approval.give_visa(
					self.contract,
					"Rejected",
					"Срок оплаты 60 дней неприемлем: верните 30 дней, как в типовой форме.",
					ADMINISTRATOR,
				)
				return
			decision = "Approved with Remarks" if index == 1 else "Approved"
			remarks = "Проверить реквизиты в спецификации." if index == 1 else None
			approval.give_visa(self.contract, decision, remarks, ADMINISTRATOR)

	def send_for_approval(self, status: str):
		number = int(self.key.rsplit("-", 1)[1])
		if status == "On Approval":
			if number % 3 == 0:
				# rejected in the first round, sent again after the terms were changed
				self.approve(reject_at=1)
				self.contract.cm_amount = flt(self.contract.cm_amount) * 0.9
				self.contract.save()
				self.approve(visas=1)
			else:
				self.approve(visas=number % 3)
		elif status == "Rejected":
			self.approve(reject_at=number % 2 + 1)
		else:
			self.approve()

	# -- money

	def anchor(self) -> int:
		return min(self.plan["end"], 0)

	def make_money(self):
		plan = self.plan["money"]
		anchor = self.anchor()
		amount = flt(self.plan["amount"])
		if plan == "ordered":
			self.make_order(-10, 20, amount * 0.3)
			return
		dates = {
			"overdue": (anchor - 130, anchor - 100),
			"paid": (anchor - 120, anchor - 90),
			"partly paid": (anchor - 130, anchor - 100),
			"recent": (-45, -15),
			"not due": (-5, 25),
		}[plan]
		order = self.make_order(dates[0] - 5, dates[0], amount * 0.5)
		self.invoice = self.make_invoice(order, dates[0], dates[1])
		if plan == "paid":
			self.pay(self.invoice, dates[1] - 5)
		elif plan == "partly paid":
			self.pay(self.invoice, -60, share=0.4)

	def make_order(self, date_offset: int, due_offset: int, total: float):
		doctype = "Sales Order" if self.sales else "Purchase Order"
		item = "ДЕМО-ТОВАР" if self.plan["subject"][0] == "Supply" else "ДЕМО-УСЛУГИ"
		rate = flt(total / 4, 0)
		order = frappe.get_doc(
			{
				"doctype": doctype,
				"customer" if self.sales else "supplier": self.contract.party_name,
				"company": self.contract.cm_company,
				"cm_contract": self.contract.name,
				"transaction_date": self.day(date_offset),
				"delivery_date" if self.sales else "schedule_date": self.day(due_offset),
				"selling_price_list" if self.sales else "buying_price_list": self.demo.name_of(
					"price-list-selling" if self.sales else "price-list-buying"
				),
				"currency": "RUB",
				"conversion_rate": 1,
				"items": [
					{
						"item_code": item,
						"qty": 4,
						"rate": rate,
						"delivery_date" if self.sales else "schedule_date": self.day(due_offset),
					}
				],
			}
		)
		order.insert()
		order.submit()
		return self.record("order", order)

	def make_invoice(self, order, date_offset: int, due_offset: int):
		if self.sales:
			from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice as map_invoice
		else:
			from erpnext.buying.doctype.purchase_order.purchase_order import (
				make_purchase_invoice as map_invoice,
			)
		invoice = map_invoice(order.name)
		invoice.update(
			{
				"posting_date": self.day(date_offset),
				"set_posting_time": 1,
				"due_date": self.day(due_offset),
				"payment_schedule": [],
			}
		)
		if not self.sales:
			invoice.bill_no = f"СЧ-{self.key.rsplit('-', 1)[1]}"
			invoice.bill_date = self.day(date_offset)
		invoice.insert()
		invoice.submit()
		return self.record("invoice", invoice)

	def pay(self, invoice, date_offset: int, share: float = 1.0, suffix: str = "payment"):
		from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

		invoice.reload()
		amount = flt(invoice.outstanding_amount * share, 2)
		payment = get_payment_entry(invoice.doctype, invoice.name, party_amount=amount)
		payment.update(
			{
				"posting_date": self.day(date_offset),
				"reference_no": f"п/п {self.key.rsplit('-', 1)[1]}{int(share * 100)}",
				"reference_date": self.day(date_offset),
				"paid_amount": amount,
				"received_amount": amount,
			}
		)
		payment.references[0].allocated_amount = amount
		payment.insert()
		payment.submit()
		return self.record(suffix, payment)

	# -- claims

	def make_claim(self, status: str):
		from contract_management.claims.flows import new_claim_for_contract

		outgoing = self.sales
		anchor = self.anchor()
		# A claim received 28 days ago is due an answer in 2 to 4 days (weekends move it): its reminder,
		# 5 days before, is due. One sent 33 days ago may go to court since the last day or two: its
		# court-date reminder is due.
		sent = {
			"Draft": -3,
			"Sent": -5,
			"Received": -28,
			"Answered": -20,
			"No Answer": -33,
			"In Court": -60,
			"Closed": -60,
			"Satisfied": -40,
			"Partly Satisfied": -40,
			"Rejected": -35,
			"Cancelled": -10,
		}[status]
		sent = max(sent, anchor - 95) if anchor < 0 else sent
		claim = new_claim_for_contract(
			self.contract.name, "Outgoing" if outgoing else "Incoming", on_date=self.day(sent)
		)
		claim.drafted_on = self.day(sent - 2)
		claim.responsible = data.LEGAL_USER if self.demo.with_users else ADMINISTRATOR
		if outgoing:
			claim.sent_on = self.day(sent)
			claim.delivery_method = "Post"
			claim.tracking_number = f"1250{abs(sent):02d}00{self.key.rsplit('-', 1)[1]}"
		else:
			claim.received_on = self.day(sent)
			claim.delivery_method = "E-mail"
			claim.demand = "Оплатить задолженность по договору и неустойку за просрочку оплаты."
		if status == "Draft":
			claim.sent_on = None
			claim.insert()
			self.record("claim", claim)
			return
		claim.insert()
		claim.submit()
		self.record("claim", claim)
		if status == "Cancelled":
			claim.cancel()
			return
		if status in ("Satisfied", "Partly Satisfied"):
			self.pay(
				self.invoice, sent + 20, share=1.0 if status == "Satisfied" else 0.5, suffix="claim-payment"
			)
		answer = {
			"Answered": (sent + 10, None, "Задолженность признаём, оплату произведём до конца месяца."),
			"Satisfied": (sent + 15, "Satisfied", "Претензия удовлетворена, задолженность погашена."),
			"Partly Satisfied": (
				sent + 15,
				"Partly Satisfied",
				"Оплачена половина долга, неустойку не признаём.",
			),
			"Rejected": (sent + 12, "Rejected", "Требование отклонено: товар поставлен с нарушением сроков."),
			"Closed": (sent + 10, "Satisfied", "Задолженность погашена."),
		}.get(status)
		claim.reload()
		if answer:
			claim.response_date, claim.decision, claim.response_text = (
				self.day(answer[0]),
				answer[1],
				answer[2],
			)
		if status == "In Court":
			claim.court_filed_on = self.day(sent + 40)
			claim.court_case_number = f"А40-{10000 + int(self.key.rsplit('-', 1)[1])}/{self.demo.today.year}"
		if status == "Closed":
			claim.closed_on = self.day(sent + 20)
		if answer or status in ("In Court", "Closed"):
			claim.save()

	# -- supplementary agreements

	def make_amendment(self, kind: str, target: str):
		from contract_management.contracts import approval

		self.contract.reload()
		values = {
			"doctype": "Contract Amendment",
			"contract": self.contract.name,
			"kind": kind,
			"amendment_date": self.day(-20),
			"effective_date": self.day(-20),
			"our_signatory": OUR_SIGNATORY[0],
			"our_signatory_position": OUR_SIGNATORY[1],
		}
		if kind == "Prolongation":
			values["new_end_date"] = add_days(self.contract.end_date, 365)
			values["reason"] = "Продление срока действия договора на год по согласованию сторон."
		elif kind == "Change of Amount":
			values["new_amount"] = flt(self.contract.cm_amount) * 1.2
			values["reason"] = "Увеличение объёма поставки."
		elif kind == "Change of Terms":
			values["new_terms"] = data.TERMS.format(subject=self.contract.cm_subject).replace(
				"30 календарных", "45 календарных"
			)
			values["reason"] = "Изменение срока оплаты."
		elif kind == "Termination by Agreement":
			number = int(self.key.rsplit("-", 1)[1])
			values["amendment_date"] = values["effective_date"] = self.day(-3 - number % 10)
			values["reason"] = "Расторжение по соглашению сторон в связи с прекращением потребности."
		amendment = frappe.get_doc(values).insert()
		self.record(f"agreement-{kind.lower().replace(' ', '-')}", amendment)
		if target == "Draft":
			return
		approval.send_for_approval(amendment)
		if target == "On Approval":
			return
		for _visa in approval.current_round_visas(amendment):
			approval.give_visa(amendment, "Approved", None, ADMINISTRATOR)
		amendment.submit()


# ---------------------------------------------------------------- removing


def remove(progress=None) -> int:
	"""Cancel and delete every document the demo registered, newest first, with the ledger rows ERPNext
	deletes along with a deleted transaction. Returns how many documents were removed."""
	from frappe.model.delete_doc import delete_dynamic_links

	progress = progress or (lambda done, total, label: None)
	records = frappe.get_all(
		REGISTRY,
		fields=["name", "key", "reference_doctype", "reference_name"],
		order_by="name desc",
	)
	setting = ("Accounts Settings", "delete_linked_ledger_entries")
	keep_ledgers = frappe.db.get_single_value(*setting)
	frappe.db.set_single_value(*setting, 1)
	removed = 0
	try:
		for done, record in enumerate(records, start=1):
			frappe.db.savepoint(STEP_SAVEPOINT)
			try:
				# The registry's own link to the document goes first, or it would keep it from deletion.
				frappe.delete_doc(REGISTRY, record.name, delete_permanently=True)
				removed += _remove_one(record.reference_doctype, record.reference_name, delete_dynamic_links)
			except Exception:
				frappe.db.rollback(save_point=STEP_SAVEPOINT)
				raise
			_commit()
			progress(done, len(records), record.key)
	finally:
		frappe.db.set_single_value(*setting, keep_ledgers)
		_commit()
	return removed


def _remove_one(doctype: str, name: str, delete_dynamic_links) -> int:
	if not frappe.db.exists(doctype, name):
		return 0
	doc = frappe.get_doc(doctype, name)
	if doc.meta.is_submittable and doc.docstatus == 1:
		doc.cancel()
	if doctype == "Company":
		_hand_over_default_company(name)
		_delete_company_templates(name)
	if doctype == "User":
		_delete_what_frappe_made_for_user(name)
	frappe.delete_doc(doctype, name, delete_permanently=True)
	# Comments, versions, assignments and notifications of the document, which Frappe otherwise
	# removes later in a background job.
	delete_dynamic_links(doctype, name)
	_delete_feed_of_deletion(doctype, name)
	if doctype == "Contract":
		_revert_registry_series(doc)
	return 1


def _delete_company_templates(company: str):
	"""The tax templates ERPNext made with the company: deleted as documents, with their rows (the
	company's own on_trash deletes only the templates, leaving their rows behind)."""
	for doctype in (
		"Sales Taxes and Charges Template",
		"Purchase Taxes and Charges Template",
		"Item Tax Template",
	):
		for name in frappe.get_all(doctype, filters={"company": company}, pluck="name"):
			frappe.delete_doc(doctype, name, delete_permanently=True)
			_delete_feed_of_deletion(doctype, name)


def _delete_what_frappe_made_for_user(user: str):
	"""The contact and notification settings Frappe makes with a user, deleted with it: Frappe's own
	deletion of a user would leave the contact unlinked and the settings among Deleted Documents."""
	for doctype, names in (
		("Contact", frappe.get_all("Contact", filters={"user": user}, pluck="name")),
		("Notification Settings", [user] if frappe.db.exists("Notification Settings", user) else []),
	):
		for name in names:
			frappe.delete_doc(doctype, name, ignore_permissions=True, delete_permanently=True)
			_delete_feed_of_deletion(doctype, name)


def _hand_over_default_company(company: str):
	"""A demo company made by the setup wizard is the site's default company: the default passes to a
	company the demo did not make, or is cleared when there is none."""
	defaults = frappe.get_single("Global Defaults")
	if defaults.default_company != company:
		return
	record = frappe.qb.DocType(REGISTRY)
	table = frappe.qb.DocType("Company")
	others = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table.name != company)
		.where(
			table.name.notin(
				frappe.qb.from_(record)
				.select(record.reference_name)
				.where(record.reference_doctype == "Company")
			)
		)
		.orderby(table.creation)
		.limit(1)
	).run(pluck=True)
	defaults.default_company = others[0] if others else None
	defaults.save()


def _delete_feed_of_deletion(doctype: str, name: str):
	"""Frappe notes every deletion in the activity feed (a Comment «Deleted»); a demo removed leaves no
	trace of itself, so the note of each document it removes goes too."""
	feed = frappe.get_all(
		"Comment",
		filters={"comment_type": "Deleted", "reference_doctype": doctype, "subject": f"{_(doctype)} {name}"},
		order_by="creation desc",
		limit=1,
		pluck="name",
	)
	if feed:
		frappe.delete_doc("Comment", feed[0], delete_permanently=True)


def _revert_registry_series(contract):
	"""The registry number the contract took from its series is given back when it was the last one."""
	from frappe.model.naming import revert_series_if_last

	from contract_management.contracts.registry import get_registry_series

	revert_series_if_last(
		get_registry_series(contract.cm_company, contract.cm_direction), contract.cm_registry_number, contract
	)
