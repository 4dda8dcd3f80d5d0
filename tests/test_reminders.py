"""The reminder engine: each kind due / not yet due / already sent / missed day caught up, recipients,
channels, per-contract override, reruns and interruptions, and a Russian-speaking recipient."""

from urllib.parse import urlparse

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_url_to_form, getdate, now_datetime, nowdate

from contract_management.reminders import engine as reminders
from tests import factories as f
from tests import records as r
from tests.amendments import signed_contract
from tests.contracts import make_contract

DAY = getdate(nowdate())  # the day the job runs in these tests
RESPONSIBLE = "cm.sales@example.com"
HEAD = "cm.head.sales@example.com"
RUSSIAN = r.RUSSIAN_USER  # cm.legal@example.com, language ru, role Legal Counsel


def department():
	name = frappe.db.get_value("Department", {"department_name": "CM Contracts", "company": r.RUB_COMPANY})
	if not name:
		name = (
			frappe.get_doc(
				{
					"doctype": "Department",
					"department_name": "CM Contracts",
					"company": r.RUB_COMPANY,
					"parent_department": "All Departments",
				}
			)
			.insert()
			.name
		)
	frappe.db.set_value("Department", name, "cm_head_user", HEAD)
	return name


def contract(**fields):
	values = {
		"start_date": add_days(DAY, -200),
		"end_date": add_days(DAY, 30),
		"cm_responsible": RESPONSIBLE,
		"cm_department": department(),
		**fields,
	}
	return signed_contract(**values)


def logs(name=None, kind=None, status="Sent"):
	"""The reminders sent (by default), or skipped, or every logged one (status=None)."""
	filters = {}
	if name:
		filters["reference_name"] = name
	if kind:
		filters["kind"] = kind
	if status:
		filters["status"] = status
	return frappe.get_all(
		"Contract Reminder Log",
		filters=filters,
		fields=["reference_name", "kind", "offset_days", "recipients", "status"],
		order_by="offset_days desc",
	)


def mails(**filters):
	"""The queued e-mails, their text decoded from the MIME Frappe stores."""
	import email

	found = []
	for row in frappe.get_all("Email Queue", filters=filters, fields=["name", "message", "reference_name"]):
		message = email.message_from_string(row.message)
		parts = [
			part.get_payload(decode=True).decode()
			for part in message.walk()
			if part.get_content_type() == "text/html"
		]
		found.append(
			frappe._dict(
				text="\n".join(parts),
				reference_name=row.reference_name,
				recipients=frappe.get_all("Email Queue Recipient", {"parent": row.name}, pluck="recipient"),
			)
		)
	return found


def bells(user, name):
	filters = {"for_user": user, "document_name": name, "type": "Alert"}  # not Frappe's assignment notices
	return frappe.get_all("Notification Log", filters=filters, pluck="subject")


