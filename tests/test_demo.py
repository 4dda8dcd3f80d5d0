"""The demo (bench contract-management-demo): what it makes, that a second run makes nothing, that
--remove leaves the site as it was, and that it refuses a site with real transactions.

The demo commits step by step when run from the command line; under tests it runs inside the test's
transaction, which is rolled back afterwards.
"""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import date_diff, getdate, nowdate
from frappe.utils.password import check_password

from contract_management.demo import builder, data
from contract_management.demo.requisites import account_with_key, inn_10, ogrn, requisites
from tests import factories as f

# Tables the demo writes to, directly or through ERPNext (ledgers, accounts of its companies, the
# comments, versions and assignments of its documents).
COUNTED = (
	"Company",
	"Account",
	"Cost Center",
	"Warehouse",
	"Department",
	"Fiscal Year",
	"Customer",
	"Supplier",
	"Item",
	"Item Price",
	"Price List",
	"Sales Taxes and Charges Template",
	"Sales Taxes and Charges",
	"Purchase Taxes and Charges",
	"Item Tax Template Detail",
	"Contract Approval Route",
	"Contract",
	"Contract Amendment",
	"Contract Claim",
	"Sales Order",
	"Sales Invoice",
	"Purchase Order",
	"Purchase Invoice",
	"Payment Entry",
	"GL Entry",
	"Payment Ledger Entry",
	"ToDo",
	"Comment",
	"Version",
	"Notification Log",
	"Deleted Document",
	"Contract Demo Record",
	"User",
	"Has Role",
	"Contact",
	"__Auth",
)
CYRILLIC = re.compile("[А-Яа-яЁё]")
# An English sentence of the app's own (a claim's demand today reads "Pay the overdue debt under …").
ENGLISH_WORDS = re.compile(r"\b(the|and|under|of|for)\b", re.IGNORECASE)


def counts() -> dict[str, int]:
	return {
		doctype: frappe.db.sql("select count(*) from `__Auth`")[0][0]
		if doctype == "__Auth"
		else frappe.db.count(doctype)
		for doctype in COUNTED
	}


def finish_frappes_deletions():
	"""Frappe deletes the comments, versions and assignments of a deleted document in a background job.
	On a site where that job never ran (a bench without a worker), they stay behind until a later
	document of the same name is deleted, and go with it: the demo's removal of its invoice
	ACC-SINV-2026-00001 takes along the versions of an earlier, deleted ACC-SINV-2026-00001. The test
	starts from the site as that job would have left it (inside the test's transaction, rolled back)."""
	from frappe.model.delete_doc import delete_dynamic_links

	deleted = frappe.get_all(
		"Deleted Document", fields=["deleted_doctype", "deleted_name"], distinct=True, as_list=True
	)
	for doctype, name in deleted:
		if frappe.db.exists("DocType", doctype) and not frappe.db.exists(doctype, name):
			delete_dynamic_links(doctype, name)


class TestRequisites(FrappeTestCase):
	def test_inn_check_digit(self):
		# Sberbank's ИНН 7707083893: 7*2 + 7*4 + 0*10 + 7*3 + 0*5 + 8*9 + 3*4 + 8*6 + 9*8
		# = 14 + 28 + 0 + 21 + 0 + 72 + 12 + 48 + 72 = 267; 267 mod 11 = 3; 3 mod 10 = 3.
		self.assertEqual(inn_10("770708389"), "7707083893")

	def test_ogrn_check_digit(self):
		# Sberbank's ОГРН 1027700132195: 102770013219 mod 11 = 5 (11 * 9342728474 = 102770013214).
		self.assertEqual(ogrn("102770013219"), "1027700132195")

	def test_account_control_key(self):
		# БИК 044525225, correspondent account 30101810400000000225: «0» + the БИК's 5th and 6th digits
		# «25» + the account, 23 digits weighted 7 1 3 7 1 3 ...:
		# 0*7 + 2*1 + 5*3 + 3*7 + 0*1 + 1*3 + 0*7 + 1*1 + 8*3 + 1*7 + 0*1 + K*3 + (eight zeros)
		# + 2*3 + 2*7 + 5*1 = 98 + 3K; 98 + 3*4 = 110, 0 mod 10, so the key K is 4.
		self.assertEqual(account_with_key("025", "30101810000000000225"), "30101810400000000225")
		digits = "025" + "30101810400000000225"
		self.assertEqual(sum(int(d) * w for d, w in zip(digits, (7, 1, 3) * 8, strict=False)) % 10, 0)

	def test_demo_requisites_are_valid(self):
		values = requisites(11)
		inn = values["tax_id"]
		self.assertEqual(len(inn), 10)
		self.assertEqual(inn_10(inn[:9]), inn)
		self.assertEqual(ogrn(values["cm_ogrn"][:12]), values["cm_ogrn"])
		self.assertEqual(len(values["cm_kpp"]), 9)
		bik = values["cm_bik"]
		for prefix, account in (
			(bik[-3:], values["cm_settlement_account"]),
			("0" + bik[4:6], values["cm_correspondent_account"]),
		):
			self.assertEqual(len(account), 20)
			total = sum(int(d) * w for d, w in zip(prefix + account, (7, 1, 3) * 8, strict=False))
			self.assertEqual(total % 10, 0, account)


