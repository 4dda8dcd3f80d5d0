"""The acts of acceptance printed from a Sales Invoice under a contract (issue 20): «Акт сдачи-приёмки
оказанных услуг» and «Акт сдачи-приёмки выполненных работ», in Russian and English by print language,
read as PDF text. An invoice without a contract is refused with a message; the contract's details are
shown only to a user who may read the contract; who may not read the invoice gets no PDF."""

import json

import frappe
import pytest
from erpnext.controllers.accounts_controller import get_taxes_and_charges
from frappe.tests.utils import FrappeTestCase

from tests import factories as f
from tests import records as r
from tests.contracts import make_contract
from tests.server import ServedSiteTestCase, login
from tests.test_print import pdf_text, squash
from tests.test_print_requisites import assert_company_requisites, assert_customer_requisites, give_requisites
from tests.test_requisites import OGRNIP, PERSON_INN, SBER_INN, SBER_KPP

SERVICES = "Services Acceptance Act"
WORKS = "Works Acceptance Act"
LINES = (("Audit of the contract registry", 2, 30000), ("Consulting on a supply contract", 1, 40000))


# Who signs for each side, with what authority: (position, name) by side.
SIGNATORIES = {"our": ("General Director", "Ivanov I. I."), "their": ("Director", "Petrov P. P.")}


def act_contract(**fields):
	for side, (position, name) in SIGNATORIES.items():
		fields.update(
			{
				f"cm_{side}_signatory": name,
				f"cm_{side}_signatory_position": position,
				f"cm_{side}_authority": "Charter",
			}
		)
	return make_contract(submit=True, cm_contract_date="2026-01-15", cm_amount=1_000_000, **fields)


def act_invoice(contract=None, vat=True, submit=True, **fields):
	"""Two lines of services, 100 000 in all, with VAT 20 % on top (120 000) unless `vat` is False."""
	invoice = f.make_sales_invoice(
		items=[(r.SERVICE_ITEM, qty, rate) for _name, qty, rate in LINES],
		date="2026-03-02",
		cm_contract=contract.name if contract else None,
		taxes_and_charges=r.SALES_TAX_TEMPLATE if vat else None,
		submit=False,
		**fields,
	)
	for row, (name, _qty, _rate) in zip(invoice.items, LINES, strict=True):
		row.item_name = name
	invoice.set(
		"taxes",
		get_taxes_and_charges("Sales Taxes and Charges Template", r.SALES_TAX_TEMPLATE) if vat else [],
	)
	invoice.save()
	if not contract:
		# the customer's one contract in force is filled in by itself (setting): this one has none
		invoice.db_set("cm_contract", None)
	if submit:
		invoice.submit()
	return invoice


def render(invoice, print_format, lang="en", as_pdf=True):
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		output = frappe.get_print(
			"Sales Invoice", invoice.name, print_format, doc=invoice, as_pdf=as_pdf, no_letterhead=1
		)
	finally:
		frappe.local.lang = previous
	return squash(pdf_text(output) if as_pdf else frappe.utils.strip_html(output))


def formatted(invoice, fieldname, lang):
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		return invoice.get_formatted(fieldname)
	finally:
		frappe.local.lang = previous


