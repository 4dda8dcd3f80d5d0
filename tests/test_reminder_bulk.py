"""Reminders delivered set-based: a run sends as many queries for 200 due reminders of a kind as for
one (their log entries, desk notifications, ToDos and the documents' assignees are one statement each
per chunk), and what it writes is what the reminders' documents would have been."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from contract_management.reminders import engine as reminders
from tests.test_reminders import DAY, HEAD, RESPONSIBLE, contract, logs, mails


def every_channel(kind):
	"""The kind's rule reaches the responsible person and the head by bell, e-mail and ToDo."""
	settings = frappe.get_single("Contract Management Settings")
	for rule in settings.reminder_rules:
		if rule.kind == kind:
			rule.to_responsible = rule.to_department_head = rule.by_bell = rule.by_email = rule.by_todo = 1
	settings.save()


def obligations_due_today(count):
	return contract(
		end_date=add_days(DAY, 200),
		cm_obligations=[
			{"obligor": "We", "kind": "Delivery", "description": f"Batch {index}", "due_date": DAY}
			for index in range(count)
		],
	)


def queries_of_a_run() -> list[str]:
	queries = []
	original = frappe.db.__class__.sql

	def recording(self, query, *args, **kwargs):
		queries.append(str(query))
		return original(self, query, *args, **kwargs)

	frappe.db.__class__.sql = recording
	try:
		reminders.send_reminders(DAY)
	finally:
		frappe.db.__class__.sql = original
	return queries


class TestSameQueriesForOneAndTwoHundredReminders(FrappeTestCase):
	def test_a_run_with_200_reminders_of_a_kind_queries_as_often_as_one_with_one(self):
		every_channel("Obligation Due")
		obligations_due_today(1)
		reminders.send_reminders(DAY)  # warms the caches (settings, users, department)
		obligations_due_today(1)
		for_one = queries_of_a_run()
		many = obligations_due_today(200)
		for_two_hundred = queries_of_a_run()
		self.assertEqual(len(logs(kind="Obligation Due")), 202)
		self.assertEqual(
			len(for_one), len(for_two_hundred), "\n\n".join(for_two_hundred[: len(for_two_hundred) - 1])
		)

		# What the 200 got: a log entry, two bells and a ToDo each, and one e-mail per person listing the
		# first hundred and counting the rest.
		names = [row.name for row in many.cm_obligations]
		self.assertEqual(
			frappe.db.count("Contract Reminder Log", {"reference_name": ("in", names), "status": "Sent"}), 200
		)
		for user in (RESPONSIBLE, HEAD):
			self.assertEqual(
				frappe.db.count(
					"Notification Log", {"document_name": many.name, "for_user": user, "type": "Alert"}
				),
				200,
			)
		self.assertEqual(
			frappe.db.count("ToDo", {"reference_name": many.name, "allocated_to": RESPONSIBLE}), 200
		)
		self.assertEqual(
			frappe.parse_json(frappe.db.get_value("Contract", many.name, "_assign")), [RESPONSIBLE]
		)
		digests = [mail for mail in mails() if many.name in mail.text]
		self.assertEqual(sorted(user for mail in digests for user in mail.recipients), [HEAD, RESPONSIBLE])
		self.assertEqual([mail.text.count("<li>") for mail in digests], [100, 100])
		self.assertTrue(all("…and 100 more." in mail.text for mail in digests))
		self.assertEqual(
			frappe.db.count("Contract Reminder Log", {"reference_name": ("in", names), "email_pending": 1}), 0
		)


class TestChunks(FrappeTestCase):
	def test_reminders_go_in_chunks_each_once(self):
		every_channel("Obligation Due")
		chunk = reminders.CHUNK_SIZE
		reminders.CHUNK_SIZE = 3  # 7 obligations: chunks of 3, 3 and 1
		try:
			seven = obligations_due_today(7)
			reminders.send_reminders(DAY)
			reminders.send_reminders(DAY)
		finally:
			reminders.CHUNK_SIZE = chunk
		names = [row.name for row in seven.cm_obligations]
		self.assertEqual(frappe.db.count("Contract Reminder Log", {"reference_name": ("in", names)}), 7)
		self.assertEqual(frappe.db.count("ToDo", {"reference_name": seven.name}), 7)
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": seven.name, "type": "Alert"}), 14
		)
