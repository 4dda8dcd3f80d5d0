"""The printed contract and approval sheet, rendered to HTML and PDF, in English and Russian."""

import io

import frappe
import pytest
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from contract_management.api import give_visa, send_for_approval
from tests import records as r
from tests.contracts import make_contract
from tests.test_approval import ACCOUNTS, HEAD_OF_SALES, LEGAL, as_user, make_route


def render(doc, print_format, lang="en", as_pdf=False):
	"""As the print view renders it for a print language: Frappe prints in frappe.local.lang."""
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		return frappe.get_print("Contract", doc.name, print_format, doc=doc, as_pdf=as_pdf, no_letterhead=1)
	finally:
		frappe.local.lang = previous


def pdf_text(pdf: bytes) -> str:
	text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
	return text.replace("\ufb01", "fi").replace("\ufb02", "fl")  # wkhtmltopdf sets ligatures


def squash(text: str) -> str:
	return " ".join(text.split())


@pytest.mark.usefixtures("served_site")
class TestContractPrint(FrappeTestCase):
	def setUp(self):
		frappe.db.set_value("Company", r.RUB_COMPANY, "tax_id", "7701234567")
		frappe.db.set_value("Customer", r.CUSTOMER, "tax_id", "7809876543")
		self.contract = make_contract(
			cm_subject="Supply of goods by specifications",
			cm_amount=120000,
			cm_vat_mode="Included",
			cm_vat_rate=20,
			cm_our_signatory="Ivanov I. I.",
			cm_our_signatory_position="General Director",
			cm_our_authority="Charter",
			cm_their_signatory="Petrov P. P.",
			cm_their_signatory_position="Director",
			cm_their_authority="Power of Attorney",
			cm_their_poa_number="15",
			cm_their_poa_date="2026-01-10",
			cm_auto_prolongation=1,
			cm_notice_period_days=30,
			contract_terms="<p>The Buyer pays {{ doc.cm_amount_with_vat }} within 10 days.</p>",
		)

	def test_english_html(self):
		html = squash(frappe.utils.strip_html(render(self.contract, "Contract Document")))
		self.assertIn(f"Contract No. {self.contract.cm_registry_number}", html)
		self.assertIn(r.RUB_COMPANY, html)
		self.assertIn(r.CUSTOMER, html)
		self.assertIn("represented by General Director Ivanov I. I., acting under the Charter", html)
		self.assertIn("acting under power of attorney No. 15", html)
		self.assertIn("One hundred and twenty thousand roubles", html)
		self.assertIn("The Buyer pays 120000.0 within 10 days.", html, "terms rendered from their Jinja")
		self.assertIn("7701234567", html)
		self.assertIn("is prolonged", html)

	def test_russian_html_and_pdf(self):
		html = squash(frappe.utils.strip_html(render(self.contract, "Contract Document", lang="ru")))
		self.assertIn(f"Договор № {self.contract.cm_registry_number}", html)
		self.assertIn("Сто двадцать тысяч рублей", html)
		self.assertIn("в том числе НДС", html)
		self.assertIn("действующего на основании Устава", html)

		pdf = render(self.contract, "Contract Document", lang="ru", as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
		text = squash(pdf_text(pdf))
		self.assertIn("Договор №", text)
		self.assertIn(self.contract.cm_registry_number, text)
		self.assertIn(r.CUSTOMER, text)


@pytest.mark.usefixtures("served_site")
class TestApprovalSheetPrint(FrappeTestCase):
	def test_sheet_lists_who_gave_which_visa(self):
		make_route(direction="Sales")
		contract = make_contract(cm_subject="Services of cleaning")
		send_for_approval(contract.name)
		as_user(LEGAL, give_visa, contract.name, "Approved with Remarks", "Add a confidentiality clause")
		as_user(ACCOUNTS, give_visa, contract.name, "Approved")
		as_user(HEAD_OF_SALES, give_visa, contract.name, "Approved")
		contract.reload()

		html = squash(frappe.utils.strip_html(render(contract, "Contract Approval Sheet")))
		self.assertIn("Approval Sheet", html)
		self.assertIn(contract.cm_registry_number, html)
		self.assertIn("Approved with Remarks", html)
		self.assertIn("Add a confidentiality clause", html)
		for user in (LEGAL, ACCOUNTS, HEAD_OF_SALES):
			self.assertIn(frappe.utils.get_fullname(user), html)

		text = squash(pdf_text(render(contract, "Contract Approval Sheet", lang="ru", as_pdf=True)))
		self.assertIn("Лист согласования", text)
		self.assertIn("Согласовано с замечаниями", text)
		self.assertIn("Add a confidentiality clause", text)


@pytest.mark.usefixtures("served_site")
class TestAmendmentPrint(FrappeTestCase):
	def test_agreement_lists_its_changes_as_clauses(self):
		from frappe.utils import add_days, getdate, nowdate

		from tests.amendments import make_amendment, signed_contract

		today = getdate(nowdate())
		contract = signed_contract(cm_our_signatory="Ivanov I. I.", cm_our_authority="Charter")
		amendment = make_amendment(
			contract,
			kind="Change of Terms",
			new_end_date=add_days(today, 465),
			new_amount=150000,
			changes=[
				{
					"term": "Wording of a Clause",
					"clause": "9.1",
					"new_value": "Disputes go to the Arbitration Court.",
				}
			],
			submit=True,
		)
		previous = frappe.local.lang
		try:
			html = squash(
				frappe.utils.strip_html(
					frappe.get_print(
						"Contract Amendment",
						amendment.name,
						"Contract Amendment",
						doc=amendment,
						no_letterhead=1,
					)
				)
			)
			frappe.local.lang = "ru"
			pdf = frappe.get_print(
				"Contract Amendment",
				amendment.name,
				"Contract Amendment",
				doc=amendment,
				as_pdf=True,
				no_letterhead=1,
			)
		finally:
			frappe.local.lang = previous
		self.assertIn("Supplementary Agreement No. 1", html)
		self.assertIn(f"to contract No. {contract.cm_registry_number}", html)
		self.assertIn("The term of the Contract is changed", html)
		self.assertIn("The price of the Contract is", html)
		self.assertIn("One hundred and fifty thousand roubles", html)
		self.assertIn(
			"Clause 9.1 of the Contract is amended to read: «Disputes go to the Arbitration Court.»", html
		)
		self.assertIn("All other terms of the Contract remain unchanged.", html)

		text = squash(pdf_text(pdf))
		self.assertIn("Дополнительное соглашение № 1", text)
		self.assertIn("Пункт 9.1 Договора изложить в следующей редакции", text)
		self.assertIn("Сто пятьдесят тысяч рублей", text)


@pytest.mark.usefixtures("served_site")
class TestClaimPrints(FrappeTestCase):
	def test_claim_letter_and_response(self):
		from tests.test_claims import invoice, make_claim, penalty_contract

		frappe.db.set_value("Customer", r.CUSTOMER, "tax_id", "7809876543")
		contract = penalty_contract()
		debt = invoice(contract, 100_000, "2026-02-01", "2026-03-01")
		claim = make_claim(
			contract,
			sent_on="2026-03-31",
			# Due on Sunday 1 March, so payable on Monday 2 March: 30 days of delay to 1 April.
			calculation_date="2026-04-01",
			our_signatory="Ivanov I. I.",
			our_signatory_position="General Director",
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
			submit=True,
		)
		claim.response_date = "2026-04-15"
		claim.decision = "Partly Satisfied"
		claim.response_text = "We pay the debt and dispute the penalty."
		claim.save()

		def render(print_format, lang="en", as_pdf=False):
			previous = frappe.local.lang
			frappe.local.lang = lang
			try:
				return frappe.get_print(
					"Contract Claim", claim.name, print_format, doc=claim, as_pdf=as_pdf, no_letterhead=1
				)
			finally:
				frappe.local.lang = previous

		letter = squash(frappe.utils.strip_html(render("Contract Claim Letter")))
		self.assertIn(f"Claim No. {claim.name}", letter)
		self.assertIn(f"Under contract No. {contract.cm_registry_number}", letter)
		self.assertIn(debt.name, letter)
		self.assertIn("7809876543", letter)
		self.assertIn("Penalty under the contract to", letter)
		self.assertIn("We demand that you pay", letter)
		self.assertIn("One hundred and three thousand roubles", letter)  # 100 000 + 30 days × 0.1 %
		self.assertIn("General Director", letter)

		text = squash(pdf_text(render("Contract Claim Letter", lang="ru", as_pdf=True)))
		self.assertIn("Претензия №", text)
		self.assertIn("Требуем оплатить", text)
		self.assertIn("Сто три тысячи рублей", text)

		response = squash(frappe.utils.strip_html(render("Contract Claim Response")))
		self.assertIn(f"Response to Claim No. {claim.name}", response)
		self.assertIn("We pay the debt and dispute the penalty.", response)
		response_pdf = squash(pdf_text(render("Contract Claim Response", lang="ru", as_pdf=True)))
		self.assertIn("Ответ на претензию", response_pdf)