@pytest.mark.usefixtures("served_site")
class TestActPrints(FrappeTestCase):
	def setUp(self):
		give_requisites()
		self.contract = act_contract()
		self.invoice = act_invoice(self.contract)

	def assert_common(self, text, lang):
		"""What both acts carry, in the print language: the contract, parties, lines, VAT, signatures."""
		number = self.contract.cm_registry_number
		date = formatted(self.contract, "cm_contract_date", lang)
		for name, _qty, _rate in LINES:
			self.assertIn(name, text)
		self.assertIn(formatted(self.invoice.items[0], "amount", lang).split()[-1], text)
		self.assertIn(formatted(self.invoice, "grand_total", lang).split()[-1], text)
		for value in (SBER_INN, SBER_KPP, PERSON_INN, OGRNIP, r.RUB_COMPANY, r.CUSTOMER):
			self.assertIn(value, text)
		for position, name in SIGNATORIES.values():
			self.assertIn(f"{position} {name}", text)
		if lang == "ru":
			self.assertIn(f"по договору № {number} от {date}", text)
			self.assertIn("«Исполнитель»", text)
			self.assertIn("«Заказчик»", text)
			self.assertIn("с одной стороны", text)
			self.assertIn("НДС 20\u00a0%", text.replace(" %", "\u00a0%"))
			self.assertIn("Сто двадцать тысяч рублей", text)
			self.assertIn("Реквизиты и подписи сторон", text)
			self.assertEqual(text.count("М.П."), 2)
			self.assertIn("Заказчик претензий по объёму, качеству и срокам", text)
		else:
			self.assertIn(f"under contract No. {number} of {date}", text)
			self.assertIn("hereinafter the Contractor", text)
			self.assertIn("hereinafter the Customer", text)
			self.assertIn("on the one hand", text)
			self.assertIn("VAT 20%", text)
			self.assertIn("One hundred and twenty thousand roubles", text)
			self.assertIn("Details and Signatures of the Parties", text)
			self.assertEqual(text.count("Seal"), 2)
			self.assertIn("The Customer has no claims as to the volume, quality and terms", text)

	def test_each_act_in_russian_and_english(self):
		for print_format, lang, wording in (
			(
				SERVICES,
				"ru",
				(
					"Акт сдачи-приёмки оказанных услуг № {0} от",
					"Наименование услуг",
					"Всего оказано услуг 2 на сумму",
					"услуги оказаны полностью и в срок",
				),
			),
			(
				SERVICES,
				"en",
				(
					"Act of Acceptance of Services Rendered No. {0} of",
					"Name of Services",
					"Total services rendered: 2, to the amount of",
					"services have been rendered in full and on time",
				),
			),
			(
				WORKS,
				"ru",
				(
					"Акт сдачи-приёмки выполненных работ № {0} от",
					"Наименование работ",
					"Всего выполнено работ 2 на сумму",
					"работы выполнены полностью и в срок",
				),
			),
			(
				WORKS,
				"en",
				(
					"Act of Acceptance of Works Performed No. {0} of",
					"Name of Works",
					"Total works performed: 2, to the amount of",
					"works have been performed in full and on time",
				),
			),
		):
			with self.subTest(print_format=print_format, lang=lang):
				text = render(self.invoice, print_format, lang)
				for words in wording:
					self.assertIn(words.format(self.invoice.name), text)
				self.assert_common(text, lang)
		html = render(self.invoice, SERVICES, "en", as_pdf=False)
		assert_company_requisites(self, html)
		assert_customer_requisites(self, html)

	def test_an_invoice_without_vat_says_so(self):
		invoice = act_invoice(self.contract, vat=False)
		russian = render(invoice, SERVICES, "ru", as_pdf=False)
		self.assertIn("Без НДС", russian)
		self.assertIn("Сто тысяч рублей", russian)
		self.assertNotIn("НДС 20", russian)
		english = render(invoice, WORKS, "en", as_pdf=False)
		self.assertIn("Without VAT", english)
		self.assertIn("One hundred thousand roubles", english)

	def test_vat_included_in_the_rate_reads_as_included(self):
		invoice = act_invoice(self.contract, submit=False)
		invoice.taxes[0].included_in_print_rate = 1
		invoice.save()
		self.assertEqual(invoice.grand_total, 100000)
		text = render(invoice, SERVICES, "ru", as_pdf=False)
		self.assertIn("В том числе НДС 20", text)
		self.assertIn("Сто тысяч рублей", text)

	def test_an_invoice_without_a_contract_is_refused_with_a_message(self):
		invoice = act_invoice(None)
		for print_format in (SERVICES, WORKS):
			with self.assertRaises(frappe.PermissionError) as refused:
				render(invoice, print_format, "en", as_pdf=False)
			self.assertIn("has no contract", str(refused.exception))
		with self.assertRaises(frappe.PermissionError) as refused:
			render(invoice, SERVICES, "ru", as_pdf=False)
		self.assertIn("не указан договор", str(refused.exception))

	def test_a_contract_the_user_may_not_read_is_not_shown(self):
		"""An accountant may print the invoice; the act shows the contract's details only to who may read
		the contract: ERPNext's Accounts User alone may not, nor a purchase contract user (the row-level
		rule keeps sales contracts from them). They get the refusal a missing contract gets."""
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": "cm.act.accountant@example.com",
				"first_name": "Act Accountant",
				"send_welcome_email": 0,
			}
		)
		user.flags.no_welcome_mail = True
		user.insert()
		for roles in (["Accounts User"], ["Accounts User", "Purchase Contract User"]):
			user.set("roles", [])
			user.add_roles(*roles)
			frappe.set_user(user.name)
			try:
				self.assertTrue(frappe.has_permission("Sales Invoice", "print", self.invoice))
				self.assertFalse(frappe.has_permission("Contract", "read", self.contract))
				with self.assertRaises(frappe.PermissionError) as refused:
					render(self.invoice, SERVICES, "en", as_pdf=False)
				self.assertIn(
					f"Contract {self.contract.name} not found",
					frappe.utils.strip_html(str(refused.exception)),
				)
			finally:
				frappe.set_user("Administrator")
		user.add_roles("Contract Viewer")
		frappe.set_user(user.name)
		self.assertIn(self.contract.cm_registry_number, render(self.invoice, SERVICES, "en", as_pdf=False))


