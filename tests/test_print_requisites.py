"""The requisites in the prints: the contract, the supplementary agreement, the claim letter and response,
and the reconciliation act. A missing requisite has no line; the preamble has no stray commas; a
percentage prints as people write it."""

import frappe
import pytest
from frappe.tests.utils import FrappeTestCase

from contract_management.contract_management.report.reconciliation_act import reconciliation_act as act
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract
from tests.test_print import pdf_text, render, squash
from tests.test_requisites import (
	OGRNIP,
	PERSON_INN,
	SBER_BIK,
	SBER_INN,
	SBER_KPP,
	SBER_KS,
	SBER_OGRN,
	SBER_RS,
)

NBSP = "\u00a0"


def give_requisites():
	"""Our company with every requisite; the customer, an individual entrepreneur, with no КПП and no bank."""
	frappe.db.set_value(
		"Company",
		r.RUB_COMPANY,
		{
			"tax_id": SBER_INN,
			"cm_kpp": SBER_KPP,
			"cm_ogrn": SBER_OGRN,
			"cm_bank_name": "PAO Sberbank",
			"cm_bik": SBER_BIK,
			"cm_correspondent_account": SBER_KS,
			"cm_settlement_account": SBER_RS,
		},
	)
	frappe.db.set_value(
		"Customer",
		r.CUSTOMER,
		{"cm_country": "Russian Federation", "tax_id": PERSON_INN, "cm_ogrn": OGRNIP, "cm_kpp": None},
	)


def text_of(html: str) -> str:
	return squash(frappe.utils.strip_html(html))


def assert_company_requisites(case, text):
	for line in (
		f"Tax ID: {SBER_INN}",
		f"KPP: {SBER_KPP}",
		f"OGRN: {SBER_OGRN}",
		"Bank: PAO Sberbank",
		f"BIK: {SBER_BIK}",
		f"Correspondent Account: {SBER_KS}",
		f"Settlement Account: {SBER_RS}",
	):
		case.assertIn(line, text)


def assert_customer_requisites(case, text):
	case.assertIn(f"Tax ID: {PERSON_INN}", text)
	case.assertIn(f"OGRNIP: {OGRNIP}", text)
	# the customer has no КПП and no bank: only the company's lines are there, none printed empty
	case.assertEqual(text.count("KPP:"), 1)
	case.assertEqual(text.count("BIK:"), 1)
	case.assertEqual(text.count("Settlement Account:"), 1)
	case.assertNotIn(": ,", text)


@pytest.mark.usefixtures("served_site")
class TestContractPrintRequisites(FrappeTestCase):
	def setUp(self):
		give_requisites()
		# no signatories on either side
		self.contract = make_contract(cm_amount=120000, cm_vat_mode="Included", cm_vat_rate=20)

	def test_requisites_no_stray_commas_and_vat_percent(self):
		text = text_of(render(self.contract, "Contract Document"))
		assert_company_requisites(self, text)
		assert_customer_requisites(self, text)
		self.assertIn(
			f"{r.RUB_COMPANY}, hereinafter the Seller, and {r.CUSTOMER}, hereinafter the Buyer, "
			"have concluded this contract as follows.",
			text,
		)
		self.assertNotIn(", ,", text)
		self.assertIn("including VAT 20% of RUB 20", text)
		self.assertNotIn("VAT 20.0", text)

		russian = text_of(render(self.contract, "Contract Document", lang="ru"))
		self.assertNotIn(", ,", russian)
		self.assertIn("в том числе НДС 20", russian)
		self.assertNotRegex(russian, r"НДС 20[.,]0")
		self.assertIn(f"ИНН: {SBER_INN}", russian)

		pdf = squash(pdf_text(render(self.contract, "Contract Document", lang="ru", as_pdf=True)))
		for value in (SBER_INN, SBER_KPP, SBER_OGRN, SBER_BIK, SBER_KS, SBER_RS, PERSON_INN, OGRNIP):
			self.assertIn(value, pdf)
		self.assertNotIn(", ,", pdf)
		self.assertIn("НДС 20", pdf)
		self.assertNotRegex(pdf, r"НДС 20[.,]0")

	def test_signatories_keep_their_phrase(self):
		contract = make_contract(
			cm_our_signatory="Ivanov I. I.",
			cm_our_signatory_position="General Director",
			cm_our_authority="Charter",
		)
		text = text_of(render(contract, "Contract Document"))
		self.assertIn(
			f"{r.RUB_COMPANY}, hereinafter the Seller, represented by General Director Ivanov I. I., "
			f"acting under the Charter, and {r.CUSTOMER}, hereinafter the Buyer, have concluded",
			text,
		)

	def test_a_bank_account_record_still_prints_when_the_requisites_have_no_bank(self):
		frappe.db.set_value(
			"Company", r.RUB_COMPANY, {"cm_bank_name": None, "cm_settlement_account": None, "cm_bik": None}
		)
		bank = frappe.get_doc({"doctype": "Bank", "bank_name": "CM Print Bank"}).insert()
		frappe.get_doc(
			{
				"doctype": "Bank Account",
				"account_name": "CM Print",
				"bank": bank.name,
				"is_company_account": 1,
				"company": r.RUB_COMPANY,
				"bank_account_no": "40702810200000000001",
				"branch_code": SBER_BIK,
				"account": bank_ledger(r.RUB_COMPANY),
			}
		).insert()
		text = text_of(render(self.contract, "Contract Document"))
		self.assertIn("Bank: CM Print Bank", text)
		self.assertIn("Settlement Account: 40702810200000000001", text)
		self.assertIn(f"BIK: {SBER_BIK}", text)


