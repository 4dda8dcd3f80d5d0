"""Reminders of primary documents (issue 20), through the reminder engine, its rules and its log:
- an original not received N days after its scan (we receive it, its original is required);
- a paper we sent and that has not come back signed N days after it was sent;
- an expected paper still missing N days after the ERPNext document it accompanies.
Each is due on its day and not the day before, sent once, never for a cancelled paper or a closed
contract; its text names the paper, the contract and the counterparty; a run queries as often for many
as for one."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from contract_management.reminders import engine as reminders
from contract_management.setup.defaults import ACT_OF_SERVICES, UPD
from tests import factories as f
from tests import records as r
from tests.test_reminder_bulk import every_channel, queries_of_a_run
from tests.test_reminders import DAY, RESPONSIBLE, RUSSIAN, bells, contract, logs

DOCTYPE = "Contract Primary Document"
PAPER_ORIGINAL_NOT_RECEIVED = "Primary Document Original Not Received"
PAPER_NOT_SIGNED = "Primary Document Not Signed by Counterparty"
PAPER_MISSING = "Expected Primary Document Missing"
PAPER_KINDS = (PAPER_ORIGINAL_NOT_RECEIVED, PAPER_NOT_SIGNED, PAPER_MISSING)


def days_of(kind) -> int:
	"""The (single) offset of the kind's rule on the site, as a number of days after the date."""
	settings = frappe.get_single("Contract Management Settings")
	[rule] = [rule for rule in settings.reminder_rules if rule.kind == kind and not rule.company]
	return -reminders.parse_days(rule.days)[0]


def paper(under, **fields):
	values = {
		"doctype": DOCTYPE,
		"contract": under.name,
		"kind": UPD,
		"flow": "We Issue",
		"number": "17",
		"document_date": add_days(DAY, -100),
		**fields,
	}
	return frappe.get_doc(values).insert()


def scanned(under, days_ago, **fields):
	"""A paper we received as a scan `days_ago` days ago, its original required and not received."""
	values = {
		"flow": "We Receive",
		"received_on": add_days(DAY, -days_ago),
		"received_via": "Scan",
		"original_required": 1,
		**fields,
	}
	return paper(under, **values)


def sent(under, days_ago, **fields):
	"""A paper we sent `days_ago` days ago, not yet signed."""
	return paper(under, flow="We Issue", sent_on=add_days(DAY, -days_ago), **fields)


def services_contract(**fields):
	return contract(end_date=add_days(DAY, 200), cm_contract_type="Services", **fields)


def expected_since(under, days_ago):
	"""The act a sales invoice of `days_ago` days ago under a services contract expects."""
	invoice = f.make_sales_invoice(date=add_days(DAY, -days_ago), cm_contract=under.name)
	return frappe.get_doc(DOCTYPE, {"reference_doctype": "Sales Invoice", "reference_name": invoice.name})


class TestDefaultRules(FrappeTestCase):
	def test_each_kind_has_a_default_rule_with_days_after_its_date(self):
		rules = reminders.rules_by_kind(frappe.get_single("Contract Management Settings"))
		for kind in PAPER_KINDS:
			self.assertIn(kind, rules)
			self.assertGreater(days_of(kind), 0, kind)
		options = frappe.get_meta("Contract Reminder Rule").get_field("kind").options.split("\n")
		for kind in PAPER_KINDS:
			self.assertIn(kind, options)

	def test_the_kinds_are_not_confused_with_the_contracts_own_original(self):
		names = (*PAPER_KINDS, "Original Not Returned")
		self.assertEqual(len(set(names)), 4)
		russian = [frappe._(name, lang="ru") for name in names]
		self.assertEqual(len(set(russian)), 4, russian)
		for name, words in zip(names, russian, strict=True):
			self.assertNotEqual(name, words, f"{name} is not translated")
		for words in russian[:3]:
			self.assertIn("первичн", words.lower())
		self.assertIn("договор", russian[3].lower())


