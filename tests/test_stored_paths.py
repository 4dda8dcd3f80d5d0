"""Dotted paths the site stores, after a migrate.

Scheduled Job Types: each of the app's names a method that resolves and that hooks.py schedules. A job type of a path that moved (the services' split into packages moved the daily
lifecycle job) is gone after the migrate, so the scheduler never calls a method that no longer exists.

Number Cards: a custom card's method is synced from its JSON, so the site calls the code where it
lives, not an old path kept as an alias (contract_management/services/)."""

import frappe
from frappe.core.doctype.scheduled_job_type.scheduled_job_type import clear_events, insert_events
from frappe.tests.utils import FrappeTestCase

from contract_management.compat import FRAPPE_MAJOR

APP = "contract_management"
MOVED_PATH = "contract_management.services.lifecycle.enqueue_daily"  # now contract_management.jobs


def scheduled_methods() -> set[str]:
	methods = set()
	for events in frappe.get_hooks("scheduler_events", app_name=APP).values():
		for listed in events.values() if isinstance(events, dict) else [events]:
			methods.update(listed)
	return methods


def resolves(method: str) -> bool:
	try:
		frappe.get_attr(method)
	except Exception:
		return False
	return True


def stale_job_types() -> list[str]:
	"""The app's Scheduled Job Types whose method does not resolve or is scheduled by no hook."""
	hooked = scheduled_methods()
	return [
		job.method
		for job in frappe.get_all("Scheduled Job Type", {"method": ("like", f"{APP}.%")}, ["method"])
		if job.method not in hooked or not resolves(job.method)
	]


def sync_scheduled_jobs():
	"""What `bench migrate` does with the scheduler's hooks (frappe.migrate -> sync_jobs), without its
	reload of the Scheduled Job Type doctype: insert the hooked jobs, delete those no hook names."""
	hooks = frappe.get_hooks("scheduler_events")
	inserted = insert_events(hooks)
	# v15's clear_events keeps the methods insert_events returned; v16's reads the hooks themselves.
	clear_events(inserted if FRAPPE_MAJOR < 16 else hooks)


class TestScheduledJobTypes(FrappeTestCase):
	def test_every_job_type_of_the_app_resolves_and_is_hooked(self):
		self.assertEqual(stale_job_types(), [])
		for method in scheduled_methods():
			self.assertTrue(resolves(method), method)
			self.assertTrue(frappe.db.exists("Scheduled Job Type", {"method": method}), method)

	def test_migrate_removes_the_job_type_of_a_moved_path(self):
		frappe.get_doc(
			{
				"doctype": "Scheduled Job Type",
				"method": MOVED_PATH,
				"frequency": "Cron",
				"cron_format": "15 0 * * *",
			}
		).insert()
		self.assertEqual(stale_job_types(), [MOVED_PATH])
		sync_scheduled_jobs()
		self.assertEqual(stale_job_types(), [])


class TestNumberCardMethods(FrappeTestCase):
	def test_every_custom_card_calls_its_method_where_the_code_lives(self):
		cards = frappe.get_all(
			"Number Card", {"module": "Contract Management", "type": "Custom"}, ["name", "method"]
		)
		self.assertTrue(cards)
		for card in cards:
			module = card.method.rpartition(".")[0]
			self.assertEqual(frappe.get_attr(card.method).__module__, module, card.name)
			self.assertFalse(module.startswith(f"{APP}.services."), card.name)
