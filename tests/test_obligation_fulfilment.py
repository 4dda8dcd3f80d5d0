"""Stages that fulfil themselves (issue 20): an obligation's quantity and amount done are read from the
ERPNext documents under its contract (linked, or matched by kind, item and due date), with the days
late and its primary documents still awaited; its status follows, unless set by hand with a reason."""

import frappe
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_po_path
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from contract_management import jobs
from contract_management.fulfilment import obligations as service
from contract_management.overrides import transaction
from contract_management.patches.v15_0 import compute_obligation_figures
from contract_management.setup.defaults import UPD
from tests import factories as f
from tests import records as r
from tests.amendments import TODAY, signed_contract
from tests.test_indexes import queries_of

MANAGER = "cm.manager@example.com"
PAPER = "Contract Primary Document"


def delivery_obligation(qty=10, due_in=10, **fields):
	return {
		"obligor": "We",
		"kind": "Delivery",
		"description": "Goods by the specification",
		"due_date": add_days(TODAY, due_in),
		"qty": qty,
		"item": r.STOCK_ITEM,
		**fields,
	}


def supply_contract(*rows, **fields):
	return signed_contract(
		cm_contract_type="Supply", cm_responsible=MANAGER, cm_obligations=list(rows), **fields
	)


def deliver(contract, qty, date=None, **fields):
	return f.make_delivery_note(
		date=date or TODAY, cm_contract=contract.name, items=[(r.STOCK_ITEM, qty, 1000)], **fields
	)


def rows_of(contract):
	return frappe.get_all(
		"Contract Obligation",
		filters={"parent": contract.name, "parenttype": "Contract"},
		fields=["name", "idx", "status", "fulfilled_on", *service.FIGURES[2:], "set_by_hand"],
		order_by="idx",
	)


def papers_of(document):
	return frappe.get_all(
		PAPER, filters={"reference_doctype": document.doctype, "reference_name": document.name}, pluck="name"
	)


def pay(invoice, amount):
	payment = f.make_payment_entry(invoice, amount=amount, date=TODAY, submit=False)
	payment.cm_contract = invoice.cm_contract
	payment.save()
	payment.submit()
	return payment


def sign(paper_name, on=None):
	paper = frappe.get_doc(PAPER, paper_name)
	on = on or TODAY
	paper.update({"sent_on": on, "signed_on": on, "original_received_on": on})
	paper.save()


