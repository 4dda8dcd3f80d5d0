"""Primary documents under contracts (issue 20, the foundation): the kinds of papers shipped, one
Contract Primary Document per paper with the date of each step, the papers a contract expects made when
a delivery, receipt or invoice under it is submitted, and bad input refused whole."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from contract_management.common.settings import get_settings
from contract_management.fulfilment import expected
from contract_management.overrides import transaction
from contract_management.setup import defaults
from contract_management.setup.defaults import (
	ACT_OF_SERVICES,
	ACT_OF_WORKS,
	PRIMARY_DOCUMENT_KINDS,
	UPD,
	ensure_primary_document_kinds,
	ensure_primary_document_rules,
)
from tests import factories as f
from tests import records as r
from tests.amendments import TODAY, signed_contract
from tests.test_access import LEGAL, MANAGER, NOBODY, PURCHASE, SALES, VIEWER

ACCOUNTS = "cm.accounts@example.com"

DOCTYPE = "Contract Primary Document"


def supply_contract(**fields):
	return signed_contract(cm_contract_type="Supply", cm_responsible=MANAGER, **fields)


def purchase_contract(contract_type="Supply", **fields):
	return signed_contract(
		party_type="Supplier", party_name=r.SUPPLIER, cm_contract_type=contract_type, **fields
	)


def expected_of(doc) -> list[frappe._dict]:
	return frappe.get_all(
		DOCTYPE,
		filters={"reference_doctype": doc.doctype, "reference_name": doc.name},
		fields=["*"],
		order_by="name",
	)


def new_document(contract, **fields):
	values = {
		"doctype": DOCTYPE,
		"contract": contract.name,
		"kind": UPD,
		"flow": "We Issue",
		"number": "17",
		"document_date": TODAY,
		**fields,
	}
	return frappe.get_doc(values)


class TestKindsAndRules(FrappeTestCase):
	def test_the_kinds_a_russian_department_uses_are_shipped_once_and_read_in_russian(self):
		self.assertEqual(len(PRIMARY_DOCUMENT_KINDS), 7)
		before = frappe.db.count("Contract Primary Document Kind")
		ensure_primary_document_kinds()
		ensure_primary_document_kinds()
		self.assertEqual(frappe.db.count("Contract Primary Document Kind"), before)
		for kind in PRIMARY_DOCUMENT_KINDS:
			self.assertTrue(frappe.db.exists("Contract Primary Document Kind", kind), kind)
		self.assertEqual(frappe._(UPD, lang="ru"), "УПД")
		self.assertEqual(frappe._(ACT_OF_WORKS, lang="ru"), "Акт выполненных работ")
		self.assertEqual(frappe._(ACT_OF_SERVICES, lang="ru"), "Акт оказанных услуг")

	def test_a_company_adds_its_own_kind(self):
		kind = frappe.get_doc(
			{"doctype": "Contract Primary Document Kind", "kind_name": "Acceptance Report M-15"}
		).insert()
		self.assertEqual(kind.name, "Acceptance Report M-15")

	def test_default_rules_fill_only_an_empty_table(self):
		settings = frappe.get_single("Contract Management Settings")
		self.assertGreaterEqual(len(settings.primary_document_rules), 6)
		settings.primary_document_rules = settings.primary_document_rules[:1]
		settings.save()
		ensure_primary_document_rules()
		self.assertEqual(len(frappe.get_single("Contract Management Settings").primary_document_rules), 1)
		frappe.db.delete("Contract Primary Document Rule", {"parenttype": "Contract Management Settings"})
		ensure_primary_document_rules()
		rules = frappe.get_single("Contract Management Settings").primary_document_rules
		self.assertEqual(len(rules), len(defaults.DEFAULT_PRIMARY_DOCUMENT_RULES))

	def test_contract_types_say_what_their_contracts_are_about(self):
		self.assertEqual(frappe.db.get_value("Contract Type", "Supply", "subject_kind"), "Goods")
		self.assertEqual(frappe.db.get_value("Contract Type", "Services", "subject_kind"), "Services")
		self.assertEqual(frappe.db.get_value("Contract Type", "Works", "subject_kind"), "Works")


class TestExpectedDocuments(FrappeTestCase):
	def test_a_supply_sale_expects_a_upd_signed_by_the_customer_on_the_delivery_note(self):
		contract = supply_contract()
		delivery = f.make_delivery_note(date=TODAY, cm_contract=contract.name)
		papers = expected_of(delivery)
		self.assertEqual(len(papers), 1)
		paper = papers[0]
		self.assertEqual(
			(paper.kind, paper.flow, paper.status, paper.original_required),
			(UPD, "We Issue", "Expected", 1),
		)
		self.assertEqual(
			(paper.contract, paper.company, paper.party_type, paper.party, paper.responsible),
			(contract.name, r.RUB_COMPANY, "Customer", r.CUSTOMER, MANAGER),
		)
		self.assertEqual(paper.amount, delivery.grand_total)
		self.assertEqual(paper.docstatus, 0)
		self.assertTrue(paper.name.startswith("CPD-"))
		# a document of the doctype like any other: it opens and saves
		frappe.get_doc(DOCTYPE, paper.name).save()

	def test_the_invoice_of_a_supply_sale_expects_nothing_more(self):
		contract = supply_contract()
		invoice = f.make_sales_invoice(items=[(r.STOCK_ITEM, 1, 1000)], date=TODAY, cm_contract=contract.name)
		self.assertEqual(expected_of(invoice), [])

	def test_a_sale_of_services_or_works_expects_its_act_on_the_sales_invoice(self):
		for contract_type, kind in (("Services", ACT_OF_SERVICES), ("Works", ACT_OF_WORKS)):
			contract = signed_contract(cm_contract_type=contract_type)
			invoice = f.make_sales_invoice(date=TODAY, cm_contract=contract.name)
			self.assertEqual(
				[(p.kind, p.flow) for p in expected_of(invoice)], [(kind, "We Issue")], contract_type
			)

	def test_a_contract_without_a_subject_takes_it_from_the_document(self):
		contract = signed_contract()  # no type
		services = f.make_sales_invoice(date=TODAY, cm_contract=contract.name)
		self.assertEqual([p.kind for p in expected_of(services)], [ACT_OF_SERVICES])
		goods = f.make_sales_invoice(items=[(r.STOCK_ITEM, 1, 1000)], date=TODAY, cm_contract=contract.name)
		self.assertEqual(expected_of(goods), [], "goods: the UPD goes with the delivery note")
		delivery = f.make_delivery_note(date=TODAY, cm_contract=contract.name)
		self.assertEqual([p.kind for p in expected_of(delivery)], [UPD])

	def test_a_purchase_expects_the_suppliers_upd_and_its_original_on_the_receipt(self):
		contract = purchase_contract()
		receipt = f.make_purchase_receipt(date=TODAY, cm_contract=contract.name)
		papers = expected_of(receipt)
		self.assertEqual(
			[(p.kind, p.flow, p.original_required, p.party_type, p.party) for p in papers],
			[(UPD, "We Receive", 1, "Supplier", r.SUPPLIER)],
		)

	def test_a_purchase_of_services_expects_the_suppliers_act_on_the_purchase_invoice(self):
		contract = purchase_contract("Services")
		invoice = f.make_purchase_invoice(date=TODAY, cm_contract=contract.name)
		self.assertEqual([(p.kind, p.flow) for p in expected_of(invoice)], [(ACT_OF_SERVICES, "We Receive")])

	def test_a_return_expects_no_new_papers(self):
		contract = signed_contract(cm_contract_type="Services")
		invoice = f.make_sales_invoice(date=TODAY, cm_contract=contract.name)
		self.assertEqual(len(expected_of(invoice)), 1)
		credit_note = f.make_credit_note(invoice, 1000, date=TODAY)
		self.assertEqual(credit_note.cm_contract, contract.name)
		self.assertEqual(expected_of(credit_note), [])

	def test_cancelling_the_document_cancels_what_it_expected(self):
		contract = supply_contract()
		delivery = f.make_delivery_note(date=TODAY, cm_contract=contract.name)
		name = expected_of(delivery)[0].name
		delivery.cancel()
		self.assertEqual(frappe.db.get_value(DOCTYPE, name, "status"), "Cancelled")

	def test_deleting_the_cancelled_document_deletes_the_papers_that_record_nothing(self):
		# ERPNext deletes a cancelled document's ledger rows with it only when told to
		frappe.db.set_single_value("Accounts Settings", "delete_linked_ledger_entries", 1)
		contract = supply_contract()
		untouched = f.make_delivery_note(date=TODAY, cm_contract=contract.name)
		paper = expected_of(untouched)[0].name
		untouched.cancel()
		frappe.delete_doc("Delivery Note", untouched.name)
		self.assertFalse(frappe.db.exists(DOCTYPE, paper))

		recorded = f.make_delivery_note(date=TODAY, cm_contract=contract.name)
		paper = frappe.get_doc(DOCTYPE, expected_of(recorded)[0].name)
		paper.number = "УПД-7"
		paper.save()
		recorded.cancel()
		# A deletion is a request of its own: Frappe's map of dynamic links is built per request, and the
		# one built for the first deletion (when no paper of a delivery was left) is not this one's.
		frappe.local.dynamic_link_map = None
		with self.assertRaisesRegex(frappe.LinkExistsError, f"Contract Primary Document.*{paper.name}"):
			frappe.delete_doc("Delivery Note", recorded.name)
		self.assertTrue(frappe.db.exists(DOCTYPE, paper.name))

	def test_a_document_without_a_contract_costs_no_query_and_expects_nothing(self):
		invoice = f.make_sales_invoice(date=TODAY)
		self.assertEqual(expected_of(invoice), [])
		with self.assertQueryCount(0):
			transaction.on_submit(invoice)
			transaction.on_cancel(invoice)
			transaction.on_trash(invoice)

	def test_a_document_under_a_contract_costs_the_same_few_queries_for_any_number_of_papers(self):
		contract = supply_contract()
		delivery = f.make_delivery_note(date=TODAY, cm_contract=contract.name, submit=False)
		delivery.submit()
		frappe.db.delete(DOCTYPE, {"reference_name": delivery.name})
		with self.assertQueryCount(4):
			expected.make_expected_documents(delivery)
		self.assertEqual(len(expected_of(delivery)), 1)
		settings = frappe.get_single("Contract Management Settings")
		for _ in range(3):
			settings.append(
				"primary_document_rules",
				{
					"direction": "Sales",
					"subject_kind": "Any",
					"document_type": "Delivery Note",
					"kind": defaults.WAYBILL,
					"flow": "We Issue",
				},
			)
		settings.save()
		get_settings()  # the settings are read once per change, then from the cache
		frappe.db.delete(DOCTYPE, {"reference_name": delivery.name})
		with self.assertQueryCount(4):
			expected.make_expected_documents(delivery)
		self.assertEqual(len(expected_of(delivery)), 4)
		self.assertEqual(len({p.name for p in expected_of(delivery)}), 4)
		self.assertEqual(frappe.get_meta(DOCTYPE).autoname, expected.NAMING_SERIES)


class TestPrimaryDocument(FrappeTestCase):
	def test_a_contracts_connections_list_its_primary_documents(self):
		from frappe.desk.notifications import get_open_count

		contract = supply_contract()
		new_document(contract).insert()
		data = frappe.get_meta("Contract").get_dashboard_data()
		self.assertEqual(data.non_standard_fieldnames[DOCTYPE], "contract")
		self.assertIn(DOCTYPE, [item for group in data.transactions for item in group["items"]])
		counts = get_open_count("Contract", contract.name)["count"]["external_links_found"]
		self.assertEqual(next(c for c in counts if c["doctype"] == DOCTYPE)["count"], 1)

	def test_steps_carry_their_dates_and_the_status_follows_them(self):
		contract = supply_contract()
		paper = new_document(contract).insert()
		self.assertEqual((paper.status, paper.responsible), ("Expected", MANAGER))
		self.assertEqual(
			(paper.company, paper.party_type, paper.party), (r.RUB_COMPANY, "Customer", r.CUSTOMER)
		)
		paper.sent_on = TODAY
		paper.save()
		self.assertEqual(paper.status, "Sent")
		paper.signed_on = TODAY
		paper.save()
		self.assertEqual(paper.status, "Signed by Both")
		paper.original_received_on = TODAY
		paper.save()
		self.assertEqual(paper.status, "Original Received")

	def test_a_received_scan_then_its_original(self):
		contract = purchase_contract()
		paper = new_document(
			contract,
			flow="We Receive",
			document_date=add_days(TODAY, -5),
			received_on=add_days(TODAY, -3),
			received_via="EDI",
		)
		paper.insert()
		self.assertEqual(paper.status, "Received")
		paper.original_received_on = TODAY
		paper.save()
		self.assertEqual(paper.status, "Original Received")

	def test_the_document_it_accompanies_must_be_under_the_contract(self):
		contract = supply_contract()
		delivery = f.make_delivery_note(date=TODAY, cm_contract=contract.name)
		paper = new_document(contract, reference_doctype="Delivery Note", reference_name=delivery.name)
		paper.insert()
		other = supply_contract(party_name=r.CUSTOMER_2)
		with self.assertRaisesRegex(frappe.ValidationError, "not under contract"):
			new_document(other, reference_doctype="Delivery Note", reference_name=delivery.name).insert()
		with self.assertRaisesRegex(frappe.ValidationError, "Delivery Note, Purchase Receipt"):
			new_document(contract, reference_doctype="Contract", reference_name=contract.name).insert()

	def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(self):
		contract = supply_contract()
		other = supply_contract(
			cm_obligations=[{"obligor": "We", "description": "Deliver", "due_date": TODAY}]
		)
		before = frappe.db.count(DOCTYPE)
		cases = (
			({"document_date": add_days(contract.start_date, -1)}, "before the contract"),
			({"status": "Signed by Both"}, "date it was signed"),
			(
				{
					"document_date": add_days(TODAY, -5),
					"sent_on": add_days(TODAY, -1),
					"original_received_on": add_days(TODAY, -2),
				},
				"before the document was first sent",
			),
			({"sent_on": add_days(TODAY, 1)}, "future"),
			({"obligation": other.cm_obligations[0].name}, "not an obligation of contract"),
			({"flow": "We Receive", "sent_on": TODAY}, "we issue"),
		)
		for values, message in cases:
			with self.assertRaisesRegex(frappe.ValidationError, message, msg=str(values)):
				new_document(contract, **values).insert()
		self.assertEqual(frappe.db.count(DOCTYPE), before)

	def test_the_obligation_it_proves_belongs_to_the_contract(self):
		contract = supply_contract(
			cm_obligations=[{"obligor": "We", "description": "Deliver", "due_date": TODAY}]
		)
		paper = new_document(contract, obligation=contract.cm_obligations[0].name).insert()
		self.assertEqual(paper.obligation, contract.cm_obligations[0].name)

	def test_errors_read_in_russian(self):
		contract = supply_contract()
		frappe.local.lang = "ru"
		with self.assertRaisesRegex(frappe.ValidationError, "подписан"):
			new_document(contract, status="Signed by Both").insert()

	def test_a_sales_contract_user_works_within_their_rule(self):
		contract = supply_contract()
		hidden = purchase_contract()
		frappe.set_user(SALES)
		new_document(contract).insert()
		with self.assertRaises(frappe.PermissionError):
			new_document(hidden, flow="We Receive").insert()


class TestRoles(FrappeTestCase):
	def test_each_role_may_do_what_the_readme_says_on_primary_documents(self):
		full = ("read", "create", "write", "delete", "print", "report", "export")
		drafts = ("read", "create", "write", "print", "report", "export")
		reads = ("read", "print", "report")
		expected_rights = {
			MANAGER: full,
			LEGAL: full,
			SALES: drafts,
			PURCHASE: drafts,
			VIEWER: reads,
			ACCOUNTS: reads,
			NOBODY: (),
		}
		differences = [
			f"{user} {ptype}"
			for user, allowed in expected_rights.items()
			for ptype in full
			if bool(frappe.has_permission(DOCTYPE, ptype, user=user)) != (ptype in allowed)
		]
		self.assertEqual(differences, [])
