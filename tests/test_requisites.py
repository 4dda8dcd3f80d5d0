"""Russian requisites: the check digits of ИНН, ОГРН, ОГРНИП and the БИК-based control key of bank
accounts, worked out by hand on public examples; the check on save of Company, Customer and Supplier;
link search by ИНН; the fields leave with the app."""

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management import install
from contract_management.parties import requisites as req
from contract_management.parties.requisites import InvalidRequisiteError
from tests import records as r
from tests.test_access import routed

# ПАО Сбербанк, as published on its site and in the state register.
SBER_INN = "7707083893"
SBER_KPP = "773601001"
SBER_OGRN = "1027700132195"
SBER_BIK = "044525225"
SBER_KS = "30101810400000000225"
# A settlement account at Sberbank whose key is worked out below (test_settlement_account_at_sberbank).
SBER_RS = "40702810200000000001"
# An individual's ИНН and an individual entrepreneur's ОГРНИП, the examples validators are tested on.
PERSON_INN = "500100732259"
OGRNIP = "304500116000157"


class TestCheckDigits(FrappeTestCase):
	def test_inn_of_an_organisation(self):
		# 7 7 0 7 0 8 3 8 9 | 3, weights 2 4 10 3 5 9 4 6 8:
		# 14 + 28 + 0 + 21 + 0 + 72 + 12 + 48 + 72 = 267; 267 mod 11 = 3 (11 × 24 = 264); 3 mod 10 = 3
		self.assertEqual(7 * 2 + 7 * 4 + 0 * 10 + 7 * 3 + 0 * 5 + 8 * 9 + 3 * 4 + 8 * 6 + 9 * 8, 267)
		self.assertTrue(req.inn_is_valid(SBER_INN))
		self.assertFalse(req.inn_is_valid("7707083894"), "the tenth digit must be 3")
		self.assertFalse(req.inn_is_valid("7707083839"), "two digits swapped")
		self.assertFalse(req.inn_is_valid("770708389"), "nine digits")
		self.assertFalse(req.inn_is_valid("77070838a3"))

	def test_inn_of_a_person(self):
		# 5 0 0 1 0 0 7 3 2 2 | 5 9
		# 11th: weights 7 2 4 10 3 5 9 4 6 8: 35 + 0 + 0 + 10 + 0 + 0 + 63 + 12 + 12 + 16 = 148;
		#       148 mod 11 = 5 (11 × 13 = 143) → 5
		# 12th: weights 3 7 2 4 10 3 5 9 4 6 8 over the first eleven:
		#       15 + 0 + 0 + 4 + 0 + 0 + 35 + 27 + 8 + 12 + 40 = 141; 141 mod 11 = 9 (11 × 12 = 132) → 9
		self.assertTrue(req.inn_is_valid(PERSON_INN))
		self.assertFalse(req.inn_is_valid("500100732258"), "the twelfth digit must be 9")
		self.assertFalse(req.inn_is_valid("500100732269"), "the eleventh digit must be 5")
		self.assertFalse(req.inn_is_valid("50010073225"), "eleven digits")

	def test_ogrn(self):
		# 102770013219 | 5: 102770013219 = 11 × 9342728474 + 5; 5 mod 10 = 5
		self.assertEqual(102770013219 - 11 * 9342728474, 5)
		self.assertTrue(req.ogrn_is_valid(SBER_OGRN))
		self.assertFalse(req.ogrn_is_valid("1027700132196"))
		self.assertFalse(req.ogrn_is_valid("102770013219"), "twelve digits")

	def test_ogrnip(self):
		# 30450011600015 | 7: 30450011600015 = 13 × 2342308584616 + 7; 7 mod 10 = 7
		self.assertEqual(30450011600015 - 13 * 2342308584616, 7)
		self.assertTrue(req.ogrn_is_valid(OGRNIP))
		self.assertFalse(req.ogrn_is_valid("304500116000158"))
		self.assertFalse(req.ogrn_is_valid("30450011600015"), "fourteen digits")

	def test_kpp_and_bik_formats(self):
		self.assertTrue(req.kpp_is_valid(SBER_KPP))
		self.assertTrue(req.kpp_is_valid("7736AB001"), "the reason code may be capital Latin letters")
		self.assertFalse(req.kpp_is_valid("7736ab001"))
		self.assertFalse(req.kpp_is_valid("77360100"), "eight characters")
		self.assertFalse(req.kpp_is_valid("77360100A"), "the last three are digits")
		self.assertTrue(req.bik_is_valid(SBER_BIK))
		self.assertFalse(req.bik_is_valid("04452522"))
		self.assertFalse(req.bik_is_valid("04452522X"))

	def test_correspondent_account_of_sberbank(self):
		# "0" + the БИК's 5th and 6th digits (0445 25 225 → "25") = 025, then 30101810400000000225,
		# weights 7 1 3 7 1 3 ...:
		# 0 2 5 | 3 0 1 0 1 8 1 0 4 0 0 0 0 0 0 0 0 2 2 5
		# 0 + 2 + 15 + 21 + 0 + 3 + 0 + 1 + 24 + 7 + 0 + 12 + 0 ... 0 + 6 + 14 + 5 = 110 → 110 mod 10 = 0
		digits = "025" + SBER_KS
		weights = (7, 1, 3) * 8
		products = [int(d) * w for d, w in zip(digits, weights, strict=False)]
		self.assertEqual(products, [0, 2, 15, 21, 0, 3, 0, 1, 24, 7, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 6, 14, 5])
		self.assertEqual(sum(products), 110)
		self.assertTrue(req.correspondent_account_is_valid(SBER_KS, SBER_BIK))
		self.assertFalse(req.correspondent_account_is_valid("30101810500000000225", SBER_BIK))
		self.assertFalse(req.correspondent_account_is_valid(SBER_KS, "044535225"), "another centre")

	def test_bank_of_russia_examples(self):
		"""The examples of the Bank of Russia's rules (08.09.1997 № 515): a correspondent account at the
		settlement centre with БИК 049805000, and a client's account at the bank with БИК 049805746."""
		# 0 0 5 | 3 0 1 0 1 8 1 0 8 0 0 0 0 0 0 0 0 7 4 6:
		# 0 + 0 + 15 + 21 + 0 + 3 + 0 + 1 + 24 + 7 + 0 + 24 + 0 ... 0 + 21 + 28 + 6 = 150 → 0
		self.assertTrue(req.correspondent_account_is_valid("30101810800000000746", "049805000"))
		self.assertFalse(req.correspondent_account_is_valid("30101810000000000746", "049805000"))
		# 7 4 6 | 4 0 6 0 2 8 1 0 7 0 0 0 0 0 0 0 0 0 2 5:
		# 49 + 4 + 18 + 28 + 0 + 18 + 0 + 2 + 24 + 7 + 0 + 21 + 0 ... 0 + 14 + 5 = 190 → 0
		self.assertTrue(req.settlement_account_is_valid("40602810700000000025", "049805746"))
		self.assertFalse(req.settlement_account_is_valid("40602810000000000025", "049805746"))

	def test_settlement_account_at_sberbank(self):
		# БИК's last three digits 225, then 40702810200000000001:
		# 2 2 5 | 4 0 7 0 2 8 1 0 2 0 0 0 0 0 0 0 0 0 0 1
		# 14 + 2 + 15 + 28 + 0 + 21 + 0 + 2 + 24 + 7 + 0 + 6 + 0 ... 0 + 1 = 120 → 0
		self.assertEqual(14 + 2 + 15 + 28 + 0 + 21 + 0 + 2 + 24 + 7 + 0 + 6 + 1, 120)
		self.assertTrue(req.settlement_account_is_valid(SBER_RS, SBER_BIK))
		self.assertFalse(req.settlement_account_is_valid("40702810300000000001", SBER_BIK))
		self.assertFalse(req.settlement_account_is_valid(SBER_RS, "044525226"), "another bank's БИК")
		self.assertFalse(req.settlement_account_is_valid("4070281020000000001", SBER_BIK), "19 digits")