class TestObligationsFulfilThemselves(FrappeTestCase):
	def test_a_partial_delivery_makes_the_obligation_partly_fulfilled_with_its_quantity(self):
		contract = supply_contract(delivery_obligation(qty=10))
		delivery = deliver(contract, 4)
		row = rows_of(contract)[0]
		self.assertEqual(row.status, "Partly Fulfilled")
		self.assertEqual(row.fulfilled_qty, 4)
		self.assertAlmostEqual(row.fulfilled_amount, delivery.grand_total, places=2)
		self.assertIsNone(row.fulfilled_on)

	def test_a_full_delivery_with_its_upd_signed_fulfils_the_obligation(self):
		contract = supply_contract(delivery_obligation(qty=10))
		delivery = deliver(contract, 10)
		(paper,) = papers_of(delivery)
		sign(paper)
		row = rows_of(contract)[0]
		self.assertEqual(
			(row.status, row.fulfilled_qty, row.documents_awaited, row.days_late),
			("Fulfilled", 10, 0, 0),
		)
		self.assertEqual(str(row.fulfilled_on), str(TODAY))

	def test_a_full_delivery_whose_upd_is_awaited_is_partly_fulfilled_with_one_paper_awaited(self):
		contract = supply_contract(delivery_obligation(qty=10))
		deliver(contract, 10)
		row = rows_of(contract)[0]
		self.assertEqual((row.status, row.fulfilled_qty, row.documents_awaited), ("Partly Fulfilled", 10, 1))

	def test_a_paper_naming_the_obligation_counts_as_its_own(self):
		contract = supply_contract(delivery_obligation(qty=1))
		obligation = rows_of(contract)[0].name
		paper = frappe.get_doc(
			{
				"doctype": PAPER,
				"contract": contract.name,
				"kind": UPD,
				"flow": "We Issue",
				"obligation": obligation,
			}
		).insert()
		self.assertEqual(rows_of(contract)[0].documents_awaited, 1)
		paper.sent_on = paper.signed_on = TODAY
		paper.save()
		self.assertEqual(rows_of(contract)[0].documents_awaited, 1, "its original is required")
		sign(paper.name)
		self.assertEqual(rows_of(contract)[0].documents_awaited, 0)

	def test_an_explicit_link_wins_over_matching(self):
		contract = supply_contract(
			delivery_obligation(qty=5, due_in=10), delivery_obligation(qty=5, due_in=20)
		)
		delivery = deliver(contract, 5)
		first, second = rows_of(contract)
		self.assertEqual((first.fulfilled_qty, second.fulfilled_qty), (5, 0), "matched by due date")
		contract.reload()
		contract.cm_obligations[1].reference_doctype = "Delivery Note"
		contract.cm_obligations[1].reference_name = delivery.name
		contract.save()
		first, second = rows_of(contract)
		self.assertEqual((first.fulfilled_qty, second.fulfilled_qty), (0, 5))
		self.assertEqual((first.status, second.status), ("Pending", "Partly Fulfilled"))
		# the saved form shows the figures at once
		self.assertEqual(contract.cm_obligations[1].fulfilled_qty, 5)

	def test_two_obligations_of_one_item_are_filled_in_due_date_order(self):
		contract = supply_contract(
			delivery_obligation(qty=5, due_in=30), delivery_obligation(qty=5, due_in=10)
		)
		deliver(contract, 7)
		later, earlier = rows_of(contract)
		self.assertEqual((earlier.fulfilled_qty, later.fulfilled_qty), (5, 2))
		self.assertEqual((earlier.status, later.status), ("Partly Fulfilled", "Partly Fulfilled"))

	def test_one_invoice_fills_works_or_services_never_both(self):
		def stage(kind, due_in):
			return {"obligor": "We", "kind": kind, "description": kind, "due_date": add_days(TODAY, due_in)}

		contract = signed_contract(
			cm_contract_type="Services", cm_obligations=[stage("Services", 20), stage("Works", 10)]
		)
		# neither has an amount: each would take one whole invoice
		invoice = f.make_sales_invoice(date=TODAY, cm_contract=contract.name)
		services, works = rows_of(contract)
		self.assertEqual(
			(works.fulfilled_amount, works.documents_awaited, services.fulfilled_amount, services.status),
			(invoice.grand_total, 1, 0, "Pending"),
		)

	def test_an_obligation_of_another_item_is_not_filled_by_this_one(self):
		contract = supply_contract(delivery_obligation(qty=5, item=r.SERVICE_ITEM))
		deliver(contract, 5)
		self.assertEqual((rows_of(contract)[0].status, rows_of(contract)[0].fulfilled_qty), ("Pending", 0))

	def test_days_late_while_open_and_once_fulfilled_late(self):
		contract = supply_contract(delivery_obligation(qty=10, due_in=-10))
		self.assertEqual((rows_of(contract)[0].status, rows_of(contract)[0].days_late), ("Pending", 10))
		delivery = deliver(contract, 10, date=f.days_ago(3))
		self.assertEqual(rows_of(contract)[0].days_late, 10, "open until its UPD is signed")
		sign(papers_of(delivery)[0], on=f.days_ago(3))
		row = rows_of(contract)[0]
		self.assertEqual(
			(row.status, str(row.fulfilled_on), row.days_late), ("Fulfilled", str(f.days_ago(3)), 7)
		)

	def test_the_daily_refresh_moves_the_days_late_of_open_obligations(self):
		contract = supply_contract(delivery_obligation(qty=10, due_in=-2))
		service.refresh_open_obligations(add_days(TODAY, 5))
		self.assertEqual(rows_of(contract)[0].days_late, 7)
		jobs.after_prolongation()  # the night's job, after the prolongations and status moves
		self.assertEqual(rows_of(contract)[0].days_late, 2)

	def test_the_daily_refresh_is_one_statement_and_moves_only_open_rows_computed_from_documents(self):
		# Only the days late of an open obligation move with the date: its figures and status move when
		# its documents or papers do. So the night is one UPDATE, whatever the number of contracts.
		open_rows = [supply_contract(delivery_obligation(qty=10, due_in=-days)) for days in (2, 4)]
		fulfilled = supply_contract(delivery_obligation(qty=10, due_in=-10))
		sign(papers_of(deliver(fulfilled, 10, date=f.days_ago(3)))[0], on=f.days_ago(3))
		by_hand = supply_contract(delivery_obligation(qty=10, due_in=-6))
		row = rows_of(by_hand)[0]
		frappe.db.set_value(
			service.DOCTYPE, row.name, {"set_by_hand": 1, "hand_reason": "agreed by phone", "days_late": 1}
		)
		queries = queries_of(lambda: service.refresh_open_obligations(add_days(TODAY, 5)))
		self.assertEqual(len(queries), 1, queries)
		self.assertEqual([rows_of(contract)[0].days_late for contract in open_rows], [7, 9])
		self.assertEqual((rows_of(fulfilled)[0].status, rows_of(fulfilled)[0].days_late), ("Fulfilled", 7))
		self.assertEqual(rows_of(by_hand)[0].days_late, 1, "a row set by hand keeps its figures")

	def test_cancelling_the_delivery_puts_the_obligation_back_to_pending(self):
		contract = supply_contract(delivery_obligation(qty=10))
		delivery = deliver(contract, 10)
		sign(papers_of(delivery)[0])
		self.assertEqual(rows_of(contract)[0].status, "Fulfilled")
		delivery.cancel()
		row = rows_of(contract)[0]
		self.assertEqual(
			(row.status, row.fulfilled_qty, row.fulfilled_amount, row.fulfilled_on), ("Pending", 0, 0, None)
		)

	def test_a_return_is_netted_against_the_delivery_it_returns(self):
		from erpnext.controllers.sales_and_purchase_return import make_return_doc

		contract = supply_contract(delivery_obligation(qty=10))
		delivery = deliver(contract, 10)
		sign(papers_of(delivery)[0])
		self.assertEqual(rows_of(contract)[0].status, "Fulfilled")
		returned = make_return_doc("Delivery Note", delivery.name)
		returned.items[0].qty = -3
		returned.insert()
		returned.submit()
		self.assertEqual(returned.cm_contract, contract.name)
		row = rows_of(contract)[0]
		self.assertEqual((row.status, row.fulfilled_qty, row.fulfilled_on), ("Partly Fulfilled", 7, None))

	def test_a_payment_obligation_is_fulfilled_by_the_customers_payment(self):
		contract = signed_contract(
			cm_obligations=[
				{"obligor": "Counterparty", "kind": "Payment", "description": "Advance", "amount": 3000}
			]
		)
		invoice = f.make_sales_invoice(date=TODAY, cm_contract=contract.name)
		pay(invoice, 1000)
		row = rows_of(contract)[0]
		self.assertEqual((row.status, row.fulfilled_amount), ("Partly Fulfilled", 1000))
		pay(invoice, 2000)
		self.assertEqual(
			(rows_of(contract)[0].status, rows_of(contract)[0].fulfilled_amount), ("Fulfilled", 3000)
		)


