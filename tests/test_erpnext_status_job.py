"""ERPNext's own daily Contract status job is stopped while the app is installed: the app's set-based
daily move keeps ERPNext's `status` as that job would set it, touching only the contracts whose status
changes (issue 22: the job made one UPDATE per signed contract every night and touched `modified` on
every one). Uninstall starts the job again.

ERPNext's rule (`erpnext/crm/doctype/contract/contract.py`): the job reads every contract that is signed
(`is_signed`) and submitted, and sets `status` by `get_status(start_date, end_date)`: "Active" when there
is no end date or today lies within the dates, else "Inactive".
"""

import frappe
from erpnext.crm.doctype.contract.contract import get_status
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, cint, getdate, nowdate

from contract_management.common.settings import SETTINGS
from contract_management.contracts import lifecycle
from contract_management.setup import scheduled_jobs
from tests.contracts import make_contract
from tests.test_erpnext_contracts import erpnext_contract

ERPNEXT_JOB = "erpnext.crm.doctype.contract.contract.update_status_for_contracts"


def today(days=0):
	return add_days(nowdate(), days)


def job_stopped() -> int:
	return frappe.db.get_value("Scheduled Job Type", {"method": ERPNEXT_JOB}, "stopped")


def signed_erpnext_contract(start_date, end_date):
	contract = erpnext_contract(is_signed=1, start_date=start_date, end_date=end_date).insert()
	contract.submit()
	return contract.name


def age(name, start_date, end_date):
	"""The contract as days passing leave it: its dates no longer those its status was set on."""
	frappe.db.set_value(
		"Contract", name, {"start_date": start_date, "end_date": end_date}, update_modified=False
	)


class TestERPNextStatusJobStopped(FrappeTestCase):
	def test_install_and_migrate_stop_erpnexts_daily_contract_status_job(self):
		self.assertEqual(job_stopped(), 1)

	def test_stopping_again_writes_nothing(self):
		modified = frappe.db.get_value("Scheduled Job Type", {"method": ERPNEXT_JOB}, "modified")
		scheduled_jobs.stop_erpnext_contract_status_job()
		self.assertEqual(
			frappe.db.get_value("Scheduled Job Type", {"method": ERPNEXT_JOB}, "modified"), modified
		)

	def test_uninstall_starts_it_again(self):
		scheduled_jobs.start_erpnext_contract_status_job()
		self.assertEqual(job_stopped(), 0)
		scheduled_jobs.stop_erpnext_contract_status_job()
		self.assertEqual(job_stopped(), 1)


def statuses_moved_to(day):
	"""The site as the nightly job leaves it on `day`: ERPNext's statuses moved by the dates up to it."""
	lifecycle.set_statuses_moved_to(day)


def rows_read(run) -> int:
	"""The rows the database read (from indexes and tables) while `run` ran, by this connection's
	handler counters; the counters' own query adds the same to every reading."""

	def counters() -> int:
		return sum(cint(value) for _name, value in frappe.db.sql("show session status like 'Handler_read%%'"))

	before = counters()
	run()
	return counters() - before