def russian_customer(**values):
	customer = frappe.get_doc("Customer", r.CUSTOMER)
	customer.cm_country = req.RUSSIA
	customer.update(values)
	return customer


class TestCheckOnSave(FrappeTestCase):
	def test_russian_customer_with_valid_requisites_saves(self):
		customer = russian_customer(
			tax_id="7707 083 893",
			cm_kpp="7736ab001",
			cm_ogrn=SBER_OGRN,
			cm_bank_name="ПАО Сбербанк",
			cm_bik=SBER_BIK,
			cm_correspondent_account=SBER_KS,
			cm_settlement_account=SBER_RS,
		)
		customer.save()
		saved = frappe.db.get_value("Customer", r.CUSTOMER, ["tax_id", "cm_kpp"], as_dict=True)
		self.assertEqual(saved.tax_id, SBER_INN, "spaces people paste are taken out")
		self.assertEqual(saved.cm_kpp, "7736AB001")

	def test_wrong_inn_is_refused_naming_the_field(self):
		customer = russian_customer(tax_id="7707083894")
		with self.assertRaises(InvalidRequisiteError) as refused:
			customer.save()
		self.assertIn("Tax ID", str(refused.exception))
		self.assertIn("7707083894", str(refused.exception))
		self.assertIn("check digits", str(refused.exception))

		customer = russian_customer(tax_id="77070838")
		with self.assertRaises(InvalidRequisiteError) as refused:
			customer.save()
		self.assertIn("must have 10 digits", str(refused.exception))

	def test_each_wrong_requisite_is_named(self):
		supplier = frappe.get_doc("Supplier", r.SUPPLIER)
		supplier.country = req.RUSSIA
		supplier.update(
			{
				"tax_id": PERSON_INN,
				"cm_kpp": "77360100",
				"cm_ogrn": "304500116000158",
				"cm_bik": SBER_BIK,
				"cm_correspondent_account": "30101810500000000225",
				"cm_settlement_account": "40702810300000000001",
			}
		)
		with self.assertRaises(InvalidRequisiteError) as refused:
			supplier.save()
		message = str(refused.exception)
		for text in (
			"KPP",
			"77360100",
			"OGRN / OGRNIP",
			"304500116000158",
			"Correspondent Account",
			"30101810500000000225",
			"Settlement Account",
			"40702810300000000001",
			"does not match",
		):
			self.assertIn(text, message)
		self.assertNotIn(PERSON_INN, message, "a valid ИНН is not complained of")

	def test_an_account_needs_the_bik(self):
		customer = russian_customer(cm_settlement_account=SBER_RS)
		with self.assertRaises(InvalidRequisiteError) as refused:
			customer.save()
		self.assertIn("Settlement Account", str(refused.exception))
		self.assertIn("BIK", str(refused.exception))

	def test_foreign_party_tax_id_is_never_refused(self):
		customer = frappe.get_doc("Customer", r.EUR_CUSTOMER)
		customer.cm_country = "Germany"
		customer.tax_id = "DE123456789"
		customer.save()
		self.assertEqual(frappe.db.get_value("Customer", r.EUR_CUSTOMER, "tax_id"), "DE123456789")

		supplier = frappe.get_doc("Supplier", r.SUPPLIER_2)
		supplier.country = "Germany"
		supplier.tax_id = "DE123456789"
		supplier.save()

		# a customer whose country is not given is not taken for a Russian one
		customer = frappe.get_doc("Customer", r.CUSTOMER_2)
		customer.cm_country = None
		customer.tax_id = "12345"
		customer.save()

	def test_russian_company(self):
		company = frappe.get_doc("Company", r.RUB_COMPANY)
		self.assertEqual(company.country, req.RUSSIA)
		company.update({"tax_id": "7707083890", "cm_kpp": SBER_KPP})
		with self.assertRaises(InvalidRequisiteError) as refused:
			company.save()
		self.assertIn("Tax ID", str(refused.exception))

		company = frappe.get_doc("Company", r.RUB_COMPANY)
		company.update({"tax_id": SBER_INN, "cm_kpp": SBER_KPP, "cm_ogrn": SBER_OGRN, "cm_bik": SBER_BIK})
		company.cm_settlement_account = SBER_RS
		company.save()
		self.assertEqual(frappe.db.get_value("Company", r.RUB_COMPANY, "cm_ogrn"), SBER_OGRN)

		# the European company's tax id is its own business
		company = frappe.get_doc("Company", r.EUR_COMPANY)
		company.tax_id = "DE123456789"
		company.save()

	def test_the_check_reads_nothing_from_the_database(self):
		customer = russian_customer(
			tax_id=SBER_INN,
			cm_kpp=SBER_KPP,
			cm_ogrn=SBER_OGRN,
			cm_bik=SBER_BIK,
			cm_correspondent_account=SBER_KS,
			cm_settlement_account=SBER_RS,
		)
		with self.assertQueryCount(0):
			req.validate_requisites(customer)
		foreign = frappe.get_doc("Customer", r.EUR_CUSTOMER)
		with self.assertQueryCount(0):
			req.validate_requisites(foreign)