class TestSetByHand(FrappeTestCase):
	def test_a_status_set_by_hand_is_kept_and_the_history_shows_who_set_it(self):
		contract = supply_contract(delivery_obligation(qty=10))
		frappe.set_user(MANAGER)
		try:
			contract = frappe.get_doc("Contract", contract.name)
			row = contract.cm_obligations[0]
			row.update(
				{"set_by_hand": 1, "hand_reason": "Accepted by the customer's letter", "status": "Fulfilled"}
			)
			# Under tests Frappe writes no Version unless told to; a request from the desk does.
			contract.save(ignore_version=False)
		finally:
			frappe.set_user("Administrator")
		deliver(contract, 4)
		self.assertEqual((rows_of(contract)[0].status, rows_of(contract)[0].set_by_hand), ("Fulfilled", 1))
		version = frappe.get_last_doc(
			"Version", filters={"ref_doctype": "Contract", "docname": contract.name}
		)
		self.assertEqual(version.owner, MANAGER)
		changed = frappe.parse_json(version.data)["row_changed"]
		fields = {change[0] for _table, _idx, _name, changes in changed for change in changes}
		self.assertTrue({"set_by_hand", "status", "hand_reason"} <= fields, changed)

	def test_setting_by_hand_needs_a_reason_and_saves_nothing_without_it(self):
		contract = supply_contract(delivery_obligation(qty=10))
		contract.cm_obligations[0].update({"set_by_hand": 1, "status": "Fulfilled"})
		with self.assertRaisesRegex(frappe.ValidationError, "give the reason"):
			contract.save()
		self.assertEqual(rows_of(contract)[0].set_by_hand, 0)
		self.assertEqual(rows_of(contract)[0].status, "Pending")
		# Read from the app's catalogue itself: the compiled one is shared by every site of the bench.
		with open(get_po_path("contract_management", "ru"), "rb") as po_file:
			russian = read_po(po_file, locale="ru")
		message = "Row {0}: give the reason why the obligation's status is set by hand."
		self.assertIn("причину", russian[message].string)

	def test_contract_tracks_changes(self):
		self.assertTrue(frappe.get_meta("Contract").track_changes)


