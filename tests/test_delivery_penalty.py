"""The penalty for late and short delivery (Civil Code art. 330, art. 521 for supply), per order line.

The arithmetic is written out by hand. Saturdays and Sundays are the only non-working days here. The
base of each line is its value not yet delivered (undelivered qty × the line's rate); each delivery
lowers it from the day after, as a payment lowers a debt.
"""

import frappe
from erpnext.controllers.sales_and_purchase_return import make_return_doc
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management import api
from contract_management.claims import documents as claim_documents
from contract_management.claims.deadlines import next_working_day
from contract_management.claims.flows import (
	contracts_with_late_deliveries,
	make_claims_for_late_deliveries,
	new_claim_for_contract,
)
from contract_management.patches.v15_0 import keep_delivery_penalties_before_order_lines
from tests import factories as f
from tests import records as r
from tests.test_claims import make_claim, penalty_contract, purchase_contract, weekends_only

LATE = "Late Delivery"
TODAY = getdate(nowdate())


def order(doctype, contract, date, lines):
	"""An order of `lines` [(qty, rate, due date)], each line due on its own date."""
	make = f.make_purchase_order if doctype == "Purchase Order" else f.make_sales_order
	due_field = "schedule_date" if doctype == "Purchase Order" else "delivery_date"
	doc = make(
		items=[(r.STOCK_ITEM, qty, rate) for qty, rate, _due in lines],
		date=date,
		submit=False,
		cm_contract=contract.name,
		**{due_field: min(due for _qty, _rate, due in lines)},
	)
	for item, (_qty, _rate, due) in zip(doc.items, lines, strict=True):
		item.set(due_field, due)
	doc.save()
	doc.submit()
	return doc


def deliver(order_doc, date, qty_by_line):
	"""A receipt or delivery note made from the order: {line index (1-based): qty}."""
	make = f.make_purchase_receipt if order_doc.doctype == "Purchase Order" else f.make_delivery_note
	doc = make(order_doc, date=date, submit=False)
	doc.items = [item for item in doc.items if item.idx in qty_by_line]
	for item in doc.items:
		item.qty = qty_by_line[item.idx]
		if doc.doctype == "Purchase Receipt":
			item.received_qty = item.qty
	doc.save()
	doc.submit()
	return doc


def give_back(delivery, date, qty):
	"""A return of `qty` of the first line of a delivery."""
	doc = make_return_doc(delivery.doctype, delivery.name)
	doc.update({"posting_date": date, "set_posting_time": 1})
	doc.items = doc.items[:1]
	doc.items[0].qty = -qty
	if doc.doctype == "Purchase Receipt":
		doc.items[0].received_qty = -qty
	doc.insert()
	doc.submit()
	return doc


def supplier_claim(contract, order_doc, on_date, **fields):
	return make_claim(
		contract,
		party_type="Supplier",
		party=r.SUPPLIER,
		basis=LATE,
		drafted_on=on_date,
		calculation_date=on_date,
		documents=[{"reference_doctype": order_doc.doctype, "reference_name": order_doc.name}],
		**fields,
	)


def table(claim):
	return [
		(str(row.period_from), str(row.period_to), row.base, row.days, row.amount)
		for row in claim.penalty_rows
	]