class TestOriginalNotReceived(FrappeTestCase):
	def test_due_on_its_day_not_the_day_before_and_once(self):
		days = days_of(PAPER_ORIGINAL_NOT_RECEIVED)
		under = contract(end_date=add_days(DAY, 200))
		due = scanned(under, days)
		early = scanned(under, days - 1, number="18")
		reminders.send_reminders(DAY)
		reminders.send_reminders(DAY)
		self.assertEqual(
			[(log.kind, log.offset_days) for log in logs(due.name)], [(PAPER_ORIGINAL_NOT_RECEIVED, -days)]
		)
		self.assertEqual(logs(early.name), [])
		[subject] = bells(RESPONSIBLE, due.name)
		for text in (frappe._(UPD), "17", frappe.format(due.document_date, "Date"), under.name, r.CUSTOMER):
			self.assertIn(text, subject)
		self.assertIn(frappe.format(due.received_on, "Date"), subject)

	def test_not_once_the_original_came_on_paper_or_when_received_on_paper(self):
		days = days_of(PAPER_ORIGINAL_NOT_RECEIVED)
		under = contract(end_date=add_days(DAY, 200))
		original = scanned(under, days, original_received_on=DAY)
		on_paper = scanned(under, days, received_via="Paper", number="19")
		not_required = scanned(under, days, original_required=0, number="20")
		signed = scanned(under, days, signed_on=add_days(DAY, -days), number="21")
		reminders.send_reminders(DAY)
		self.assertEqual(logs(original.name), [])
		self.assertEqual(logs(on_paper.name), [])
		self.assertEqual(logs(not_required.name), [])
		self.assertEqual(len(logs(signed.name)), 1, "signed by both, its original still awaited")

	def test_not_for_a_cancelled_paper_or_a_closed_contract(self):
		days = days_of(PAPER_ORIGINAL_NOT_RECEIVED)
		under = contract(end_date=add_days(DAY, 200))
		cancelled = scanned(under, days, status="Cancelled")
		closed = contract(end_date=add_days(DAY, 200), party_name=r.CUSTOMER_2)
		of_closed = scanned(closed, days)
		frappe.db.set_value("Contract", closed.name, "cm_status", "Terminated")
		reminders.send_reminders(DAY)
		self.assertEqual(logs(cancelled.name), [])
		self.assertEqual(logs(of_closed.name), [])

	def test_in_russian_for_a_russian_speaking_responsible(self):
		days = days_of(PAPER_ORIGINAL_NOT_RECEIVED)
		under = contract(end_date=add_days(DAY, 200))
		due = scanned(under, days, responsible=RUSSIAN)
		reminders.send_reminders(DAY)
		[subject] = bells(RUSSIAN, due.name)
		self.assertIn("оригинал", subject.lower())
		self.assertIn("скан", subject.lower())
		self.assertIn(frappe._(UPD, lang="ru"), subject)
		self.assertIn(under.name, subject)


class TestNotReturnedSigned(FrappeTestCase):
	def test_due_on_its_day_not_the_day_before_and_once(self):
		days = days_of(PAPER_NOT_SIGNED)
		under = contract(end_date=add_days(DAY, 200))
		due = sent(under, days)
		early = sent(under, days - 1, number="18")
		signed = sent(under, days, signed_on=DAY, number="19")
		received = scanned(under, days, number="20")  # a paper we receive is never "sent"
		reminders.send_reminders(DAY)
		reminders.send_reminders(DAY)
		self.assertEqual([(log.kind, log.offset_days) for log in logs(due.name)], [(PAPER_NOT_SIGNED, -days)])
		self.assertEqual(logs(early.name), [])
		self.assertEqual(logs(signed.name), [])
		self.assertEqual(logs(received.name, PAPER_NOT_SIGNED), [])
		[subject] = bells(RESPONSIBLE, due.name)
		for text in (frappe._(UPD), "17", under.name, r.CUSTOMER, frappe.format(due.sent_on, "Date")):
			self.assertIn(text, subject)

	def test_not_for_a_cancelled_paper_or_a_closed_contract(self):
		days = days_of(PAPER_NOT_SIGNED)
		under = contract(end_date=add_days(DAY, 200))
		cancelled = sent(under, days, status="Cancelled")
		closed = contract(end_date=add_days(DAY, 200), party_name=r.CUSTOMER_2)
		of_closed = sent(closed, days)
		frappe.db.set_value("Contract", closed.name, "cm_status", "Fulfilled")
		reminders.send_reminders(DAY)
		self.assertEqual(logs(cancelled.name), [])
		self.assertEqual(logs(of_closed.name), [])