class TestExplicitLink(FrappeTestCase):
	def test_the_linked_document_must_be_submitted_and_of_this_contract(self):
		contract = supply_contract(delivery_obligation(qty=1))
		other = supply_contract()
		elsewhere = deliver(other, 1)
		draft = deliver(contract, 1, submit=False)
		for document, message in ((elsewhere, "is not a document of contract"), (draft, "is not submitted")):
			contract.reload()
			contract.cm_obligations[0].reference_doctype = "Delivery Note"
			contract.cm_obligations[0].reference_name = document.name
			with self.assertRaisesRegex(frappe.ValidationError, message):
				contract.save()
		contract.reload()
		contract.cm_obligations[0].reference_doctype = "Customer"
		contract.cm_obligations[0].reference_name = r.CUSTOMER
		with self.assertRaisesRegex(frappe.ValidationError, "not by a"):
			contract.save()


class TestQueries(FrappeTestCase):
	def test_the_same_queries_for_one_contract_as_for_twenty(self):
		contracts = []
		for _ in range(20):
			contract = supply_contract(delivery_obligation(qty=10), delivery_obligation(qty=5, due_in=20))
			delivery = deliver(contract, 12)
			sign(papers_of(delivery)[0])
			contracts.append(contract.name)

		def counted(names):
			# stale figures, so that each run writes every row
			table = frappe.qb.DocType("Contract Obligation")
			frappe.qb.update(table).set(table.fulfilled_qty, -1).where(table.parent.isin(names)).run()
			computed = {}
			queries = queries_of(lambda: computed.update(service.refresh_obligations(names)))
			return len(queries), computed

		one, computed_one = counted(contracts[:1])
		twenty, computed_twenty = counted(contracts)
		self.assertEqual((len(computed_one), len(computed_twenty)), (2, 40))
		self.assertEqual(one, twenty)
		self.assertLessEqual(one, 8)
		self.assertEqual(
			{values["status"] for values in computed_twenty.values()}, {"Fulfilled", "Partly Fulfilled"}
		)

	def test_a_delivery_note_without_a_contract_queries_none_of_the_apps_tables(self):
		delivery = f.make_delivery_note(date=TODAY, submit=False)
		# The submit: a cancel runs Frappe's own check of dynamic links, which reads (and caches) which
		# doctypes the app's dynamic links point at, as it did before obligations fulfilled themselves;
		# the app's hooks themselves run no query (below).
		queries = queries_of(delivery.submit)
		app_tables = ("tabContract Obligation", "tabContract Primary Document", "tabContract`")
		self.assertEqual([query for query in queries if any(table in query for table in app_tables)], [])
		with self.assertQueryCount(0):
			transaction.on_submit(delivery)
			transaction.on_cancel(delivery)
			transaction.refresh_fulfilment(delivery)

	def test_a_contract_without_obligations_saves_with_no_query_of_obligations_or_papers(self):
		# A contract as ERPNext's own code makes it: no obligations, so nothing to compute.
		from tests.test_erpnext_contracts import erpnext_contract

		contract = erpnext_contract()
		# v16 writes its child-table load on several lines
		queries = [" ".join(query.split()) for query in queries_of(lambda: contract.insert().save())]
		app_tables = ("`tabContract Obligation`", "`tabContract Primary Document`")
		# Frappe itself loads and clears a document's child tables (the obligations are one) as it saves.
		frappes_own = (
			"SELECT * FROM `tabContract Obligation` WHERE `parent`=",
			"DELETE FROM `tabContract Obligation` WHERE `parent`=",
		)
		self.assertEqual(
			[
				query
				for query in queries
				if any(table in query for table in app_tables) and not query.startswith(frappes_own)
			],
			[],
		)


class TestPatch(FrappeTestCase):
	def test_the_patch_computes_existing_obligations_and_keeps_statuses_set_before(self):
		contract = supply_contract(
			delivery_obligation(qty=10), delivery_obligation(qty=5, due_in=-3, item=r.SERVICE_ITEM)
		)
		deliver(contract, 10)
		table = frappe.qb.DocType("Contract Obligation")
		# as an install before this feature left them: no figures, the second marked Fulfilled by hand
		(
			frappe.qb.update(table)
			.set(table.status, "Pending")
			.set(table.fulfilled_qty, 0)
			.set(table.documents_awaited, 0)
			.set(table.days_late, 0)
			.where(table.parent == contract.name)
		).run()
		frappe.qb.update(table).set(table.status, "Fulfilled").where(table.parent == contract.name).where(
			table.idx == 2
		).run()
		compute_obligation_figures.execute()
		first, second = rows_of(contract)
		self.assertEqual(
			(first.status, first.fulfilled_qty, first.documents_awaited), ("Partly Fulfilled", 10, 1)
		)
		self.assertEqual((second.status, second.set_by_hand), ("Fulfilled", 1))
		before = rows_of(contract)
		compute_obligation_figures.execute()
		self.assertEqual(rows_of(contract), before)