class TestContractEnd(FrappeTestCase):
	def test_due_today_goes_to_responsible_and_head_by_bell_and_email(self):
		due = contract()
		reminders.send_reminders(DAY)
		[log] = logs(due.name)
		self.assertEqual((log.kind, log.offset_days), ("Contract End", 30))
		self.assertEqual(set(log.recipients.split("\n")), {RESPONSIBLE, HEAD})
		[subject] = bells(RESPONSIBLE, due.name)
		self.assertIn(due.name, subject)
		self.assertIn(r.CUSTOMER, subject)
		self.assertIn(frappe.format(add_days(DAY, 30), "Date"), subject)
		self.assertTrue(bells(HEAD, due.name))
		sent = mails(reference_name=due.name, reference_doctype="Contract")
		self.assertEqual(len(sent), 2)
		self.assertIn("Decide whether to prolong", sent[0].text)
		# A link to the contract's form: /app/contract/… on v15, /desk/contract/… on v16.
		form_path = urlparse(get_url_to_form("Contract", due.name)).path
		self.assertIn(form_path.rsplit("/", 1)[0] + "/", sent[0].text)

	def test_not_yet_due_and_already_sent(self):
		later = contract(end_date=add_days(DAY, 31))
		reminders.send_reminders(DAY)
		self.assertEqual(logs(later.name), [], "31 days before the end is not a reminder day")

		due = contract()
		reminders.send_reminders(DAY)
		reminders.send_reminders(DAY)
		self.assertEqual(len(logs(due.name)), 1, "running twice sends once")
		self.assertEqual(len(bells(RESPONSIBLE, due.name)), 1)

	def test_missed_day_is_caught_up_but_only_within_the_window_and_only_the_latest(self):
		missed = contract(end_date=add_days(DAY, 27))  # its 30-day reminder was due 3 days ago
		too_old = contract(end_date=add_days(DAY, 20), party_name=r.CUSTOMER_2)  # 10 days ago: outside 7
		several = contract(end_date=add_days(DAY, 5))  # 7-day reminder 2 days ago, 30-day one long past
		reminders.send_reminders(DAY)
		self.assertEqual([(log.offset_days) for log in logs(missed.name)], [30])
		self.assertEqual(logs(too_old.name), [])
		self.assertEqual([log.offset_days for log in logs(several.name)], [7])

	def test_the_contract_may_set_its_own_days(self):
		own = contract(end_date=add_days(DAY, 45), cm_remind_days_before_end=45)
		reminders.send_reminders(DAY)
		self.assertEqual([log.offset_days for log in logs(own.name)], [45])

	def test_rerun_after_an_interruption_sends_the_rest_and_nothing_twice(self):
		first = contract()
		second = contract(party_name=r.CUSTOMER_2)
		settings = frappe.get_single("Contract Management Settings")
		rules = reminders.rules_by_kind(settings)["Contract End"]
		[due_first] = [
			d for d in reminders.due_reminders("Contract End", rules, DAY, 7) if d.name == first.name
		]
		frappe.flags.cm_email_ready = True  # as the run found it
		reminders.send(due_first, reminders.rule_for(rules, due_first.company), DAY)  # then the job died
		reminders.send_reminders(DAY)
		self.assertEqual(len(logs(first.name)), 1)
		self.assertEqual(len(logs(second.name)), 1)
		self.assertEqual(len(bells(RESPONSIBLE, first.name)), 1)

		def mailed(name, user):
			return [mail for mail in mails() if name in mail.text and user in mail.recipients]

		# The e-mail the dead run never queued goes with the next run's digest, once.
		self.assertEqual(len(mailed(first.name, RESPONSIBLE)), 1)
		self.assertEqual(len(mailed(first.name, HEAD)), 1)
		reminders.send_reminders(DAY)
		self.assertEqual(len(mailed(first.name, RESPONSIBLE)), 1)
		self.assertEqual(len(mailed(second.name, RESPONSIBLE)), 1)

	def test_one_email_per_person_and_kind_lists_every_document(self):
		first = contract()
		second = contract(party_name=r.CUSTOMER_2)
		reminders.send_reminders(DAY)
		digests = [mail for mail in mails() if first.name in mail.text]
		self.assertEqual(len(digests), 2, "one for the responsible person, one for the head")
		for mail in digests:
			self.assertIn(second.name, mail.text)
			self.assertIsNone(mail.reference_name, "a list of several documents")

	def test_a_long_digest_lists_the_earliest_dates_and_counts_the_rest(self):
		"""A person with hundreds of reminders of a kind gets one readable mail: the first lines by date
		and how many more; each of them is still in the bell and the log."""
		from contract_management.reminders import delivery

		later = contract(end_date=add_days(DAY, 30))
		# Missed days bring reminders of earlier dates (the latest of each contract goes).
		earliest = contract(end_date=add_days(DAY, 29))
		earlier = contract(end_date=add_days(DAY, 29), party_name=r.CUSTOMER_2)
		lines = delivery.DIGEST_LINES
		delivery.DIGEST_LINES = 2
		try:
			reminders.send_reminders(DAY)
		finally:
			delivery.DIGEST_LINES = lines
		digest = next(mail for mail in mails() if RESPONSIBLE in mail.recipients)
		self.assertIn(earliest.name, digest.text)
		self.assertIn(earlier.name, digest.text)
		self.assertNotIn(later.name, digest.text)
		self.assertIn("1 more", digest.text)
		self.assertEqual(len([mail for mail in mails() if RESPONSIBLE in mail.recipients]), 1)
		self.assertTrue(bells(RESPONSIBLE, later.name), "the reminder left out of the mail is in the bell")

	def test_candidates_are_one_query_however_many_contracts_are_not_due(self):
		settings = frappe.get_single("Contract Management Settings")
		rules = reminders.rules_by_kind(settings)["Contract End"]
		contract()
		with self.assertQueryCount(2):  # the candidates, then the log of what was sent
			self.assertEqual(len(reminders.due_reminders("Contract End", rules, DAY, 7)), 1)
		for index in range(10):
			contract(end_date=add_days(DAY, 100 + index))
		with self.assertQueryCount(2):
			self.assertEqual(len(reminders.due_reminders("Contract End", rules, DAY, 7)), 1)


