"""Two supplementary agreements of one contract signed at the same moment, from two database sessions.

The agreements must see each other's writes, so this test commits its records and removes them after.
"""

import threading
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from contract_management.contracts.amendment_signing import AmendmentConflict
from tests.amendments import TODAY, make_amendment, signed_contract

HOLD_SECONDS = 1.5


class Session(threading.Thread):
	"""A thread with its own Frappe context and database connection."""

	def __init__(self, site, sites_path, work):
		super().__init__()
		self.site, self.sites_path, self.work = site, sites_path, work
		self.error, self.seconds = None, None

	def run(self):
		frappe.init(site=self.site, sites_path=self.sites_path)
		frappe.connect()
		started = time.monotonic()
		try:
			self.work()
		except Exception as error:
			self.error = error
			frappe.db.rollback()
		finally:
			self.seconds = time.monotonic() - started
			frappe.destroy()


class TestConcurrentSigning(FrappeTestCase):
	def setUp(self):
		self.site, self.sites_path = frappe.local.site, frappe.local.sites_path
		self.contract = signed_contract()
		self.made = [self.contract.name]

	def tearDown(self):
		frappe.db.rollback()
		amendments = frappe.get_all("Contract Amendment", {"contract": self.contract.name}, pluck="name")
		for doctype, names in (("Contract Amendment", amendments), ("Contract", self.made)):
			if names:
				frappe.db.delete(doctype, {"name": ("in", names)})
		frappe.db.delete("Contract Amendment Change", {"parent": ("in", amendments or [""])})
		frappe.db.delete("Contract Approval Visa", {"parent": ("in", [*amendments, *self.made])})
		frappe.db.commit()

	def sign_both(self, first_name, second_name):
		"""The first session signs and holds its transaction open; the second signs meanwhile."""
		first_has_lock = threading.Event()

		def first():
			frappe.get_doc("Contract Amendment", first_name).submit()
			first_has_lock.set()
			time.sleep(HOLD_SECONDS)
			frappe.db.commit()

		def second():
			first_has_lock.wait(timeout=30)
			frappe.get_doc("Contract Amendment", second_name).submit()
			frappe.db.commit()

		sessions = [Session(self.site, self.sites_path, first), Session(self.site, self.sites_path, second)]
		for session in sessions:
			session.start()
		for session in sessions:
			session.join(timeout=60)
		frappe.db.rollback()  # a fresh snapshot for this session's reads
		return sessions

	def test_different_terms_both_apply_in_order(self):
		prolongation = make_amendment(self.contract, new_end_date=add_days(TODAY, 400))
		new_price = make_amendment(self.contract, kind="Change of Amount", new_amount=150000)
		frappe.db.commit()

		first, second = self.sign_both(prolongation.name, new_price.name)
		self.assertIsNone(first.error)
		self.assertIsNone(second.error)
		self.assertGreaterEqual(second.seconds, HOLD_SECONDS - 0.2, "the second waited for the first's lock")

		values = frappe.db.get_value("Contract", self.contract.name, ["end_date", "cm_amount"], as_dict=True)
		self.assertEqual(
			values.end_date, getdate(add_days(TODAY, 400)), "the first agreement's change survived"
		)
		self.assertEqual(values.cm_amount, 150000)

	def test_same_term_the_second_is_refused_and_nothing_is_lost(self):
		longer = make_amendment(self.contract, new_end_date=add_days(TODAY, 400))
		shorter = make_amendment(self.contract, new_end_date=add_days(TODAY, 300))
		frappe.db.commit()

		first, second = self.sign_both(longer.name, shorter.name)
		self.assertIsNone(first.error)
		self.assertIsInstance(second.error, AmendmentConflict)
		self.assertEqual(frappe.db.get_value("Contract Amendment", shorter.name, "docstatus"), 0)
		self.assertEqual(
			frappe.db.get_value("Contract", self.contract.name, "end_date"), getdate(add_days(TODAY, 400))
		)