class TestTheAppsJobSetsERPNextsStatus(FrappeTestCase):
	def setUp(self):
		# `age` rewrites the dates past the controller, as no night would: the job reads every contract,
		# as on the first night after install, when no day of a last move is known.
		statuses_moved_to(None)

	def test_after_the_apps_job_every_signed_contract_reads_as_get_status_gives(self):
		ended = signed_erpnext_contract(today(-30), today(30))  # Active when signed
		age(ended, today(-60), today(-1))  # its end date has passed
		begun = signed_erpnext_contract(today(5), today(60))  # Inactive when signed
		age(begun, today(-5), today(60))  # its start date has come
		open_ended = signed_erpnext_contract(today(-400), today(-300))
		age(open_ended, today(-400), None)  # no end date: always Active for ERPNext
		managed = make_contract(start_date=today(-30), end_date=today(30), submit=True).name
		age(managed, today(-60), today(-1))

		lifecycle.update_statuses()

		self.assertEqual(frappe.db.get_value("Contract", ended, "status"), "Inactive")
		self.assertEqual(frappe.db.get_value("Contract", begun, "status"), "Active")
		self.assertEqual(frappe.db.get_value("Contract", open_ended, "status"), "Active")
		self.assertEqual(frappe.db.get_value("Contract", managed, "status"), "Inactive")
		for contract in frappe.get_all(
			"Contract",
			filters={"is_signed": 1, "docstatus": 1},
			fields=["name", "start_date", "end_date", "status", "cm_managed", "cm_status"],
		):
			if contract.cm_managed:
				# The app keeps these itself: ERPNext's field follows the status people read, which says
				# more than the dates (terminated, fulfilled), and agrees with them otherwise.
				expected = lifecycle.erpnext_status(contract.cm_status, 1)
			else:
				expected = get_status(contract.start_date, contract.end_date)
			self.assertEqual(contract.status, expected, contract.name)

	def test_only_contracts_whose_status_changes_are_written(self):
		stays = signed_erpnext_contract(today(-30), today(30))
		ended = signed_erpnext_contract(today(-30), today(30))
		age(ended, today(-60), today(-1))
		before = frappe.db.get_value("Contract", stays, "modified")

		lifecycle.update_statuses()
		self.assertEqual(frappe.db.get_value("Contract", stays, "modified"), before)
		after_first = frappe.db.get_value("Contract", ended, "modified")
		lifecycle.update_statuses()
		self.assertEqual(frappe.db.get_value("Contract", ended, "modified"), after_first)

	def test_unsigned_and_unsubmitted_contracts_are_left_as_erpnext_leaves_them(self):
		unsigned = erpnext_contract(start_date=today(-10), end_date=today(10)).insert()
		unsigned.submit()
		draft = erpnext_contract(is_signed=1, start_date=today(-30), end_date=today(30)).insert()
		age(draft.name, today(-60), today(-1))

		lifecycle.update_statuses()
		self.assertEqual(frappe.db.get_value("Contract", unsigned.name, "status"), "Unsigned")
		# A signed draft keeps the status its last save gave it, as ERPNext's job (submitted only) leaves it.
		self.assertEqual(frappe.db.get_value("Contract", draft.name, "status"), "Active")


class TestTheNightReadsOnlyTheStartsSinceTheLast(FrappeTestCase):
	"""A contract signed ahead is Inactive until its start date. Each night reads the contracts whose start
	date came since the last night, not every contract signed ahead (issue 22, #10: at 1,000,000 contracts
	the move read 79,285 of them every night and moved none)."""

	def test_a_contract_signed_ahead_turns_active_on_the_night_its_start_date_comes(self):
		statuses_moved_to(today())
		signed_ahead = signed_erpnext_contract(today(3), today(100))
		self.assertEqual(frappe.db.get_value("Contract", signed_ahead, "status"), "Inactive")

		lifecycle.update_statuses(today(1))
		self.assertEqual(frappe.db.get_value("Contract", signed_ahead, "status"), "Inactive")
		lifecycle.update_statuses(today(5))  # the nights of days 2 to 4 never ran
		self.assertEqual(frappe.db.get_value("Contract", signed_ahead, "status"), "Active")
		self.assertEqual(
			getdate(frappe.db.get_value(SETTINGS, None, lifecycle.MOVED_TO_FIELD)), getdate(today(5))
		)

	def test_a_run_for_an_earlier_day_leaves_the_next_night_to_move_back_what_it_moved(self):
		statuses_moved_to(today())
		begun = signed_erpnext_contract(today(-5), today(100))
		self.assertEqual(frappe.db.get_value("Contract", begun, "status"), "Active")

		lifecycle.update_statuses(today(-10))  # a backfill of an earlier day: not started then
		self.assertEqual(frappe.db.get_value("Contract", begun, "status"), "Inactive")
		lifecycle.update_statuses(today())
		self.assertEqual(frappe.db.get_value("Contract", begun, "status"), "Active")

	def test_contracts_signed_ahead_are_not_read_every_night(self):
		statuses_moved_to(today())

		def next_night():
			statuses_moved_to(today())
			return rows_read(lambda: lifecycle.update_erpnext_statuses(getdate(today(1))))

		before = next_night()
		for days in range(60):
			signed_erpnext_contract(today(30 + days), today(400))
		after = next_night()
		self.assertLess(
			after - before,
			10,
			"60 more contracts signed ahead, starting in a month: the next night reads them all",
		)
