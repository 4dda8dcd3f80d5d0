"""The demo: a site filled with companies, parties, contracts in every status, money and claims, and,
on a site whose setup the demo completed itself, a user per role of the contract department.

Every document is made as a user makes it: `insert`, `submit`, ERPNext's mappers and payment entry, and
the app's own actions (send for approval, visas, supplementary agreements, claims, marking fulfilled).
Each document the demo makes is written down in the Contract Demo Record registry under the key of the
step that made it, in the same transaction; a step whose key is there is not made again, so a second
run makes nothing. `remove` cancels and deletes exactly the registered documents, newest first.

This module composes the run; each step is a module of its own: registry (what the demo made),
setup (the site's setup and fiscal years), companies, parties (price lists, items, customers,
suppliers), routes, users, contracts (with money, claims and agreements), removal.

The texts the demo writes into documents are data of its companies, which are Russian: a contract's
story (its claims, their answers, its supplementary agreements and what the app itself writes on them)
is made in Russian, whatever the language of the site or of whoever runs the demo.
"""

import frappe
from frappe.utils import add_days, cint, getdate, nowdate

from contract_management.demo import data
from contract_management.demo.companies import RUSSIA, make_company
from contract_management.demo.contracts import ContractScenario
from contract_management.demo.parties import make_items, make_party
from contract_management.demo.registry import (
	ADMINISTRATOR,
	REGISTRY,
	SETUP_WIZARD_KEY,
	DemoNameTaken,
	RealTransactionsFound,
	check_site,
	in_own_transaction,
	real_transactions,
	registry,
)
from contract_management.demo.removal import remove
from contract_management.demo.routes import make_routes
from contract_management.demo.setup import setup
from contract_management.demo.users import make_users, user_key

# What the command and the tests use from here.
__all__ = [
	"REGISTRY",
	"SETUP_WIZARD_KEY",
	"Demo",
	"DemoNameTaken",
	"RealTransactionsFound",
	"check_site",
	"real_transactions",
	"registry",
	"remove",
]


class Demo:
	"""The demo's run: its steps in order, each in its own transaction unless the registry has it, and
	what a step needs of the others (a record's name, the day, who is responsible for a contract)."""

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
			in_own_transaction(make)
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
		setup(self)
		for plan in self.company_plans:
			self.step(plan["key"], lambda plan=plan: make_company(self, plan))
		# A step is known by the key of the first record it makes.
		self.step("price-list-selling", lambda: make_items(self))
		for index, name in enumerate(data.CUSTOMERS, start=1):
			self.step(f"customer-{index:02d}", lambda i=index, n=name: make_party(self, "Customer", i, n))
		for index, name in enumerate(data.SUPPLIERS, start=1):
			self.step(f"supplier-{index:02d}", lambda i=index, n=name: make_party(self, "Supplier", i, n))
		for plan in self.company_plans:
			self.step(f"route-{plan['key']}-sales", lambda plan=plan: make_routes(self, plan))
		self.step(user_key(data.USERS[0][0]), lambda: make_users(self))
		for plan in data.contract_plan(self.size):
			if plan["company"] not in {company["key"] for company in self.company_plans}:
				plan["company"] = self.company_plans[0]["key"]
			self.step(plan["key"], lambda plan=plan: ContractScenario(self, plan).make())
		return {"created": self.created, "records": len(self.made)}

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