class TestOtherKinds(FrappeTestCase):
	def test_notice_deadline(self):
		auto = contract(
			end_date=add_days(DAY, 44), cm_auto_prolongation=1, cm_notice_period_days=30
		)  # deadline DAY+14
		reminders.send_reminders(DAY)
		self.assertEqual([(log.kind, log.offset_days) for log in logs(auto.name)], [("Notice Deadline", 14)])

	def test_obligation_due_today_and_overdue(self):
		with_obligations = contract(
			end_date=add_days(DAY, 200),
			cm_obligations=[
				{"obligor": "We", "kind": "Delivery", "description": "Batch 1", "due_date": DAY},
				{
					"obligor": "Counterparty",
					"kind": "Payment",
					"description": "Advance",
					"due_date": add_days(DAY, -1),
					"amount": 1000,
				},
				{
					"obligor": "We",
					"kind": "Delivery",
					"description": "Done",
					"due_date": DAY,
					"status": "Fulfilled",
					"set_by_hand": 1,
					"hand_reason": "Accepted by the customer's letter",
				},
			],
		)
		reminders.send_reminders(DAY)
		found = sorted(log.offset_days for log in logs(kind="Obligation Due"))
		self.assertEqual(found, [-1, 0])
		self.assertTrue(bells(RESPONSIBLE, with_obligations.name), "the bell points at the contract")

	def test_overdue_invoice(self):
		under = contract(end_date=add_days(DAY, 200))
		invoice = f.make_sales_invoice(
			items=[(r.SERVICE_ITEM, 1, 1000)],
			date=add_days(DAY, -31),
			due_date=add_days(DAY, -1),
			cm_contract=under.name,
		)
		paid = f.make_sales_invoice(
			items=[(r.SERVICE_ITEM, 1, 1000)],
			date=add_days(DAY, -31),
			due_date=add_days(DAY, -1),
			cm_contract=under.name,
		)
		f.make_payment_entry(paid, date=add_days(DAY, -2))
		reminders.send_reminders(DAY)
		self.assertEqual(
			[(log.reference_name, log.offset_days) for log in logs(kind="Overdue Invoice")],
			[(invoice.name, -1)],
		)

	def test_original_not_returned_and_stuck_on_approval(self):
		signed = contract(end_date=add_days(DAY, 200))
		frappe.db.set_value("Contract", signed.name, "signed_on", add_days(now_datetime(), -30))
		from tests.test_approval import make_route

		make_route(direction="Sales")
		draft = make_contract(cm_responsible=RESPONSIBLE, party_name=r.CUSTOMER_2)
		from contract_management.api import send_for_approval

		send_for_approval(draft.name)
		frappe.db.set_value("Contract", draft.name, "cm_sent_for_approval_on", add_days(DAY, -5))
		reminders.send_reminders(DAY)
		self.assertEqual([log.offset_days for log in logs(signed.name, "Original Not Returned")], [-30])
		stuck = logs(draft.name, "Stuck on Approval")
		self.assertEqual([log.offset_days for log in stuck], [-5])
		self.assertIn("cm.manager@example.com", stuck[0].recipients, "holders of Contract Manager hear it")

	def test_claims_in_russian_with_a_todo_and_the_court_date(self):
		from tests.test_claims import make_claim

		incoming = make_claim(
			direction="Incoming",
			basis="Other",
			party_type="Supplier",
			party=r.SUPPLIER,
			principal_amount=5000,
			penalty_method="None",
			drafted_on=add_days(DAY, -25),
			received_on=add_days(DAY, -25),
			responsible=RUSSIAN,
			submit=True,
		)
		# How deadlines are counted (working days) is tests/test_deadlines.py's; here the answer is due
		# in 5 days, whatever the calendar around today.
		frappe.db.set_value("Contract Claim", incoming.name, "response_due", add_days(DAY, 5))
		reminders.send_reminders(DAY)
		[log] = logs(incoming.name)
		self.assertEqual((log.kind, log.offset_days), ("Incoming Claim Response Due", 5))
		[subject] = bells(RUSSIAN, incoming.name)
		self.assertIn("наш ответ", subject)
		self.assertIn(incoming.name, subject)
		todos = frappe.get_all(
			"ToDo",
			filters={
				"reference_name": incoming.name,
				"allocated_to": RUSSIAN,
				"description": ("like", "%осталось%"),
			},
		)
		self.assertEqual(len(todos), 1)

		debt_contract = contract(end_date=add_days(DAY, 200), party_name=r.CUSTOMER_2)
		outgoing = make_claim(
			debt_contract,
			party=r.CUSTOMER_2,
			basis="Other",
			principal_amount=100,
			penalty_method="None",
			drafted_on=add_days(DAY, -30),
			sent_on=add_days(DAY, -30),
			submit=True,
		)
		frappe.db.set_value("Contract Claim", outgoing.name, "court_from", DAY)
		reminders.send_reminders(DAY)
		self.assertEqual(
			[(l.kind, l.offset_days) for l in logs(outgoing.name)], [("Outgoing Claim Court Date", 0)]
		)


