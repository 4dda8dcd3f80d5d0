"""Contract Register and Contract Fulfilment on real ERPNext documents: figures written out by hand,
the same rows as the Contract list for each role, the totals row, export, and no query per contract."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management.contract_management.report.contract_fulfilment import contract_fulfilment
from contract_management.contract_management.report.contract_register import contract_register
from tests import factories as f
from tests import records as r
from tests.amendments import make_amendment
from tests.contracts import make_contract

TODAY = getdate(nowdate())
SALES, PURCHASE, VIEWER = "cm.sales@example.com", "cm.purchase@example.com", "cm.viewer@example.com"


def in_force(**fields):
	return make_contract(
		submit=True, start_date=add_days(TODAY, -60), end_date=add_days(TODAY, 300), **fields
	)


def advance(contract, amount):
	payment = frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"payment_type": "Receive",
			"company": r.RUB_COMPANY,
			"party_type": "Customer",
			"party": contract.party_name,
			"paid_from": frappe.get_cached_value("Company", r.RUB_COMPANY, "default_receivable_account"),
			"paid_to": frappe.get_cached_value("Company", r.RUB_COMPANY, "default_cash_account"),
			"paid_amount": amount,
			"received_amount": amount,
			"reference_no": "CM-REPORT-ADVANCE",
			"reference_date": TODAY,
			"cm_contract": contract.name,
		}
	).insert()
	payment.submit()
	return payment


def rows_by_contract(data):
	return {row["contract"]: row for row in data if isinstance(row, dict) and row.get("contract")}


def total_row(report_result) -> dict:
	"""The runner's totals row: a list aligned with the columns."""
	fieldnames = [column["fieldname"] for column in report_result["columns"]]
	return dict(zip(fieldnames, report_result["result"][-1], strict=True))


def run_as(user, report, filters):
	frappe.set_user(user)
	try:
		# Contract Fulfilment goes to the background on a large site (reporting/background_reports.py);
		# here it is run at once whatever the site's flag, as the background job runs it.
		return run(report, filters, ignore_prepared_report=True)["result"]
	finally:
		frappe.set_user("Administrator")


