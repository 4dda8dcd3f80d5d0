"""Reconciliation Act: opening balance, the period's invoices, payments, credit notes and journal entries,
turnovers and closing balance from the ledger, agreeing with ERPNext's General Ledger; its print."""

import io

import frappe
from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return
from erpnext.accounts.report.general_ledger.general_ledger import execute as general_ledger
from frappe import _
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from contract_management.contract_management.report.reconciliation_act import reconciliation_act as act
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract

REPORT = "Reconciliation Act"
PERIOD = {"from_date": "2026-06-01", "to_date": "2026-10-31"}


def sales_invoice(contract, amount, posting):
	return f.make_sales_invoice(
		customer=r.CUSTOMER_2,
		items=[(r.SERVICE_ITEM, 1, amount)],
		date=posting,
		due_date=posting,
		cm_contract=contract.name if contract else None,
	)


def credit_note(invoice, amount, posting):
	note = make_sales_return(invoice.name)
	note.posting_date = posting
	note.set_posting_time = 1
	note.items[0].qty = -1
	note.items[0].rate = amount
	note.insert()
	note.submit()
	return note


def write_off(invoice, amount, posting):
	"""A journal entry crediting the customer against the invoice."""
	receivable = frappe.db.get_value("Sales Invoice", invoice.name, "debit_to")
	expense = frappe.get_cached_value("Company", r.RUB_COMPANY, "write_off_account") or frappe.db.get_value(
		"Account", {"company": r.RUB_COMPANY, "root_type": "Expense", "is_group": 0}
	)
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"company": r.RUB_COMPANY,
			"posting_date": posting,
			"accounts": [
				{
					"account": receivable,
					"party_type": "Customer",
					"party": r.CUSTOMER_2,
					"credit_in_account_currency": amount,
					"reference_type": "Sales Invoice",
					"reference_name": invoice.name,
				},
				{"account": expense, "debit_in_account_currency": amount, "cost_center": invoice.cost_center},
			],
		}
	)
	entry.insert()
	entry.submit()
	return entry


def figures(data):
	"""(label or voucher, our debit, our credit) of each row."""
	return [
		(row.get("voucher_no") or row["description"], row["our_debit"], row["our_credit"]) for row in data
	]


class TestReconciliationAct(FrappeTestCase):
	def setUp(self):
		self.contract = make_contract(submit=True, party_name=r.CUSTOMER_2, cm_amount=1_000_000)
		# a second contract in force, so that documents without a contract are not given the first
		make_contract(submit=True, party_name=r.CUSTOMER_2, cm_amount=1_000_000)
		before = sales_invoice(self.contract, 10_000, "2026-05-10")
		f.make_payment_entry(before, amount=4_000, date="2026-05-20")  # opening: 6,000 owed to us
		self.invoice = sales_invoice(self.contract, 20_000, "2026-07-01")
		self.payment = f.make_payment_entry(before, amount=6_000, date="2026-07-15")
		self.credit_note = credit_note(self.invoice, 2_000, "2026-08-01")
		self.journal = write_off(self.invoice, 1_000, "2026-09-01")
		f.make_payment_entry(self.invoice, amount=5_000, date="2026-11-10")  # after the period
		self.outside = sales_invoice(None, 3_000, "2026-07-10")  # the party's, under no contract

	def test_contract_act(self):
		columns, data, message = act.execute(frappe._dict(contract=self.contract.name, **PERIOD))
		self.assertEqual(
			figures(data),
			[
				("Opening balance", 6_000, 0),
				(self.invoice.name, 20_000, 0),
				(self.payment.name, 0, 6_000),
				(self.credit_note.name, 0, 2_000),
				(self.journal.name, 0, 1_000),
				("Turnover for the period", 20_000, 9_000),
				("Closing balance", 17_000, 0),
			],
		)
		# the counterparty's side mirrors ours
		self.assertEqual((data[1]["their_debit"], data[1]["their_credit"]), (0, 20_000))
		self.assertEqual((data[-1]["their_debit"], data[-1]["their_credit"]), (0, 17_000))
		self.assertEqual(data[3]["description"], f"Credit note {self.credit_note.name}")
		self.assertEqual(data[4]["description"], f"Journal entry {self.journal.name}")
		self.assertIn(f"in favour of {r.RUB_COMPANY} is", message)
		self.assertIn(frappe.utils.fmt_money(17_000, currency="RUB"), message)
		self.assertEqual(
			[column["fieldname"] for column in columns][:4],
			["posting_date", "description", "voucher_type", "voucher_no"],
		)

	def test_party_act_closing_equals_the_general_ledger(self):
		filters = {"company": r.RUB_COMPANY, "party_type": "Customer", "party": r.CUSTOMER_2, **PERIOD}
		_columns, data, _message = act.execute(frappe._dict(filters))
		self.assertEqual(data[0]["our_debit"], 6_000)
		self.assertEqual(
			figures(data)[-2:], [("Turnover for the period", 23_000, 9_000), ("Closing balance", 20_000, 0)]
		)

		ledger = general_ledger(
			frappe._dict(
				company=r.RUB_COMPANY,
				party_type="Customer",
				party=[r.CUSTOMER_2],
				group_by="Group by Voucher (Consolidated)",
				**PERIOD,
			)
		)[1]
		closing = next(row for row in ledger if row.get("account") == "'Closing (Opening + Total)'")
		self.assertEqual(closing["debit"] - closing["credit"], 20_000)
		opening = next(row for row in ledger if row.get("account") == "'Opening'")
		self.assertEqual(opening["debit"] - opening["credit"], data[0]["our_debit"] - data[0]["our_credit"])

	def test_party_narrowed_to_a_contract_and_refusals(self):
		_columns, data, _message = act.execute(
			frappe._dict(party_type="Customer", party=r.CUSTOMER_2, contract=self.contract.name, **PERIOD)
		)
		self.assertEqual(data[-1]["our_debit"], 17_000)
		with self.assertRaises(frappe.ValidationError):
			act.execute(
				frappe._dict(party_type="Customer", party=r.CUSTOMER, contract=self.contract.name, **PERIOD)
			)
		# The desk runs the report as it opens: without a contract or a party it asks for one, no error.
		columns, data, message = act.execute(frappe._dict(company=r.RUB_COMPANY, **PERIOD))
		self.assertEqual((data, message), ([], _("Please select a contract or a customer or supplier.")))
		self.assertIn("our_debit", [column["fieldname"] for column in columns])
		# The printed act cannot be made without one.
		with self.assertRaises(frappe.ValidationError):
			act.get_print_html(frappe._dict(company=r.RUB_COMPANY, **PERIOD))
		with self.assertRaises(frappe.ValidationError):
			act.execute(
				frappe._dict(contract=self.contract.name, from_date="2026-10-01", to_date="2026-09-01")
			)

	def test_visibility_per_role(self):
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 1)
		party = {"company": r.RUB_COMPANY, "party_type": "Customer", "party": r.CUSTOMER_2, **PERIOD}

		def closing(user, filters):
			frappe.set_user(user)
			try:
				return run(REPORT, filters, ignore_prepared_report=True)["result"][-1]["our_debit"]
			finally:
				frappe.set_user("Administrator")

		self.assertEqual(closing("cm.viewer@example.com", party), 20_000)
		self.assertEqual(closing("cm.legal@example.com", party), 20_000)
		# a sales user who is not responsible sees nothing of the contract, nor the vouchers outside contracts
		self.assertEqual(closing("cm.sales@example.com", party), 0)
		# a contract the user may not read is refused as a missing one, not shown empty (issue 18)
		with self.assertRaises(frappe.PermissionError):
			closing("cm.purchase@example.com", {"contract": self.contract.name, **PERIOD})
		frappe.db.set_value("Contract", self.contract.name, "cm_responsible", "cm.sales@example.com")
		self.assertEqual(closing("cm.sales@example.com", party), 17_000)