def bank_ledger(company: str) -> str:
	"""A bank ledger of the company: ERPNext v15's standard chart has one; v16's has only the group."""
	ledger = frappe.db.get_value("Account", {"company": company, "account_type": "Bank", "is_group": 0})
	if ledger:
		return ledger
	group = frappe.db.get_value("Account", {"company": company, "account_type": "Bank", "is_group": 1})
	return (
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": "CM Print Bank Ledger",
				"parent_account": group,
				"company": company,
				"account_type": "Bank",
			}
		)
		.insert()
		.name
	)


class TestAmendmentPrintRequisites(FrappeTestCase):
	def test_agreement(self):
		from frappe.utils import add_days, getdate, nowdate

		from tests.amendments import make_amendment, signed_contract

		give_requisites()
		contract = signed_contract()
		amendment = make_amendment(
			contract, kind="Prolongation", new_end_date=add_days(getdate(nowdate()), 400), submit=True
		)
		text = text_of(
			frappe.get_print(
				"Contract Amendment", amendment.name, "Contract Amendment", doc=amendment, no_letterhead=1
			)
		)
		assert_company_requisites(self, text)
		assert_customer_requisites(self, text)
		self.assertIn(
			f"{r.RUB_COMPANY}, hereinafter the Seller, and {r.CUSTOMER}, hereinafter the Buyer, "
			"have concluded this supplementary agreement as follows.",
			text,
		)
		self.assertNotIn(", ,", text)


class TestClaimPrintRequisites(FrappeTestCase):
	def test_claim_letter_and_response(self):
		from tests.test_claims import invoice, make_claim, penalty_contract

		give_requisites()
		# 0.1 % a day, capped at 0.2 % of the price: 1,000,000 × 0.2 % = 2,000 below 30 days' 3,000
		contract = penalty_contract(cm_penalty_cap_basis="Contract Price", cm_penalty_cap_percent=0.2)
		debt = invoice(contract, 100_000, "2026-02-01", "2026-03-01")
		claim = make_claim(
			contract,
			sent_on="2026-03-31",
			calculation_date="2026-04-01",
			documents=[{"reference_doctype": "Sales Invoice", "reference_name": debt.name}],
			submit=True,
		)

		def print_of(print_format):
			return text_of(
				frappe.get_print("Contract Claim", claim.name, print_format, doc=claim, no_letterhead=1)
			)

		letter = print_of("Contract Claim Letter")
		assert_company_requisites(self, letter)
		assert_customer_requisites(self, letter)
		# numbers as the site writes them: its number format is Russia's (#.###,##) or #,###.##
		comma = "," if frappe.db.get_default("number_format") == "#.###,##" else "."
		self.assertIn(f"Limited to 0{comma}2% of the contract price", letter)
		self.assertIn(f"0{comma}1 30", letter, "the rate as written (0.1 % a day), then 30 days")
		self.assertNotIn("0.10", letter)

		claim.response_date = "2026-04-15"
		claim.decision = "Rejected"
		claim.save()
		response = print_of("Contract Claim Response")
		assert_company_requisites(self, response)
		assert_customer_requisites(self, response)


class TestReconciliationActRequisites(FrappeTestCase):
	def test_requisites_under_the_signatures(self):
		give_requisites()
		contract = make_contract(submit=True, cm_amount=1_000_000)
		f.make_sales_invoice(
			customer=r.CUSTOMER,
			items=[(r.SERVICE_ITEM, 1, 12_000)],
			date="2026-07-01",
			due_date="2026-07-01",
			cm_contract=contract.name,
		)
		filters = frappe.as_json(
			{"contract": contract.name, "from_date": "2026-06-01", "to_date": "2026-10-31"}
		)
		text = text_of(act.get_print_html(filters))
		assert_company_requisites(self, text)
		assert_customer_requisites(self, text)
		self.assertLess(text.index(f"For {r.RUB_COMPANY}"), text.index(f"KPP: {SBER_KPP}"))