class TestContractRegisterAndFulfilment(FrappeTestCase):
	def test_figures_of_a_sales_and_a_purchase_contract(self):
		sale = in_force(cm_amount=30000, cm_counterparty_number="К-17", cm_responsible=SALES)
		order = f.make_sales_order(
			items=[(r.STOCK_ITEM, 10, 2000)], date=add_days(TODAY, -30), cm_contract=sale.name
		)
		f.make_delivery_note(order, qty=4, date=add_days(TODAY, -25))
		first = f.make_sales_invoice(
			items=[(r.SERVICE_ITEM, 1, 10000)],
			date=add_days(TODAY, -20),
			due_date=add_days(TODAY, -1),
			cm_contract=sale.name,
		)
		f.make_sales_invoice(
			items=[(r.SERVICE_ITEM, 1, 8000)], due_date=add_days(TODAY, 10), cm_contract=sale.name
		)
		f.make_payment_entry(first, amount=4000)
		advance(sale, 2500)
		make_amendment(sale, submit=True, new_end_date=add_days(TODAY, 400))

		purchase = in_force(party_type="Supplier", party_name=r.SUPPLIER, cm_amount=5000)
		f.make_purchase_invoice(
			items=[(r.SERVICE_ITEM, 1, 2500)],
			date=add_days(TODAY, -10),
			due_date=add_days(TODAY, -3),
			cm_contract=purchase.name,
		)

		filters = frappe._dict(company=r.RUB_COMPANY)
		columns, data, *_ = contract_register.execute(filters)
		rows = rows_by_contract(data)
		s, p = rows[sale.name], rows[purchase.name]
		self.assertEqual(
			(s["counterparty_number"], s["direction"], s["party"], s["amount"], s["currency"]),
			("К-17", "Sales", r.CUSTOMER, 30000, "RUB"),
		)
		self.assertEqual((s["responsible"], s["agreements"], s["end_date"]), (SALES, 1, add_days(TODAY, 400)))
		# invoiced 10 000 + 8 000; paid 4 000 against the first and an advance of 2 500
		self.assertEqual((s["invoiced"], s["paid"], s["outstanding"]), (18000, 6500, 14000))
		self.assertEqual((p["direction"], p["party"], p["agreements"]), ("Purchase", r.SUPPLIER, 0))
		self.assertEqual((p["invoiced"], p["paid"], p["outstanding"]), (2500, 0, 2500))
		self.assertTrue(all(column["label"] for column in columns))

		_columns, data, _message, chart = contract_fulfilment.execute(filters)
		rows = rows_by_contract(data)
		s, p = rows[sale.name], rows[purchase.name]
		self.assertEqual(
			(s["side"], s["amount"], s["ordered"], s["delivered"], s["invoiced"], s["paid"]),
			("Receivable", 30000, 20000, 8000, 18000, 6500),
		)
		# overdue: what is left of the first invoice, due yesterday
		self.assertEqual((s["outstanding"], s["overdue"], s["remaining"]), (14000, 6000, 12000))
		self.assertEqual((s["invoiced_percent"], s["paid_percent"]), (60, 21.67))
		self.assertEqual(
			(p["side"], p["ordered"], p["invoiced"], p["paid"], p["outstanding"], p["overdue"]),
			("Payable", 0, 2500, 0, 2500, 2500),
		)
		self.assertEqual((p["invoiced_percent"], p["remaining"]), (50, 2500))
		self.assertEqual(chart["data"]["labels"], ["Receivable", "Payable"])

		# The totals row of the report runner (add_total_row) adds the money columns.
		report_result = run(
			"Contract Fulfilment",
			{"company": r.RUB_COMPANY, "party": r.CUSTOMER},
			ignore_prepared_report=True,
		)
		total = total_row(report_result)
		self.assertEqual(len(report_result["result"]), 2)
		self.assertEqual((total["invoiced"], total["paid"], total["outstanding"]), (18000, 6500, 14000))

	def test_each_role_sees_the_rows_of_the_contract_list(self):
		sale = make_contract(cm_responsible=SALES)
		other_sale = make_contract(party_name=r.CUSTOMER_2)
		purchase = make_contract(party_type="Supplier", party_name=r.SUPPLIER)
		ours = {sale.name, other_sale.name, purchase.name}
		filters = {"company": r.RUB_COMPANY}

		def seen(user):
			return set(rows_by_contract(run_as(user, "Contract Register", filters)))

		self.assertEqual(seen(SALES) & ours, {sale.name, other_sale.name})
		self.assertEqual(seen(PURCHASE) & ours, {purchase.name})
		self.assertEqual(seen(VIEWER) & ours, ours)
		self.assertEqual(seen("cm.legal@example.com") & ours, ours)
		self.assertEqual(seen("cm.manager@example.com") & ours, ours)

		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 1)
		frappe.clear_document_cache("Contract Management Settings", "Contract Management Settings")
		self.assertEqual(seen(SALES) & ours, {sale.name})

		frappe.set_user("cm.nobody@example.com")
		try:
			with self.assertRaises(frappe.PermissionError):
				run("Contract Register", filters)
		finally:
			frappe.set_user("Administrator")

	def test_export_to_csv(self):
		contract = make_contract(cm_subject="Поставка труб")
		frappe.local.form_dict = frappe._dict(
			report_name="Contract Register",
			file_format_type="CSV",
			filters=frappe.as_json({"contract": contract.name}),
			visible_idx="[0]",
			include_indentation=0,
		)
		from frappe.desk.query_report import export_query

		export_query()
		content = frappe.response["filecontent"]
		content = content.decode() if isinstance(content, bytes) else content
		self.assertIn(contract.name, content)
		self.assertIn("Поставка труб", content)

	def test_no_query_per_contract(self):
		def queries(filters) -> int:
			counted = []
			original = frappe.db.__class__.sql

			def counting(*args, **kwargs):
				counted.append(1)
				return original(*args, **kwargs)

			frappe.db.__class__.sql = counting
			try:
				contract_register.execute(frappe._dict(filters))
				contract_fulfilment.execute(frappe._dict(filters))
			finally:
				frappe.db.__class__.sql = original
			return len(counted)

		def contract_with_invoice(customer):
			contract = in_force(party_name=customer, cm_amount=1_000_000)
			f.make_sales_invoice(
				customer=customer,
				date=add_days(TODAY, -5),
				due_date=add_days(TODAY, -1),
				cm_contract=contract.name,
			)
			make_amendment(contract, submit=True, new_end_date=add_days(TODAY, 400))
			return contract

		contract_with_invoice(r.CUSTOMER)
		for _i in range(20):
			contract_with_invoice(r.CUSTOMER_2)
		one = frappe._dict(company=r.RUB_COMPANY, party=r.CUSTOMER)
		twenty = frappe._dict(company=r.RUB_COMPANY, party=r.CUSTOMER_2)
		queries(one)  # warm the caches
		for_one = queries(one)
		self.assertEqual(len(contract_register.execute(twenty)[1]), 20)
		with self.assertQueryCount(for_one):
			contract_register.execute(twenty)
			contract_fulfilment.execute(twenty)