class TestDemo(FrappeTestCase):
	SIZE = 12

	def test_refuses_a_site_with_real_transactions_unless_forced(self):
		f.make_sales_invoice()
		with self.assertRaises(builder.RealTransactionsFound):
			builder.check_site()
		builder.check_site(force=True)  # no error
		self.assertGreaterEqual(builder.real_transactions()["Sales Invoice"], 1)

	def test_demo_twice_then_remove(self):
		finish_frappes_deletions()
		before = counts()
		seen = []
		result = builder.Demo(
			size=self.SIZE, companies=1, progress=lambda d, t, k: seen.append(k), users=True
		).run()
		made = counts()

		self.assertEqual(result["created"], made["Contract Demo Record"] - before["Contract Demo Record"])
		self.assertIn("contract-12", seen)  # progress reported, step by step
		self.assertEqual(made["Company"] - before["Company"], 1)
		self.assertEqual(made["Customer"] - before["Customer"], 10)
		self.assertEqual(made["Supplier"] - before["Supplier"], 10)
		self.assertEqual(made["Contract"] - before["Contract"], 12)

		demo_contracts = [name for doctype, name in builder.registry().values() if doctype == "Contract"]
		statuses = {}
		for status in frappe.get_all("Contract", filters={"name": ("in", demo_contracts)}, pluck="cm_status"):
			statuses[status] = statuses.get(status, 0) + 1
		# The first 12 of the plan: one of each status, then a second Active and Draft.
		self.assertEqual(
			statuses,
			{
				"Active": 2,
				"Draft": 2,
				"On Approval": 1,
				"Expired": 1,
				"Approved": 1,
				"Rejected": 1,
				"Not Started": 1,
				"Terminated": 1,
				"Fulfilled": 1,
				"Cancelled": 1,
			},
		)
		claims = {
			claim.status
			for claim in frappe.get_all(
				"Contract Claim", filters={"contract": ("in", demo_contracts)}, fields=["status"]
			)
		}
		self.assertEqual(claims, {"Sent", "No Answer"})
		# Contract 01 is active with a debt 100 days overdue and a signed prolongation.
		registry = builder.registry()
		first = registry["contract-01"][1]
		invoice = registry["contract-01/invoice"][1]
		self.assertEqual(frappe.db.get_value("Sales Invoice", invoice, "cm_contract"), first)
		self.assertGreater(frappe.db.get_value("Sales Invoice", invoice, "outstanding_amount"), 0)
		agreement = registry["contract-01/agreement-prolongation"][1]
		self.assertEqual(frappe.db.get_value("Contract Amendment", agreement, "docstatus"), 1)
		# A party carries a valid ИНН, and the other requisites where the site has their fields.
		customer = frappe.get_doc("Customer", registry["customer-01"][1])
		self.assertEqual(customer.tax_id, requisites(11)["tax_id"])
		self.assertEqual(inn_10(customer.tax_id[:9]), customer.tax_id)
		for field in ("cm_country", "cm_kpp", "cm_ogrn", "cm_bik", "cm_settlement_account"):
			if customer.meta.has_field(field):
				expected = "Russian Federation" if field == "cm_country" else requisites(11)[field]
				self.assertEqual(customer.get(field), expected, field)

		self.check_a_year_of_signing(builder.registry())
		self.check_texts_in_russian(demo_contracts)
		self.check_users_log_in_with_their_roles()

		again = builder.Demo(size=self.SIZE, companies=1, users=True).run()
		self.assertEqual(again["created"], 0)
		self.assertEqual(counts(), made)

		removed = builder.remove()
		self.assertEqual(removed, made["Contract Demo Record"] - before["Contract Demo Record"])
		self.assertEqual(counts(), before)
		for email, *_rest in data.USERS:
			self.assertFalse(frappe.db.exists("User", email))
			with self.assertRaises(frappe.AuthenticationError):
				check_password(email, data.USER_PASSWORD)

	def check_a_year_of_signing(self, registry: dict):
		"""Contracts signed over the past 12 to 18 months, each order, invoice, payment and claim under a
		contract dated on or after its signing."""
		today = getdate(nowdate())
		signed = {}
		for key, (doctype, name) in registry.items():
			if doctype == "Contract" and "/" not in key:
				row = frappe.db.get_value(
					"Contract", name, ["signed_on", "cm_contract_date", "docstatus"], as_dict=True
				)
				if row.docstatus == 1:
					signed[key] = getdate(row.signed_on)
					self.assertEqual(getdate(row.cm_contract_date), signed[key], key)
		self.assertGreaterEqual(len(signed), 5)
		self.assertGreaterEqual(date_diff(max(signed.values()), min(signed.values())), 365, signed)
		for key, day in signed.items():
			self.assertLessEqual(date_diff(today, day), 548, key)  # within 18 months
			self.assertLessEqual(day, today, key)
		date_of = {
			"Sales Order": "transaction_date",
			"Purchase Order": "transaction_date",
			"Sales Invoice": "posting_date",
			"Purchase Invoice": "posting_date",
			"Payment Entry": "posting_date",
			"Contract Claim": "drafted_on",
			"Contract Amendment": "amendment_date",
		}
		checked = 0
		for key, (doctype, name) in registry.items():
			contract_key = key.split("/")[0]
			if "/" in key and contract_key in signed and doctype in date_of:
				self.assertGreaterEqual(
					getdate(frappe.db.get_value(doctype, name, date_of[doctype])), signed[contract_key], key
				)
				checked += 1
		self.assertGreater(checked, 5)

	def check_texts_in_russian(self, contracts: list[str]):
		"""Claims, their answers and supplementary agreements of the Russian companies read in Russian."""
		texts = []
		for claim in frappe.get_all(
			"Contract Claim", filters={"contract": ("in", contracts)}, fields=["demand", "response_text"]
		):
			texts += [claim.demand, claim.response_text]
		texts += frappe.get_all("Contract Amendment", filters={"contract": ("in", contracts)}, pluck="reason")
		texts = [frappe.utils.strip_html(text) for text in texts if text]
		self.assertGreaterEqual(len(texts), 3)
		for text in texts:
			self.assertRegex(text, CYRILLIC)
			self.assertNotRegex(text, ENGLISH_WORDS)

	def check_users_log_in_with_their_roles(self):
		"""A user per role, who logs in with the password the demo prints."""
		roles_seen = set()
		for email, _first, _last, roles, _language in data.USERS:
			self.assertTrue(frappe.db.exists("User", email), email)
			self.assertTrue(set(roles) <= set(frappe.get_roles(email)), (email, frappe.get_roles(email)))
			self.assertEqual(check_password(email, data.USER_PASSWORD), email)
			roles_seen.update(roles)
		self.assertTrue(
			{
				"Contract Manager",
				"Legal Counsel",
				"Sales Contract User",
				"Purchase Contract User",
				"Contract Viewer",
			}
			<= roles_seen
		)

	def test_users_only_on_a_site_the_demo_set_up(self):
		# This test site completed its setup wizard without the demo.
		self.assertFalse(builder.Demo(size=1).with_users)
		fiscal_year = frappe.get_all("Fiscal Year", limit=1, pluck="name")[0]
		frappe.get_doc(
			{
				"doctype": builder.REGISTRY,
				"key": builder.SETUP_WIZARD_KEY,
				"reference_doctype": "Fiscal Year",
				"reference_name": fiscal_year,
			}
		).insert()
		self.assertTrue(builder.Demo(size=1).with_users)

	def test_demo_size_is_bounded_by_the_plan(self):
		self.assertEqual(len(data.contract_plan(1000)), data.FULL_SIZE)
		self.assertEqual(data.FULL_SIZE, 60)
		statuses = {plan["status"] for plan in data.contract_plan(data.FULL_SIZE)}
		self.assertEqual(len(statuses), 10)

	def test_plan_signs_over_twelve_to_eighteen_months(self):
		signed = [
			plan["signed"] for plan in data.contract_plan(data.FULL_SIZE) if plan.get("signed") is not None
		]
		self.assertGreaterEqual(len(signed), 40)
		self.assertGreaterEqual(max(signed) - min(signed), 365)
		self.assertGreaterEqual(min(signed), -548)
		self.assertLess(max(signed), 0)
		# Signed in at least ten of the last twelve months, as the workspace's chart shows them.
		months = {(-offset) // 30 for offset in signed if offset > -365}
		self.assertGreaterEqual(len(months), 10)
