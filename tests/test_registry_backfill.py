"""Contracts ERPNext made before the app: install and migrate fill their registry data set-based."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, nowdate

from contract_management.onboarding.registry_backfill import backfill_contracts
from contract_management.patches.v15_0 import backfill_contracts_made_before_the_app
from tests import records as r
from tests.contracts import make_contract
from tests.onboarding import insert_old_contracts

PARTIES = [("Customer", r.CUSTOMER), ("Supplier", r.SUPPLIER), ("Customer", r.CUSTOMER_2)]


def counter(prefix: str) -> int:
	return frappe.db.get_value("Series", prefix, "current", order_by="name") or 0


class TestRegistryBackfill(FrappeTestCase):
	def setUp(self):
		self.year = getdate(nowdate()).year
		self.prefix = f"Д-{self.year}-"

	def old_contracts(self, count):
		return self.old_contracts_after(insert_old_contracts(count, PARTIES, "Old"))

	def test_old_contracts_gain_company_direction_links_and_numbers_in_a_row(self):
		start = counter(self.prefix)
		names = [c.name for c in self.old_contracts(6)]
		self.assertEqual(
			frappe.db.count("Contract", {"name": ("in", names), "cm_registry_number": ("is", "set")}), 0
		)

		self.assertEqual(backfill_contracts(), 6)

		filled = {c.name: c for c in self.old_contracts_after(names)}
		# Numbered in the order ERPNext made them (creation, then name), one series for both directions.
		expected_numbers = [f"{self.prefix}{start + k:04d}" for k in range(1, 7)]
		self.assertEqual([filled[n].cm_registry_number for n in sorted(names)], expected_numbers)
		self.assertEqual({c.cm_company for c in filled.values()}, {r.RUB_COMPANY})
		self.assertEqual(
			sorted((c.party_name, c.cm_direction, c.cm_customer, c.cm_supplier) for c in filled.values()),
			sorted(
				[(r.CUSTOMER, "Sales", r.CUSTOMER, None)] * 2
				+ [(r.SUPPLIER, "Purchase", None, r.SUPPLIER)] * 2
				+ [(r.CUSTOMER_2, "Sales", r.CUSTOMER_2, None)] * 2
			),
		)
		# Signed ones in force by their dates; drafts stay drafts.
		self.assertEqual(
			sorted((c.docstatus, c.cm_status, c.status) for c in filled.values()),
			[(0, "Draft", "Unsigned")] * 3 + [(1, "Active", "Active")] * 3,
		)
		# The series counter ends at the last number given: the next new contract takes the next one.
		self.assertEqual(counter(self.prefix), start + 6)
		self.assertEqual(make_contract().cm_registry_number, f"{self.prefix}{start + 7:04d}")

	def old_contracts_after(self, names):
		return frappe.get_all(
			"Contract",
			filters={"name": ("in", names)},
			fields=[
				"name",
				"cm_company",
				"cm_direction",
				"cm_registry_number",
				"cm_customer",
				"cm_supplier",
				"cm_status",
				"status",
				"docstatus",
				"party_name",
			],
			order_by="creation, name",
		)

	def test_a_second_run_and_the_patch_change_nothing(self):
		names = [c.name for c in self.old_contracts(4)]
		self.assertEqual(backfill_contracts(), 4)
		before = {c.name: c for c in self.old_contracts_after(names)}
		last = counter(self.prefix)

		self.assertEqual(backfill_contracts(), 0)
		backfill_contracts_made_before_the_app.execute()

		self.assertEqual({c.name: c for c in self.old_contracts_after(names)}, before)
		self.assertEqual(counter(self.prefix), last)

	def test_numbering_continues_past_a_number_already_given_beyond_the_counter(self):
		start = counter(self.prefix)
		# A number of the series typed into a contract without moving the counter (as an older
		# version of the app let an import do).
		typed = make_contract(cm_registry_number=f"{self.prefix}{start + 3:04d}")
		series = frappe.qb.DocType("Series")
		frappe.qb.update(series).set(series.current, start).where(series.name == self.prefix).run()
		names = [c.name for c in self.old_contracts(2)]

		backfill_contracts()

		numbers = sorted(frappe.get_all("Contract", {"name": ("in", names)}, pluck="cm_registry_number"))
		self.assertEqual(numbers, [f"{self.prefix}{start + 4:04d}", f"{self.prefix}{start + 5:04d}"])
		self.assertNotIn(typed.cm_registry_number, numbers)
		self.assertEqual(counter(self.prefix), start + 5)

	def test_numbering_rule_of_a_direction_numbers_its_old_contracts(self):
		settings = frappe.get_single("Contract Management Settings")
		settings.append(
			"numbering_rules", {"company": r.RUB_COMPANY, "direction": "Purchase", "series": "ПОСТ-.#####"}
		)
		settings.save()
		start_sales, start_purchase = counter(self.prefix), counter("ПОСТ-")
		names = [c.name for c in self.old_contracts(3)]

		backfill_contracts()

		numbers = dict(
			frappe.get_all(
				"Contract", {"name": ("in", names)}, ["party_name", "cm_registry_number"], as_list=True
			)
		)
		self.assertEqual(numbers[r.SUPPLIER], f"ПОСТ-{start_purchase + 1:05d}")
		self.assertEqual(
			sorted([numbers[r.CUSTOMER], numbers[r.CUSTOMER_2]]),
			[f"{self.prefix}{start_sales + 1:04d}", f"{self.prefix}{start_sales + 2:04d}"],
		)
		self.assertEqual(counter("ПОСТ-"), start_purchase + 1)


class TestNumberGivenByHand(FrappeTestCase):
	def test_a_number_typed_in_the_series_form_moves_the_counter_past_it(self):
		prefix = f"Д-{getdate(nowdate()).year}-"
		start = counter(prefix)
		typed = make_contract(cm_registry_number=f"{prefix}{start + 10:04d}")
		self.assertEqual(counter(prefix), start + 10)
		self.assertEqual(
			make_contract(party_name=r.CUSTOMER_2).cm_registry_number, f"{prefix}{start + 11:04d}"
		)
		# A number in another form leaves the counter alone.
		make_contract(cm_registry_number="ВХ-5/2026")
		self.assertEqual(counter(prefix), start + 11)
		self.assertEqual(typed.name, f"{prefix}{start + 10:04d}")