class TestLateAndShortDelivery(FrappeTestCase):
	def setUp(self):
		weekends_only()
		self.contract = purchase_contract()

	def test_a_line_delivered_in_two_parts_one_of_them_late(self):
		# Line 1: 10 × 500, due Monday 16 February; 6 came on Friday 13 February, 4 on Monday 2 March.
		# Line 2: 4 × 250, due Saturday 21 February, so Monday 23 February; all came Thursday 26 February.
		po = order(
			"Purchase Order", self.contract, "2026-02-02", [(10, 500, "2026-02-16"), (4, 250, "2026-02-21")]
		)
		deliver(po, "2026-02-13", {1: 6})
		deliver(po, "2026-02-26", {2: 4})
		deliver(po, "2026-03-02", {1: 4})
		claim = supplier_claim(self.contract, po, "2026-03-10")
		self.assertEqual(
			table(claim),
			[
				# 17 February – 2 March: 12 + 2 = 14 days × 4 × 500 = 2 000 × 0.1 % = 28
				("2026-02-17", "2026-03-02", 2000, 14, 28),
				# 24 – 26 February: 3 days × 4 × 250 = 1 000 × 0.1 % = 3
				("2026-02-24", "2026-02-26", 1000, 3, 3),
			],
		)
		self.assertIn(po.name, claim.penalty_rows[0].reference_name)
		self.assertEqual(claim.penalty_amount, 31)

	def test_a_line_still_undelivered_runs_to_the_calculation_date_and_is_capped(self):
		# 10 × 500 due Monday 16 February; 3 came on Friday 20 February, 7 never came.
		po = order("Purchase Order", self.contract, "2026-02-02", [(10, 500, "2026-02-16")])
		deliver(po, "2026-02-20", {1: 3})
		claim = supplier_claim(self.contract, po, "2026-03-10")
		self.assertEqual(
			table(claim),
			[
				("2026-02-17", "2026-02-20", 5000, 4, 20),  # 4 days × 5 000 × 0.1 % = 20
				# 21 February – 10 March: 8 + 10 = 18 days × 7 × 500 = 3 500 × 0.1 % = 63
				("2026-02-21", "2026-03-10", 3500, 18, 63),
			],
		)
		self.assertEqual(claim.penalty_amount, 83)
		claim.update({"penalty_cap_basis": "Overdue Amount", "penalty_cap_percent": 1})
		claim.save()
		# 1 % of the order's 5 000 = 50: a row of 50 − 83 = −33.
		self.assertEqual([row.amount for row in claim.penalty_rows], [20, 63, -33])
		self.assertEqual(claim.penalty_amount, 50)

	def test_a_customer_claims_our_late_delivery_and_a_return_counts_as_not_delivered(self):
		contract = penalty_contract()
		# 10 × 1 000 due Monday 16 February, all delivered on Friday 13 February; 2 returned on Friday
		# 20 February and delivered again on Friday 27 February.
		so = order("Sales Order", contract, "2026-02-02", [(10, 1000, "2026-02-16")])
		note = deliver(so, "2026-02-13", {1: 10})
		give_back(note, "2026-02-20", 2)
		deliver(so, "2026-02-27", {1: 2})
		claim = make_claim(
			contract,
			direction="Incoming",
			basis=LATE,
			received_on="2026-03-10",
			drafted_on="2026-03-10",
			calculation_date="2026-03-10",
			documents=[{"reference_doctype": "Sales Order", "reference_name": so.name}],
		)
		# 21 – 27 February: 7 days × 2 × 1 000 = 2 000 × 0.1 % = 14
		self.assertEqual(table(claim), [("2026-02-21", "2026-02-27", 2000, 7, 14)])

	def test_the_receipt_stands_for_its_order(self):
		po = order("Purchase Order", self.contract, "2026-02-02", [(10, 500, "2026-02-16")])
		receipt = deliver(po, "2026-02-18", {1: 10})
		claim = make_claim(
			self.contract,
			party_type="Supplier",
			party=r.SUPPLIER,
			basis=LATE,
			drafted_on="2026-03-10",
			calculation_date="2026-03-10",
			documents=[
				{"reference_doctype": "Purchase Order", "reference_name": po.name},
				{"reference_doctype": "Purchase Receipt", "reference_name": receipt.name},
			],
		)
		# 17 – 18 February: 2 days × 5 000 × 0.1 % = 10, counted once.
		self.assertEqual(table(claim), [("2026-02-17", "2026-02-18", 5000, 2, 10)])

	def test_a_claim_with_no_late_line_is_refused_and_nothing_saved(self):
		po = order("Purchase Order", self.contract, "2026-02-02", [(10, 500, "2026-02-16")])
		deliver(po, "2026-02-16", {1: 10})  # on the due day itself
		before = frappe.db.count("Contract Claim")
		with self.assertRaisesRegex(frappe.ValidationError, "no order line delivered late"):
			supplier_claim(self.contract, po, "2026-03-10")
		self.assertEqual(frappe.db.count("Contract Claim"), before)

	def test_the_same_queries_for_one_line_or_twelve(self):
		one = order("Purchase Order", self.contract, "2026-02-02", [(10, 500, "2026-02-16")])
		twelve = order("Purchase Order", self.contract, "2026-02-02", [(10, 500, "2026-02-16")] * 12)
		for po in (one, twelve):
			deliver(po, "2026-02-20", {index: 5 for index in range(1, len(po.items) + 1)})
		counts = []
		for po in (one, twelve):
			claim = frappe._dict(
				company=r.RUB_COMPANY,
				currency="RUB",
				basis=LATE,
				delivery_penalty_by_line=1,
				documents=[frappe._dict(reference_doctype=po.doctype, reference_name=po.name, idx=1)],
			)
			queries = []
			original = frappe.db.__class__.sql

			def counting(*args, _queries=queries, _original=original, **kwargs):
				_queries.append(1)
				return _original(*args, **kwargs)

			frappe.db.__class__.sql = counting
			try:
				debts = claim_documents.debts_of(claim)
			finally:
				frappe.db.__class__.sql = original
			self.assertEqual(len(debts), len(po.items))
			counts.append(len(queries))
		self.assertEqual(counts[0], counts[1])