class TestActPdfOverRest(ServedSiteTestCase):
	"""The PDF the print view downloads, from the served site: committed records, removed after."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.contract = act_contract()
		cls.invoices = [act_invoice(cls.contract, submit=False), act_invoice(None, submit=False)]
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		names = [invoice.name for invoice in cls.invoices]
		for table in frappe.get_meta("Sales Invoice").get_table_fields():
			frappe.db.delete(table.options, {"parent": ("in", names), "parenttype": "Sales Invoice"})
		frappe.db.delete("Sales Invoice", {"name": ("in", names)})
		frappe.db.delete("Version", {"ref_doctype": "Sales Invoice", "docname": ("in", names)})
		frappe.db.delete("Contract Approval Visa", {"parent": cls.contract.name})
		frappe.db.delete("Version", {"ref_doctype": "Contract", "docname": cls.contract.name})
		frappe.db.delete("Contract", {"name": cls.contract.name})
		frappe.db.commit()
		super().tearDownClass()

	def download(self, session, invoice, print_format, lang, headers=None):
		return session.get(
			f"{self.url}/api/method/frappe.utils.print_format.download_pdf",
			params={
				"doctype": "Sales Invoice",
				"name": invoice.name,
				"format": print_format,
				"no_letterhead": 1,
				"_lang": lang,
			},
			headers=headers,
			timeout=120,
		)

	def test_the_pdf_comes_in_the_print_views_language(self):
		accountant = "cm.accounts@example.com"  # Accounts Manager and Contract Viewer
		self.assertIn(frappe.db.get_value("User", accountant, "language"), ("en", None, ""))
		session = login(self.url, accountant, r.PASSWORD)
		invoice = self.invoices[0]
		for print_format, russian, english in (
			(SERVICES, "Акт сдачи-приёмки оказанных услуг №", "Act of Acceptance of Services Rendered No."),
			(WORKS, "Акт сдачи-приёмки выполненных работ №", "Act of Acceptance of Works Performed No."),
		):
			for lang, title in (("ru", russian), ("en", english)):
				response = self.download(session, invoice, print_format, lang)
				self.assertEqual(response.status_code, 200, response.text[:500])
				self.assertTrue(response.content.startswith(b"%PDF"))
				text = squash(pdf_text(response.content))
				self.assertIn(f"{title} {invoice.name}", text)
				self.assertIn(self.contract.cm_registry_number, text)

	def test_an_invoice_without_a_contract_gets_a_message_not_a_server_error(self):
		"""Refused as Frappe refuses a print (403): the desk's preview and a PDF asked for by a script get
		the message; the print view's page shows it as «Not Permitted», and a PDF opened in the browser
		says «Not Permitted», neither with a traceback."""
		session = login(self.url, "cm.accounts@example.com", r.PASSWORD)
		invoice = self.invoices[1]
		for lang, message in (("en", "has no contract"), ("ru", "не указан договор")):
			response = self.download(session, invoice, SERVICES, lang)
			self.assertEqual(response.status_code, 403, response.text[:500])
			self.assertFalse(response.content.startswith(b"%PDF"))
			self.assertIn(message, self.messages(response))
			preview = session.post(
				f"{self.url}/api/method/frappe.www.printview.get_html_and_style",
				data={"doc": "Sales Invoice", "name": invoice.name, "print_format": WORKS, "_lang": lang},
				timeout=120,
			)
			self.assertEqual(preview.status_code, 403, preview.text[:500])
			self.assertIn(message, self.messages(preview))
		page = session.get(
			f"{self.url}/printview",
			params={"doctype": "Sales Invoice", "name": invoice.name, "format": SERVICES, "_lang": "ru"},
			timeout=120,
		)
		# Frappe's "Not Permitted" page with the refusal, never its "Server Error" page. (v16 also offers a
		# system user the refusal's traceback behind "Show Error" when System Settings allow it: Frappe's
		# own page, as for any refusal.)
		self.assertEqual(page.status_code, 403)
		self.assertIn("не указан договор", page.text)
		self.assertNotIn("Server Error", page.text)
		browser = self.download(session, invoice, WORKS, "en", headers={"Accept": "text/html"})
		self.assertEqual(browser.status_code, 403)
		self.assertNotIn("Server Error", browser.text)

	@staticmethod
	def messages(response) -> str:
		messages = json.loads(response.json().get("_server_messages", "[]"))
		return " ".join(json.loads(text)["message"] for text in messages)

	def test_who_may_not_read_the_invoice_gets_no_pdf(self):
		session = login(self.url, "cm.purchase@example.com", r.PASSWORD)
		response = self.download(session, self.invoices[0], SERVICES, "ru")
		# a document the user may not read is answered as one that does not exist (README, Access)
		self.assertIn(response.status_code, (403, 404), response.text[:300])
		self.assertFalse(response.content.startswith(b"%PDF"))
		self.assertNotIn(self.contract.cm_registry_number, response.text)