class TestSearchByInn(FrappeTestCase):
	def test_customer_and_supplier_found_by_inn(self):
		frappe.db.set_value("Customer", r.CUSTOMER_2, "tax_id", SBER_INN)
		frappe.db.set_value("Supplier", r.SUPPLIER_2, "tax_id", PERSON_INN)
		for method in ("frappe.desk.search.search_link", None):
			# Frappe's own endpoint, and the app's override that the site's request handler runs
			search_link = frappe.get_attr(method) if method else routed("frappe.desk.search.search_link")
			for user, doctype, inn, name in (
				("cm.sales@example.com", "Customer", SBER_INN, r.CUSTOMER_2),
				("cm.purchase@example.com", "Supplier", PERSON_INN, r.SUPPLIER_2),
			):
				frappe.set_user(user)
				try:
					found = [row["value"] for row in search_link(doctype, inn)]
					found_by_part = [row["value"] for row in search_link(doctype, inn[:6])]
				finally:
					frappe.set_user("Administrator")
				self.assertIn(name, found, f"{doctype} by ИНН as {user}")
				self.assertIn(name, found_by_part)
		# ERPNext's own search fields stay, tax_id comes after them
		self.assertEqual(
			frappe.get_meta("Customer").search_fields,
			"customer_group,territory,mobile_no,primary_address,tax_id",
		)
		self.assertEqual(frappe.get_meta("Supplier").search_fields, "supplier_group,tax_id")


class TestFieldsLeaveWithTheApp(FrappeTestCase):
	def test_fields_exist_and_uninstall_removes_them(self):
		for doctype in ("Company", "Customer", "Supplier"):
			meta = frappe.get_meta(doctype)
			for fieldname in (
				"cm_kpp",
				"cm_ogrn",
				"cm_bik",
				"cm_correspondent_account",
				"cm_settlement_account",
			):
				field = meta.get_field(fieldname)
				self.assertIsNotNone(field, f"{doctype}.{fieldname}")
		self.assertEqual(frappe.get_meta("Customer").get_field("cm_country").options, "Country")
		self.assertIn("Russian Federation", frappe.get_meta("Supplier").get_field("cm_kpp").depends_on)

		install.before_uninstall()
		for doctype in ("Company", "Customer", "Supplier"):
			self.assertFalse(
				frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": ("like", "cm\\_%")}), doctype
			)
		for doctype in ("Customer", "Supplier"):
			self.assertFalse(
				frappe.db.exists("Property Setter", {"doc_type": doctype, "property": "search_fields"}),
				doctype,
			)