class TestRulesAndSettings(FrappeTestCase):
	def test_channels_and_recipients_follow_the_rule(self):
		settings = frappe.get_single("Contract Management Settings")
		for rule in settings.reminder_rules:
			if rule.kind == "Contract End":
				rule.by_email, rule.by_todo, rule.to_department_head = 0, 1, 0
		settings.save()
		due = contract()
		reminders.send_reminders(DAY)
		self.assertEqual(frappe.db.count("Email Queue", {"reference_name": due.name}), 0)
		self.assertEqual(
			frappe.db.count("ToDo", {"reference_name": due.name, "allocated_to": RESPONSIBLE}), 1
		)
		self.assertEqual(logs(due.name)[0].recipients, RESPONSIBLE)

	def test_a_company_rule_replaces_the_general_one_for_that_company(self):
		settings = frappe.get_single("Contract Management Settings")
		settings.append(
			"reminder_rules",
			{
				"kind": "Contract End",
				"company": r.RUB_COMPANY,
				"days": "10",
				"to_responsible": 1,
				"by_bell": 1,
			},
		)
		settings.save()
		at_30 = contract()
		at_10 = contract(end_date=add_days(DAY, 10), party_name=r.CUSTOMER_2)
		reminders.send_reminders(DAY)
		self.assertEqual(logs(at_30.name), [])
		self.assertEqual([log.offset_days for log in logs(at_10.name)], [10])

	def test_bad_rules_are_refused(self):
		settings = frappe.get_single("Contract Management Settings")
		settings.reminder_rules[0].days = "thirty"
		with self.assertRaisesRegex(frappe.ValidationError, "thirty"):
			settings.save()
		settings.reload()
		settings.reminder_rules[0].to_roles = "No Such Role"
		with self.assertRaisesRegex(frappe.ValidationError, "No Such Role"):
			settings.save()

	def test_switched_off_then_on(self):
		today = getdate(nowdate())
		due = contract(end_date=add_days(today, 30))
		frappe.db.set_single_value("Contract Management Settings", "reminders_enabled", 0)
		frappe.clear_document_cache("Contract Management Settings", "Contract Management Settings")
		reminders.run_daily()
		self.assertEqual(logs(due.name), [])
		frappe.db.set_single_value("Contract Management Settings", "reminders_enabled", 1)
		frappe.clear_document_cache("Contract Management Settings", "Contract Management Settings")
		reminders.run_daily()
		self.assertEqual([log.offset_days for log in logs(due.name)], [30])


def notice_deadline_on(deadline, **fields):
	"""A contract with auto-prolongation whose notice deadline is `deadline`. With 20 days' notice none
	of its contract-end reminders (60, 30, 7, 0 days before the end) falls near the deadline."""
	return contract(
		end_date=add_days(deadline, 20), cm_auto_prolongation=1, cm_notice_period_days=20, **fields
	)