class TestReconciliationActPrint(FrappeTestCase):
	def setUp(self):
		self.contract = make_contract(
			submit=True, party_name=r.CUSTOMER_2, cm_amount=1_000_000, cm_contract_date="2026-01-15"
		)
		self.invoice = sales_invoice(self.contract, 12_000, "2026-07-01")
		f.make_payment_entry(self.invoice, amount=2_000, date="2026-07-20")
		self.filters = {"contract": self.contract.name, **PERIOD}

	def render(self, lang):
		previous = frappe.local.lang
		frappe.local.lang = lang
		try:
			return " ".join(frappe.utils.strip_html(act.get_print_html(frappe.as_json(self.filters))).split())
		finally:
			frappe.local.lang = previous

	def test_english(self):
		text = self.render("en")
		self.assertIn("Reconciliation Act", text)
		self.assertIn(
			"for the period from 01-06-2026 to 31-10-2026", text.replace(".", "-").replace("/", "-")
		)
		self.assertIn(f"between {r.RUB_COMPANY} and {r.CUSTOMER_2}", text)
		self.assertIn(f"under contract No. {self.contract.cm_registry_number}", text)
		self.assertIn(f"According to {r.RUB_COMPANY}", text)
		self.assertIn(f"According to {r.CUSTOMER_2}", text)
		self.assertIn(f"Sale, invoice {self.invoice.name}", text)
		self.assertIn("Turnover for the period", text)
		self.assertIn(f"in favour of {r.RUB_COMPANY} is", text)
		self.assertIn(f"For {r.RUB_COMPANY}", text)
		self.assertIn(f"For {r.CUSTOMER_2}", text)

	def pdf_text(self, lang):
		previous = frappe.local.lang
		frappe.local.lang = lang
		try:
			act.download_pdf(frappe.as_json(self.filters))
		finally:
			frappe.local.lang = previous
		pdf = frappe.local.response.filecontent
		self.assertTrue(pdf.startswith(b"%PDF"))
		return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())

	def test_english_pdf(self):
		text = self.pdf_text("en")
		self.assertIn("Reconciliation Act", text)
		self.assertIn(f"in favour of {r.RUB_COMPANY}", text)

	def test_russian_html_and_pdf(self):
		text = self.render("ru")
		self.assertIn("Акт сверки взаимных расчётов", text)
		self.assertIn("за период с 01.06.2026 по 31.10.2026", text)
		self.assertIn("Сальдо начальное", text)
		self.assertIn("Обороты за период", text)
		self.assertIn(f"в пользу {r.RUB_COMPANY}", text)
		self.assertIn("М.П.", text)
		self.assertIn("Акт сверки", self.pdf_text("ru"))

	def test_needs_permission(self):
		frappe.set_user("cm.nobody@example.com")
		with self.assertRaises(frappe.PermissionError):
			act.get_print_html(frappe.as_json(self.filters))