class TestExpectedMissing(FrappeTestCase):
	def test_the_paper_keeps_the_date_of_the_document_it_accompanies(self):
		under = services_contract()
		made = expected_since(under, 3)  # made by the bulk insert of a submitted invoice
		self.assertEqual(str(made.reference_date), str(add_days(DAY, -3)))
		invoice = f.make_sales_invoice(date=add_days(DAY, -4), cm_contract=under.name)
		by_hand = paper(
			under,
			kind=ACT_OF_SERVICES,
			number=None,
			document_date=None,
			reference_doctype="Sales Invoice",
			reference_name=invoice.name,
		)
		self.assertEqual(str(by_hand.reference_date), str(add_days(DAY, -4)))

	def test_due_on_its_day_not_the_day_before_and_once(self):
		days = days_of(PAPER_MISSING)
		under = services_contract()
		due = expected_since(under, days)
		early = expected_since(under, days - 1)
		done = expected_since(under, days)
		done.sent_on = DAY
		done.save()
		reminders.send_reminders(DAY)
		reminders.send_reminders(DAY)
		self.assertEqual([(log.kind, log.offset_days) for log in logs(due.name)], [(PAPER_MISSING, -days)])
		self.assertEqual(logs(early.name), [])
		self.assertEqual(logs(done.name, PAPER_MISSING), [])
		[subject] = bells(RESPONSIBLE, due.name)
		for text in (
			frappe._(ACT_OF_SERVICES),
			due.reference_name,
			under.name,
			r.CUSTOMER,
			frappe.format(due.reference_date, "Date"),
		):
			self.assertIn(text, subject)

	def test_not_for_a_cancelled_paper_or_a_closed_contract(self):
		days = days_of(PAPER_MISSING)
		under = services_contract()
		cancelled = expected_since(under, days)
		cancelled.status = "Cancelled"
		cancelled.save()
		closed = services_contract(party_name=r.CUSTOMER_2)
		invoice = f.make_sales_invoice(
			customer=r.CUSTOMER_2, date=add_days(DAY, -days), cm_contract=closed.name
		)
		of_closed = frappe.get_doc(DOCTYPE, {"reference_name": invoice.name})
		frappe.db.set_value("Contract", closed.name, "cm_status", "Cancelled")
		reminders.send_reminders(DAY)
		self.assertEqual(logs(cancelled.name), [])
		self.assertEqual(logs(of_closed.name), [])


class TestBulk(FrappeTestCase):
	def test_a_run_queries_as_often_for_many_papers_as_for_one(self):
		for kind in PAPER_KINDS:
			every_channel(kind)
		under = services_contract()

		def one_of_each(count):
			invoice = f.make_sales_invoice(
				date=add_days(DAY, -days_of(PAPER_MISSING)), cm_contract=under.name
			)
			for _index in range(count):
				scanned(under, days_of(PAPER_ORIGINAL_NOT_RECEIVED))
				sent(under, days_of(PAPER_NOT_SIGNED))
				paper(
					under,
					kind=ACT_OF_SERVICES,
					number=None,
					document_date=None,
					reference_doctype="Sales Invoice",
					reference_name=invoice.name,
				)

		one_of_each(1)
		reminders.send_reminders(DAY)  # warms the caches
		one_of_each(1)
		for_one = queries_of_a_run()
		one_of_each(40)
		for_many = queries_of_a_run()
		self.assertEqual(len(for_one), len(for_many), "\n\n".join(for_many))
		for kind, count in ((PAPER_ORIGINAL_NOT_RECEIVED, 42), (PAPER_NOT_SIGNED, 42), (PAPER_MISSING, 45)):
			self.assertEqual(len(logs(kind=kind)), count, kind)
		self.assertEqual(
			frappe.db.count("Contract Reminder Log", {"kind": PAPER_NOT_SIGNED, "email_pending": 1}), 0
		)