class TestMissedOffsets(FrappeTestCase):
	"""The default notice-deadline days are 14, 3, 0. When the scheduler missed days, only the latest
	reminder is worth sending; the earlier ones are logged as skipped and never sent later."""

	def test_after_missed_days_only_the_latest_goes_and_the_stale_one_never_follows(self):
		deadline = add_days(DAY, 3)
		auto = notice_deadline_on(deadline)
		# The scheduler did not run from DAY (the «3 days left» day) until the deadline itself.
		reminders.send_reminders(deadline)
		reminders.send_reminders(add_days(deadline, 1))
		reminders.send_reminders(add_days(deadline, 2))
		self.assertEqual(
			[(log.offset_days, log.status) for log in logs(auto.name, "Notice Deadline", status=None)],
			[(3, "Skipped"), (0, "Sent")],
		)
		[subject] = bells(RESPONSIBLE, auto.name)
		self.assertIn(frappe.format(deadline, "Date"), subject)
		[mail] = [mail for mail in mails() if auto.name in mail.text and RESPONSIBLE in mail.recipients]
		self.assertIn("That is today.", mail.text)
		self.assertEqual(len(frappe.get_all("ToDo", {"reference_name": auto.name})), 1)

	def test_a_late_reminder_still_goes_when_it_is_the_latest(self):
		deadline = add_days(DAY, 3)
		auto = notice_deadline_on(deadline)
		reminders.send_reminders(add_days(DAY, 1))  # a day late for «3 days left»: «2 days left»
		reminders.send_reminders(deadline)
		self.assertEqual(
			[(log.offset_days, log.status) for log in logs(auto.name, "Notice Deadline", status=None)],
			[(3, "Sent"), (0, "Sent")],
		)
		self.assertEqual(len(bells(RESPONSIBLE, auto.name)), 2)

	def test_an_earlier_offset_is_skipped_once_a_later_one_was_sent(self):
		"""A log from before skipped offsets were logged: the sent «today» one still silences «3 days»."""
		deadline = add_days(DAY, 3)
		auto = notice_deadline_on(deadline)
		settings = frappe.get_single("Contract Management Settings")
		rules = reminders.rules_by_kind(settings)["Notice Deadline"]
		[today] = [d for d in reminders.due_reminders("Notice Deadline", rules, deadline, 7) if d.offset == 0]
		reminders.send(today, reminders.rule_for(rules, today.company), deadline)
		reminders.send_reminders(add_days(deadline, 1))
		self.assertEqual([log.offset_days for log in logs(auto.name, "Notice Deadline")], [0])


class TestFailures(FrappeTestCase):
	"""A document whose reminder cannot be delivered goes to the Error Log with its name; the job goes
	on with the other documents and kinds, and the failed one is tried again on the next run."""

	def test_one_failing_document_does_not_stop_the_others(self):
		broken = notice_deadline_on(DAY)
		# Its responsible person's user no longer exists: the ToDo the notice-deadline rule makes fails.
		frappe.db.set_value("Contract", broken.name, "cm_responsible", "gone@example.com")
		fine = notice_deadline_on(
			DAY,
			party_name=r.CUSTOMER_2,
			cm_obligations=[{"obligor": "We", "kind": "Delivery", "description": "Batch", "due_date": DAY}],
		)
		# Error Logs outlive a test's rollback, and the rolled-back contracts' names come again: count
		# only what this run logged.
		started = frappe.utils.now_datetime()
		reminders.send_reminders(DAY)

		self.assertEqual(logs(broken.name), [])
		self.assertEqual(bells(HEAD, broken.name), [], "the failed document's bells are undone")
		self.assertEqual([log.kind for log in logs(fine.name)], ["Notice Deadline"])
		self.assertEqual(
			[log.reference_name for log in logs(kind="Obligation Due")], [fine.cm_obligations[0].name]
		)
		self.assertTrue(bells(HEAD, fine.name))
		errors = frappe.get_all(
			"Error Log",
			filters={
				"reference_doctype": "Contract",
				"reference_name": broken.name,
				"creation": (">=", started),
			},
			fields=["method", "error"],
		)
		self.assertEqual(len(errors), 1)
		self.assertIn(broken.name, errors[0].method)
		self.assertIn("gone@example.com", errors[0].error)

		frappe.db.set_value("Contract", broken.name, "cm_responsible", RESPONSIBLE)
		reminders.send_reminders(DAY)
		self.assertEqual([log.kind for log in logs(broken.name)], ["Notice Deadline"], "tried again")