class TestDeliveryPenaltyAcrossTheMoratorium(FrappeTestCase):
	def setUp(self):
		weekends_only()
		# Receipts of 2022 post in a fiscal year the shared fixtures do not reach back to.
		if not frappe.db.exists("Fiscal Year", {"year_start_date": "2022-01-01"}):
			frappe.get_doc(
				{
					"doctype": "Fiscal Year",
					"year": "2022",
					"year_start_date": "2022-01-01",
					"year_end_date": "2022-12-31",
				}
			).insert()
		self.addCleanup(frappe.cache.delete_value, "fiscal_years")
		self.contract = purchase_contract(start_date="2022-01-01", end_date="2024-12-31")

	def test_an_order_placed_before_it_is_not_charged_for_its_days(self):
		# Ordered 1 March 2022: 10 × 1 000 due Tuesday 15 March; 4 came on Friday 25 March, the other 6 on
		# Wednesday 5 October.
		po = order("Purchase Order", self.contract, "2022-03-01", [(10, 1000, "2022-03-15")])
		deliver(po, "2022-03-25", {1: 4})
		deliver(po, "2022-10-05", {1: 6})
		claim = supplier_claim(self.contract, po, "2022-10-10")
		self.assertEqual(
			table(claim),
			[
				("2022-03-16", "2022-03-25", 10_000, 10, 100),  # 10 days × 10 000 × 0.1 % = 100
				("2022-03-26", "2022-03-31", 6000, 6, 36),  # 6 days × 6 000 × 0.1 % = 36
				("2022-04-01", "2022-10-01", 6000, 184, 0),  # 30 + 31 + 30 + 31 + 31 + 30 + 1 days
				("2022-10-02", "2022-10-05", 6000, 4, 24),  # 4 days × 6 000 × 0.1 % = 24
			],
		)
		self.assertIn("497", claim.penalty_rows[2].note)
		self.assertEqual(claim.penalty_amount, 160)

	def test_an_order_placed_during_it_accrues(self):
		# Ordered 4 April 2022, 5 × 2 000 due Friday 13 May, delivered Friday 20 May: 14 – 20 May,
		# 7 days × 10 000 × 0.1 % = 70.
		po = order("Purchase Order", self.contract, "2022-04-04", [(5, 2000, "2022-05-13")])
		deliver(po, "2022-05-20", {1: 5})
		self.assertEqual(
			table(supplier_claim(self.contract, po, "2022-06-01")),
			[("2022-05-14", "2022-05-20", 10_000, 7, 70)],
		)


class TestSavedGoodsClaimsKeepTheirFigures(FrappeTestCase):
	def setUp(self):
		weekends_only()
		self.contract = purchase_contract()

	def test_a_claim_saved_before_keeps_its_penalty_until_the_user_ticks_the_setting(self):
		po = order("Purchase Order", self.contract, "2026-02-02", [(10, 500, "2026-02-16")])
		deliver(po, "2026-02-20", {1: 3})
		# As it was counted before: the order's undelivered 3 500 over 17 February – 10 March,
		# 12 + 10 = 22 days × 3 500 × 0.1 % = 77.
		claim = supplier_claim(self.contract, po, "2026-03-10", delivery_penalty_by_line=0)
		self.assertEqual(claim.penalty_amount, 77)
		frappe.db.set_value("Contract Claim", claim.name, "delivery_penalty_by_line", 1)

		keep_delivery_penalties_before_order_lines.execute()

		claim.reload()
		self.assertEqual(claim.delivery_penalty_by_line, 0)
		claim.demand = "Pay the penalty."
		claim.save()
		self.assertEqual(claim.penalty_amount, 77, "saving it again does not move its total")
		claim.delivery_penalty_by_line = 1
		claim.save()
		self.assertEqual(claim.penalty_amount, 83, "recalculated on purpose: 20 + 63")


