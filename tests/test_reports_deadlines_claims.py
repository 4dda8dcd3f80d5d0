"""Contract Deadlines and Claims Register on real documents: dates and figures written out by hand,
overdue first, the "within N days" filter, and the rows of the lists for each role."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, date_diff, getdate, nowdate

from contract_management.contract_management.report.claims_register import claims_register
from contract_management.contract_management.report.contract_deadlines import contract_deadlines
from tests import records as r
from tests.contracts import make_contract

TODAY = getdate(nowdate())
SALES, PURCHASE = "cm.sales@example.com", "cm.purchase@example.com"


def signed(**fields):
	return make_contract(submit=True, start_date=add_days(TODAY, -200), **fields)


def make_claim(contract, direction, dated, amount, submit=True, **fields):
	values = {
		"doctype": "Contract Claim",
		"direction": direction,
		"basis": "Other",
		"company": r.RUB_COMPANY,
		"party_type": contract.party_type,
		"party": contract.party_name,
		"contract": contract.name,
		"drafted_on": dated,
		"sent_on" if direction == "Outgoing" else "received_on": dated,
		"penalty_method": "None",
		"documents": [
			{
				"reference_doctype": "Other",
				"description": "Act No. 7",
				"due_date": add_days(dated, -30),
				"amount": amount,
				"unpaid_amount": amount,
			}
		],
		**fields,
	}
	claim = frappe.get_doc(values).insert()
	if submit:
		claim.submit()
	return claim


class TestContractDeadlines(FrappeTestCase):
	def setUp(self):
		self.sale = signed(
			end_date=add_days(TODAY, 10),
			cm_auto_prolongation=1,
			cm_notice_period_days=5,
			cm_responsible=SALES,
			cm_obligations=[
				{
					"obligor": "Counterparty",
					"kind": "Payment",
					"description": "Advance",
					"due_date": add_days(TODAY, -2),
					"amount": 7000,
				},
				{
					"obligor": "We",
					"kind": "Delivery",
					"description": "Lot 2",
					"due_date": add_days(TODAY, 40),
				},
				{
					"obligor": "We",
					"kind": "Delivery",
					"description": "Lot 1",
					"due_date": add_days(TODAY, 3),
					"status": "Fulfilled",
					"set_by_hand": 1,
					"hand_reason": "Accepted by the customer's letter",
				},
			],
		)
		self.purchase = signed(party_type="Supplier", party_name=r.SUPPLIER, end_date=add_days(TODAY, 20))
		self.later = signed(party_name=r.CUSTOMER_2, end_date=add_days(TODAY, 60))
		self.incoming = make_claim(self.sale, "Incoming", add_days(TODAY, -5), 3000)
		self.outgoing = make_claim(self.sale, "Outgoing", add_days(TODAY, -60), 50000)

	def ours(self, data):
		names = {self.sale.name, self.purchase.name, self.later.name}
		return [(row["date"], row["kind"], row["document"]) for row in data if row["contract"] in names]

	def test_overdue_first_within_thirty_days(self):
		_columns, data, _message, chart = contract_deadlines.execute(frappe._dict(company=r.RUB_COMPANY))
		court_from, response_due = getdate(self.outgoing.court_from), getdate(self.incoming.response_due)
		self.assertLess(court_from, TODAY, "60 days after sending, the claim period has passed")
		expected = sorted(
			[
				(court_from, "Claim May Go to Court", self.outgoing.name),
				(add_days(TODAY, -2), "Obligation Due", self.sale.name),
				(add_days(TODAY, 5), "Prolongation Notice Deadline", self.sale.name),
				(response_due, "Answer to Claim Due", self.incoming.name),
				(add_days(TODAY, 10), "Contract End", self.sale.name),
				(add_days(TODAY, 20), "Contract End", self.purchase.name),
			]
		)
		self.assertEqual(self.ours(data), expected)
		by_kind = {row["kind"]: row for row in data if row["contract"] == self.sale.name}
		self.assertEqual(by_kind["Obligation Due"]["days_left"], -2)
		self.assertEqual(by_kind["Obligation Due"]["amount"], 7000)
		self.assertEqual(by_kind["Contract End"]["days_left"], 10)
		self.assertEqual(by_kind["Contract End"]["responsible"], SALES)
		self.assertEqual(by_kind["Answer to Claim Due"]["days_left"], date_diff(response_due, TODAY))
		self.assertIn("Contract End", chart["data"]["labels"])

	def test_within_days_and_hiding_the_overdue(self):
		data = contract_deadlines.execute(
			frappe._dict(company=r.RUB_COMPANY, within_days=60, show_overdue=0, kind="Contract End")
		)[1]
		self.assertEqual(
			self.ours(data),
			[
				(add_days(TODAY, 10), "Contract End", self.sale.name),
				(add_days(TODAY, 20), "Contract End", self.purchase.name),
				(add_days(TODAY, 60), "Contract End", self.later.name),
			],
		)

	def test_each_role_sees_the_rows_of_its_contracts(self):
		frappe.set_user(PURCHASE)
		try:
			data = run("Contract Deadlines", {"company": r.RUB_COMPANY})["result"]
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(self.ours(data), [(add_days(TODAY, 20), "Contract End", self.purchase.name)])
		frappe.set_user(SALES)
		try:
			data = run("Contract Deadlines", {"company": r.RUB_COMPANY})["result"]
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(len(self.ours(data)), 5)
		self.assertNotIn(self.purchase.name, {row["contract"] for row in data})


class TestClaimsRegister(FrappeTestCase):
	def test_figures_chart_and_visibility(self):
		sale = signed(end_date=add_days(TODAY, 100))
		purchase = signed(party_type="Supplier", party_name=r.SUPPLIER, end_date=add_days(TODAY, 100))
		outgoing = make_claim(
			sale, "Outgoing", add_days(TODAY, -10), 100_000, penalty_method="Fixed Sum", fixed_penalty=5000
		)
		incoming = make_claim(purchase, "Incoming", add_days(TODAY, -4), 20_000)
		draft = make_claim(sale, "Outgoing", add_days(TODAY, -1), 1_000, submit=False)

		_columns, data, _message, chart = claims_register.execute(frappe._dict(company=r.RUB_COMPANY))
		rows = {row["claim"]: row for row in data}
		out = rows[outgoing.name]
		self.assertEqual(
			(out["direction"], out["contract"], out["dated"], out["status"]),
			("Outgoing", sale.name, add_days(TODAY, -10), "Sent"),
		)
		self.assertEqual((out["principal"], out["penalty"], out["claimed"]), (100_000, 5000, 105_000))
		self.assertEqual((out["recovered"], out["recovered_percent"], out["days_open"]), (0, 0, 10))
		inc = rows[incoming.name]
		self.assertEqual(
			(inc["direction"], inc["party"], inc["status"]), ("Incoming", r.SUPPLIER, "Received")
		)
		self.assertEqual((inc["claimed"], inc["days_open"]), (20_000, 4))
		self.assertEqual(rows[draft.name]["status"], "Draft")
		counts = dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True))
		self.assertGreaterEqual(counts["Sent"], 1)

		only_outgoing = claims_register.execute(
			frappe._dict(company=r.RUB_COMPANY, claim_direction="Outgoing", status="Sent")
		)[1]
		self.assertIn(outgoing.name, {row["claim"] for row in only_outgoing})
		self.assertNotIn(incoming.name, {row["claim"] for row in only_outgoing})
		period = claims_register.execute(
			frappe._dict(company=r.RUB_COMPANY, from_date=add_days(TODAY, -5), to_date=TODAY)
		)[1]
		self.assertEqual(
			{row["claim"] for row in period} & {outgoing.name, incoming.name, draft.name},
			{incoming.name, draft.name},
		)

		report_result = run("Claims Register", {"company": r.RUB_COMPANY, "contract": sale.name})
		fieldnames = [column["fieldname"] for column in report_result["columns"]]
		totals = dict(zip(fieldnames, report_result["result"][-1], strict=True))
		self.assertEqual(totals["claimed"], 105_000 + 1_000, "the totals row")

		for user, sees, hidden in ((SALES, outgoing, incoming), (PURCHASE, incoming, outgoing)):
			frappe.set_user(user)
			try:
				names = {
					row["claim"]
					for row in run("Claims Register", {"company": r.RUB_COMPANY})["result"]
					if isinstance(row, dict) and row.get("claim")
				}
			finally:
				frappe.set_user("Administrator")
			self.assertIn(sees.name, names)
			self.assertNotIn(hidden.name, names)


class TestNoQueryPerRow(FrappeTestCase):
	def test_same_queries_for_one_contract_and_for_twenty(self):
		def contract_with_dates(customer):
			contract = signed(
				party_name=customer,
				end_date=add_days(TODAY, 15),
				cm_obligations=[
					{
						"obligor": "We",
						"kind": "Delivery",
						"description": "Lot",
						"due_date": add_days(TODAY, 5),
					}
				],
			)
			make_claim(contract, "Incoming", add_days(TODAY, -3), 1000)
			return contract

		contract_with_dates(r.CUSTOMER)
		for _i in range(20):
			contract_with_dates(r.CUSTOMER_2)

		def run_both(party):
			filters = frappe._dict(company=r.RUB_COMPANY, party_type="Customer", party=party)
			deadlines = contract_deadlines.execute(filters)[1]
			claims = claims_register.execute(filters)[1]
			return deadlines, claims

		counted = []
		original = frappe.db.__class__.sql

		def counting(*args, **kwargs):
			counted.append(1)
			return original(*args, **kwargs)

		run_both(r.CUSTOMER)  # warm the caches
		frappe.db.__class__.sql = counting
		try:
			deadlines, claims = run_both(r.CUSTOMER)
		finally:
			frappe.db.__class__.sql = original
		self.assertEqual((len(deadlines), len(claims)), (3, 1))
		with self.assertQueryCount(len(counted)):
			deadlines, claims = run_both(r.CUSTOMER_2)
		self.assertEqual((len(deadlines), len(claims)), (60, 20))


class TestContractTypeFilter(FrappeTestCase):
	"""A filter on the contract's type narrows the claims to the contracts of that type the user may see
	(a permission-aware subquery on Contract inside the claims' query)."""

	def test_claims_of_the_visible_contracts_of_the_type(self):
		sale_lease = signed(cm_contract_type="Lease", end_date=add_days(TODAY, 100))
		sale_other = signed(end_date=add_days(TODAY, 100))
		self.assertNotEqual(sale_other.cm_contract_type, "Lease")
		purchase_lease = signed(
			party_type="Supplier",
			party_name=r.SUPPLIER,
			cm_contract_type="Lease",
			end_date=add_days(TODAY, 100),
		)
		of_sale_lease = make_claim(sale_lease, "Incoming", add_days(TODAY, -3), 1000)
		of_sale_other = make_claim(sale_other, "Incoming", add_days(TODAY, -3), 2000)
		of_purchase_lease = make_claim(purchase_lease, "Incoming", add_days(TODAY, -3), 3000)
		ours = {of_sale_lease.name, of_sale_other.name, of_purchase_lease.name}
		filters = {"company": r.RUB_COMPANY, "contract_type": "Lease"}

		def claims(user, report, fieldname, **extra):
			frappe.set_user(user)
			try:
				result = run(report, {**filters, **extra})["result"]
			finally:
				frappe.set_user("Administrator")
			return {row[fieldname] for row in result if isinstance(row, dict)} & ours

		self.assertEqual(
			claims("Administrator", "Claims Register", "claim"), {of_sale_lease.name, of_purchase_lease.name}
		)
		self.assertEqual(claims(SALES, "Claims Register", "claim"), {of_sale_lease.name})
		self.assertEqual(claims(PURCHASE, "Claims Register", "claim"), {of_purchase_lease.name})
		self.assertEqual(
			claims("Administrator", "Contract Deadlines", "document", kind="Answer to Claim Due"),
			{of_sale_lease.name, of_purchase_lease.name},
		)
		self.assertEqual(
			claims(SALES, "Contract Deadlines", "document", kind="Answer to Claim Due"), {of_sale_lease.name}
		)
		self.assertEqual(
			claims("Administrator", "Claims Register", "claim", contract_type="", department="No Such"),
			set(),
		)
