"""The reminder log stays bounded: Frappe's Log Settings clears it daily, keeping the days set in
Contract Management Settings, and never an entry a run may still need (inside the catch-up window,
or with its e-mail not yet queued)."""

import frappe
from frappe.core.doctype.log_settings.log_settings import _supports_log_clearing
from frappe.model.base_document import get_controller
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_datetime, getdate, nowdate

LOG = "Contract Reminder Log"
SETTINGS = "Contract Management Settings"


class TestReminderLogRetention(FrappeTestCase):
	def setUp(self):
		self.day = getdate(nowdate())
		frappe.db.set_single_value(SETTINGS, "reminder_catch_up_days", 7)

	def entry(self, days_ago: int, email_pending: int = 0) -> str:
		reminder_date = add_days(self.day, -days_ago)
		entry = frappe.get_doc(
			{
				"doctype": LOG,
				"status": "Sent",
				"kind": "Contract End",
				"reference_doctype": "Contract",
				"reference_name": f"CM-RETENTION-{days_ago}-{email_pending}",
				"offset_days": 0,
				"target_date": reminder_date,
				"reminder_date": reminder_date,
				"email_pending": email_pending,
			}
		)
		entry.flags.ignore_links = True  # the log outlives the documents it names
		entry.insert(ignore_permissions=True)
		created = get_datetime(f"{reminder_date} 01:00:00")
		frappe.db.set_value(LOG, entry.name, "creation", created, update_modified=False)
		return entry.name

	def clear(self, log_settings_days=30):
		get_controller(LOG).clear_old_logs(log_settings_days)

	def test_log_settings_clears_the_reminder_log_by_default(self):
		self.assertTrue(_supports_log_clearing(LOG))
		self.assertEqual(frappe.get_hooks("default_log_clearing_doctypes").get(LOG), [365])
		self.assertEqual(frappe.get_meta(SETTINGS).get_field("reminder_log_retention_days").default, "365")

	def test_entries_older_than_the_setting_go(self):
		frappe.db.set_single_value(SETTINGS, "reminder_log_retention_days", 30)
		old, recent = self.entry(400), self.entry(20)
		old_unsent_email = self.entry(400, email_pending=1)
		self.clear(log_settings_days=1000)
		self.assertFalse(frappe.db.exists(LOG, old))
		self.assertTrue(frappe.db.exists(LOG, recent))
		self.assertTrue(frappe.db.exists(LOG, old_unsent_email))

	def test_the_catch_up_window_is_kept_whatever_the_setting(self):
		frappe.db.set_single_value(SETTINGS, "reminder_log_retention_days", 1)
		inside_window, outside = self.entry(5), self.entry(20)
		self.clear()
		self.assertTrue(frappe.db.exists(LOG, inside_window))
		self.assertFalse(frappe.db.exists(LOG, outside))

	def test_without_a_setting_log_settings_days_apply(self):
		frappe.db.set_single_value(SETTINGS, "reminder_log_retention_days", 0)
		kept, cleared = self.entry(20), self.entry(40)
		self.clear(log_settings_days=30)
		self.assertTrue(frappe.db.exists(LOG, kept))
		self.assertFalse(frappe.db.exists(LOG, cleared))