class TestLateDeliveryClaimsInBulk(FrappeTestCase):
	def setUp(self):
		weekends_only()
		dates = {"start_date": add_days(TODAY, -200), "end_date": add_days(TODAY, 200)}
		self.late, self.on_time = purchase_contract(**dates), purchase_contract(**dates)
		self.due = add_days(TODAY, -30)
		# Late: 10 × 500, 6 delivered on time, 4 still missing.
		self.late_order = order("Purchase Order", self.late, add_days(TODAY, -40), [(10, 500, self.due)])
		deliver(self.late_order, add_days(TODAY, -35), {1: 6})
		# On time: all delivered before the due date.
		on_time = order("Purchase Order", self.on_time, add_days(TODAY, -40), [(10, 500, self.due)])
		deliver(on_time, add_days(TODAY, -35), {1: 10})

	def test_a_claim_from_the_contract_holds_the_late_orders_and_the_penalty(self):
		claim = new_claim_for_contract(self.late.name, "Outgoing", LATE)
		self.assertEqual(
			[(row.reference_doctype, row.reference_name) for row in claim.documents],
			[("Purchase Order", self.late_order.name)],
		)
		self.assertEqual(claim.penalty_method, "Contract Penalty")
		# 4 × 500 = 2 000 × 0.1 % for each day from the day after the (working) due date to today.
		days = (TODAY - next_working_day(self.due, r.RUB_COMPANY)).days
		self.assertEqual(claim.penalty_amount, 2000 * 0.001 * days)

	def test_one_claim_per_contract_with_a_late_line_and_none_twice(self):
		chosen = [self.late.name, self.on_time.name]
		self.assertEqual(contracts_with_late_deliveries(contracts=chosen), [self.late.name])
		result = make_claims_for_late_deliveries(contracts=chosen)
		self.assertEqual((len(result["made"]), result["failed"]), (1, []))
		claim = frappe.get_doc("Contract Claim", result["made"][0])
		self.assertEqual((claim.contract, claim.basis, claim.docstatus), (self.late.name, LATE, 0))
		self.assertEqual(
			make_claims_for_late_deliveries(contracts=chosen), {"made": [], "failed": []}, "run twice"
		)

	def test_the_chosen_contracts_are_checked_as_for_overdue_debts(self):
		frappe.set_user("cm.manager@example.com")
		with self.assertRaises(frappe.DoesNotExistError):
			api.make_claims_for_late_deliveries(contracts=["NO-SUCH-1"])
		with self.assertRaises(frappe.ValidationError):
			api.make_claims_for_late_deliveries(contracts="not a list")
		frappe.set_user("cm.sales@example.com")  # may not make claims: refused before anything is read
		with self.assertRaises(frappe.PermissionError):
			api.make_claims_for_late_deliveries(contracts=["NO-SUCH-1"])


def letter_of(claim, lang="en") -> str:
	frappe.local.lang = lang
	try:
		html = frappe.get_print(
			"Contract Claim", claim.name, "Contract Claim Letter", doc=claim, no_letterhead=1
		)
	finally:
		frappe.local.lang = "en"
	return " ".join(frappe.utils.strip_html(html).split())


class TestDeliveryClaimLetter(FrappeTestCase):
	"""A claim for goods is not a claim for a debt: its letter states the value not delivered, and only
	when some is (a late delivery that came in full claims the penalty alone)."""

	def setUp(self):
		weekends_only()
		self.contract = purchase_contract()

	def test_goods_that_all_came_late_print_no_debt(self):
		po = order("Purchase Order", self.contract, "2026-02-02", [(10, 500, "2026-02-16")])
		deliver(po, "2026-03-02", {1: 10})
		claim = supplier_claim(self.contract, po, "2026-03-10")
		for lang, debt in (("en", "The debt is"), ("ru", "Сумма задолженности")):
			letter = letter_of(claim, lang)
			self.assertNotIn(debt, letter)
		self.assertNotIn("not delivered is", letter_of(claim))

	def test_goods_still_missing_print_their_value_not_a_debt(self):
		po = order("Purchase Order", self.contract, "2026-02-02", [(10, 500, "2026-02-16")])
		deliver(po, "2026-02-20", {1: 3})
		claim = supplier_claim(self.contract, po, "2026-03-10")
		letter = letter_of(claim)
		self.assertNotIn("The debt is", letter)
		self.assertIn("The value of the goods not delivered is", letter)
		self.assertIn("Стоимость непоставленного товара составляет", letter_of(claim, "ru"))
