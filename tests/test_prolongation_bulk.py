"""The system's prolongations made in chunks: a bulk-made agreement reads as one made through the
document cycle, the query count does not grow with the contracts due, and a user may cancel one."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from contract_management.contracts.amendment_signing import AmendmentConflict, effective_terms_history
from contract_management.contracts.prolongation import prolong_contract, prolong_due_contracts
from tests import records as r
from tests.amendments import TODAY
from tests.test_approval import as_user
from tests.test_prolongation import auto_contract, contract_errors, system_agreements

# Identity and time of writing: the only fields two agreements of two contracts may differ in.
IDENTITY = {"name", "contract", "contract_registry_number", "creation", "modified", "signed_on", "parent"}
CONTRACT_IDENTITY = {"name", "cm_registry_number", "creation", "modified", "signed_on", "party_name"}
CONTRACT_IDENTITY |= {"cm_customer", "cm_contract_date", "_seen"}


def missed_three_renewals(party):
	"""Ended 400 days ago, renewed by six months: three renewals bring it into force, the last of them
	moving its status from Expired to Active."""
	return auto_contract(
		party_name=party,
		start_date=add_days(TODAY, -800),
		end_date=add_days(TODAY, -400),
		cm_renewal_term_months=6,
	)


def by_document_cycle(contract):
	"""The old way, with Version entries as a site writes them (Frappe skips them in tests)."""
	frappe.flags.in_test = False
	try:
		return prolong_contract(contract.name, TODAY)
	finally:
		frappe.flags.in_test = True


def stored(doctype, filters, order_by="creation"):
	return frappe.get_all(doctype, filters=filters, fields=["*"], order_by=order_by)


def without(row, fields):
	return {key: value for key, value in row.items() if key not in fields}


def versions(doctype, name):
	return [
		json.loads(data)
		for data in frappe.get_all(
			"Version", {"ref_doctype": doctype, "docname": name}, pluck="data", order_by="creation"
		)
	]


class TestBulkProlongationReadsAsTheDocumentCycle(FrappeTestCase):
	def setUp(self):
		# v16 writes the contracts' own Version entries in tests too (v15 skips them): the entries
		# compared are those the prolongations wrote.
		self.old_way = missed_three_renewals(r.CUSTOMER)
		self.old_versions_before = len(versions("Contract", self.old_way.name))
		self.made_old_way = by_document_cycle(self.old_way)
		self.bulk = missed_three_renewals(r.CUSTOMER)
		self.bulk_versions_before = len(versions("Contract", self.bulk.name))
		self.made_in_bulk = prolong_due_contracts()

	def test_the_same_agreements_change_rows_and_contract(self):
		self.assertEqual(len(self.made_old_way), 3)
		self.assertEqual(self.made_in_bulk, [f"{self.bulk.name}/{no}" for no in (1, 2, 3)])

		old = stored("Contract Amendment", {"contract": self.old_way.name}, "amendment_no")
		new = stored("Contract Amendment", {"contract": self.bulk.name}, "amendment_no")
		self.assertEqual([without(a, IDENTITY) for a in new], [without(a, IDENTITY) for a in old])
		for agreement in new:
			self.assertEqual(agreement.contract_registry_number, self.bulk.cm_registry_number)
			self.assertEqual(agreement.modified, agreement.signed_on)
		signed = [agreement.signed_on for agreement in new]
		self.assertEqual(signed, sorted(set(signed)), "signed one after the other, in renewal order")

		for old_agreement, new_agreement in zip(old, new, strict=True):
			old_rows = stored("Contract Amendment Change", {"parent": old_agreement.name})
			new_rows = stored("Contract Amendment Change", {"parent": new_agreement.name})
			self.assertEqual(
				[without(row, IDENTITY) for row in new_rows], [without(row, IDENTITY) for row in old_rows]
			)

		old_contract = frappe.db.get_value("Contract", self.old_way.name, "*", as_dict=True)
		new_contract = frappe.db.get_value("Contract", self.bulk.name, "*", as_dict=True)
		self.assertEqual(without(new_contract, CONTRACT_IDENTITY), without(old_contract, CONTRACT_IDENTITY))
		self.assertGreaterEqual(new_contract.end_date, TODAY)
		self.assertEqual(new_contract.cm_status, "Active")
		self.assertEqual(new_contract._seen, old_contract._seen)

	def test_the_same_history_of_effective_terms(self):
		ignore = {"amendment", "signed_on"}
		self.assertEqual(
			[without(row, ignore) for row in effective_terms_history(self.bulk.name)],
			[without(row, ignore) for row in effective_terms_history(self.old_way.name)],
		)
		self.assertEqual(len(effective_terms_history(self.bulk.name)), 3)

	def test_the_same_version_entries(self):
		# The contract: one entry per agreement, end date and notice deadline old to new, the status too
		# where it moved.
		old = versions("Contract", self.old_way.name)[self.old_versions_before :]
		new = versions("Contract", self.bulk.name)[self.bulk_versions_before :]
		self.assertEqual(len(new), 3)
		self.assertEqual(new, old)
		self.assertEqual(
			[change[0] for change in new[-1]["changed"]],
			["cm_status", "status", "end_date", "cm_notice_deadline"],
		)
		# Each agreement: its signing. The document cycle's entry also lists what its own saves redid
		# (the change rows made anew, unset numbers read back as empty); the signing is the same.
		signing = ("cm_status", "signed_on", "docstatus")
		for old_name, new_name in zip(self.made_old_way, self.made_in_bulk, strict=True):
			[old_entry], [new_entry] = (
				versions("Contract Amendment", old_name),
				versions("Contract Amendment", new_name),
			)
			self.assertEqual(
				[change for change in new_entry["changed"] if change[0] != "signed_on"],
				[
					change
					for change in old_entry["changed"]
					if change[0] in signing and change[0] != "signed_on"
				],
			)
			self.assertEqual([change[0] for change in new_entry["changed"]], list(signing))
			self.assertEqual(
				(new_entry["added"], new_entry["removed"], new_entry["row_changed"]), ([], [], [])
			)


# The due contracts, the chunk's savepoint, its contracts locked, their agreements so far; the
# agreements, their change rows and the Version entries inserted, the contracts updated.
QUERIES_PER_RUN = 8


class TestBulkProlongation(FrappeTestCase):
	def test_query_count_is_the_same_for_one_and_a_hundred_contracts(self):
		auto_contract()
		prolong_due_contracts()  # metadata and settings read once, as a worker has them
		first = auto_contract(party_name=r.CUSTOMER_2)
		due = frappe.db.get_value("Contract", first.name, "*", as_dict=True)
		with self.assertQueryCount(QUERIES_PER_RUN):
			prolong_due_contracts()
		self.assertEqual(len(system_agreements(first)), 1)

		copy_contracts(due, 100)
		with self.assertQueryCount(QUERIES_PER_RUN):
			self.assertEqual(len(prolong_due_contracts()), 100)

	def test_cancelling_a_bulk_made_agreement_restores_the_end_and_records_the_refusal(self):
		contract = auto_contract()
		[made] = prolong_due_contracts()
		as_user("cm.manager@example.com", frappe.get_doc("Contract Amendment", made).cancel)
		values = frappe.db.get_value(
			"Contract",
			contract.name,
			["end_date", "cm_prolongation_refused", "cm_prolongation_refusal_agreement", "cm_status"],
			as_dict=True,
		)
		self.assertEqual(
			(values.end_date, values.cm_prolongation_refused, values.cm_prolongation_refusal_agreement),
			(add_days(TODAY, -1), 1, made),
		)
		self.assertEqual(frappe.db.get_value("Contract Amendment", made, "cm_status"), "Cancelled")
		self.assertEqual(prolong_due_contracts(), [])

	def test_a_later_bulk_made_renewal_must_be_cancelled_first(self):
		contract = missed_three_renewals(r.CUSTOMER)
		made = prolong_due_contracts()
		with self.assertRaises(AmendmentConflict):
			frappe.get_doc("Contract Amendment", made[1]).cancel()
		frappe.get_doc("Contract Amendment", made[2]).cancel()
		self.assertEqual(
			frappe.db.get_value("Contract", contract.name, "end_date"),
			getdate(frappe.db.get_value("Contract Amendment", made[1], "new_end_date")),
		)

	def test_a_chunk_that_fails_is_undone_logged_and_retried_while_the_others_go_on(self):
		failing = auto_contract(end_date=add_days(TODAY, -2))
		sound = auto_contract(party_name=r.CUSTOMER_2)
		# A row in the way of the failing contract's first agreement: the chunk's INSERT fails.
		frappe.db.sql(
			"insert into `tabContract Amendment` (name, contract, kind, amendment_no) values (%s, %s, %s, 0)",
			(f"{failing.name}/1", sound.name, "Other"),
		)
		versions_before = frappe.db.count("Version", {"docname": failing.name})

		started = frappe.utils.now_datetime()
		made = prolong_due_contracts(chunk_size=1)

		self.assertEqual(made, [f"{sound.name}/1"])
		self.assertEqual(system_agreements(failing), [], "nothing of the failing chunk is left")
		self.assertEqual(frappe.db.get_value("Contract", failing.name, "end_date"), add_days(TODAY, -2))
		self.assertEqual(frappe.db.count("Version", {"docname": failing.name}), versions_before)
		# The logs of these two contracts only: other tests' servers may log on the site meanwhile.
		self.assertEqual(contract_errors(sound.name, started), [])
		(log,) = contract_errors(failing.name, started)
		self.assertIn("Duplicate", log.error)

		frappe.db.delete("Contract Amendment", {"name": f"{failing.name}/1"})
		self.assertEqual(prolong_due_contracts(), [f"{failing.name}/1"], "the next run makes it")


def copy_contracts(row, count):
	"""Copies of a signed contract's row under new names, as the benchmark's dataset makes them."""
	fields = list(row)
	values = []
	for number in range(count):
		copy = dict(row, name=f"{row.name}-{number:03}", cm_registry_number=f"{row.name}-{number:03}")
		values.append([copy[field] for field in fields])
	frappe.db.bulk_insert("Contract", fields, values)
