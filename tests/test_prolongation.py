"""The daily auto-prolongation: set-based, idempotent, safe after a crash, and never for a refusal."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate

from contract_management.contracts.lifecycle import update_statuses
from contract_management.contracts.prolongation import (
	contracts_due,
	next_end_date,
	prolong_contract,
	prolong_due_contracts,
)
from tests import records as r
from tests.amendments import TODAY, make_amendment, signed_contract
from tests.test_approval import as_user


def auto_contract(**fields):
	values = {
		"start_date": add_days(TODAY, -365),
		"end_date": add_days(TODAY, -1),
		"cm_auto_prolongation": 1,
		"cm_notice_period_days": 30,
		**fields,
	}
	return signed_contract(**values)


def system_agreements(contract):
	return frappe.get_all(
		"Contract Amendment",
		filters={"contract": contract.name, "made_by_system": 1},
		fields=["name", "docstatus", "new_end_date", "effective_date"],
		order_by="amendment_no",
	)


class TestAutoProlongation(FrappeTestCase):
	def test_due_contract_is_prolonged_for_its_own_term_once(self):
		contract = auto_contract(start_date="2025-01-01", end_date=add_days(TODAY, -1))
		made = prolong_due_contracts()
		self.assertEqual(len(made), 1)
		[agreement] = system_agreements(contract)
		self.assertEqual(agreement.docstatus, 1)
		self.assertEqual(agreement.effective_date, TODAY)
		end = frappe.db.get_value("Contract", contract.name, "end_date")
		self.assertGreater(end, TODAY)

		self.assertEqual(prolong_due_contracts(), [], "a second run prolongs nothing")
		self.assertEqual(len(system_agreements(contract)), 1)

	def test_whole_year_term_renews_for_a_whole_year(self):
		contract = frappe._dict(
			start_date=getdate("2025-01-01"), end_date=getdate("2025-12-31"), cm_renewal_term_months=0
		)
		self.assertEqual(next_end_date(contract), getdate("2026-12-31"))
		contract.cm_renewal_term_months = 6
		self.assertEqual(next_end_date(contract), getdate("2026-06-30"))
		odd = frappe._dict(
			start_date=getdate("2025-01-10"), end_date=getdate("2025-02-18"), cm_renewal_term_months=0
		)
		self.assertEqual(next_end_date(odd), getdate("2025-03-30"))  # 40 days again

	def test_renewal_term_in_months(self):
		contract = auto_contract(cm_renewal_term_months=6)
		prolong_due_contracts()
		self.assertEqual(
			frappe.db.get_value("Contract", contract.name, "end_date"), add_days(add_months(TODAY, 6), -1)
		)

	def test_refused_prolongation_is_not_made(self):
		contract = auto_contract(
			cm_prolongation_refused=1,
			cm_prolongation_refused_by="Counterparty",
			cm_prolongation_refused_on=add_days(TODAY, -40),
		)
		prolong_due_contracts()
		self.assertEqual(system_agreements(contract), [])
		self.assertEqual(
			frappe.db.get_value("Contract", contract.name, "cm_prolongation_refusal_recorded_by"),
			"Administrator",
			"who recorded the refusal",
		)
		update_statuses()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "cm_status"), "Expired")

	def test_refusal_after_the_notice_deadline_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Notice Deadline"):
			auto_contract(
				end_date=add_days(TODAY, 10),
				cm_prolongation_refused=1,
				cm_prolongation_refused_by="We",
				cm_prolongation_refused_on=TODAY,
			)

	def test_missed_periods_are_caught_up_without_duplicates(self):
		contract = auto_contract(
			start_date=add_days(TODAY, -500), end_date=add_days(TODAY, -400), cm_renewal_term_months=3
		)
		prolong_due_contracts()
		agreements = system_agreements(contract)
		self.assertGreaterEqual(len(agreements), 5)
		self.assertGreaterEqual(frappe.db.get_value("Contract", contract.name, "end_date"), TODAY)
		ends = [a.new_end_date for a in agreements]
		self.assertEqual(ends, sorted(set(ends)), "each renewal once, in order")
		prolong_due_contracts()
		self.assertEqual(len(system_agreements(contract)), len(agreements))

	def test_rerun_after_a_crash_between_making_and_signing_signs_the_same_agreement(self):
		contract = auto_contract()
		frappe.flags.cm_system_prolongation = True
		try:
			left_unsigned = frappe.get_doc(
				{
					"doctype": "Contract Amendment",
					"contract": contract.name,
					"kind": "Prolongation",
					"amendment_date": TODAY,
					"effective_date": TODAY,
					"new_end_date": add_days(TODAY, 364),
					"made_by_system": 1,
				}
			).insert()
		finally:
			frappe.flags.cm_system_prolongation = False
		prolong_due_contracts()
		[agreement] = system_agreements(contract)
		self.assertEqual((agreement.name, agreement.docstatus), (left_unsigned.name, 1))

	def test_rerun_after_a_crash_between_contracts(self):
		first = auto_contract()
		second = auto_contract(party_name=r.CUSTOMER_2)
		prolong_contract(first.name, TODAY)  # the job died after the first contract
		prolong_due_contracts()
		self.assertEqual(len(system_agreements(first)), 1)
		self.assertEqual(len(system_agreements(second)), 1)

	def test_contracts_due_is_one_query(self):
		auto_contract()
		auto_contract(party_name=r.CUSTOMER_2)
		with self.assertQueryCount(1):
			self.assertEqual(len(contracts_due(TODAY)), 2)

	def test_expired_auto_contract_is_prolonged_and_active_again(self):
		contract = auto_contract(end_date=add_days(TODAY, -3))
		update_statuses()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "cm_status"), "Expired")
		prolong_due_contracts()
		update_statuses()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "cm_status"), "Active")

	def test_a_system_prolongation_cancelled_by_a_user_is_not_made_again(self):
		contract = auto_contract()
		prolong_due_contracts()
		[agreement] = system_agreements(contract)
		as_user("cm.manager@example.com", frappe.get_doc("Contract Amendment", agreement.name).cancel)

		values = frappe.db.get_value(
			"Contract",
			contract.name,
			[
				"end_date",
				"cm_prolongation_refused",
				"cm_prolongation_refused_by",
				"cm_prolongation_refused_on",
				"cm_prolongation_refusal_recorded_by",
				"cm_prolongation_refusal_agreement",
			],
			as_dict=True,
		)
		self.assertEqual(values.end_date, add_days(TODAY, -1), "the cancel restored the old end")
		self.assertEqual(
			(
				values.cm_prolongation_refused,
				values.cm_prolongation_refused_by,
				values.cm_prolongation_refused_on,
				values.cm_prolongation_refusal_recorded_by,
				values.cm_prolongation_refusal_agreement,
			),
			(1, "We", TODAY, "cm.manager@example.com", agreement.name),
		)

		self.assertEqual(prolong_due_contracts(), [], "the next night's job does not make it again")
		self.assertEqual([a.docstatus for a in system_agreements(contract)], [2])
		update_statuses()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "cm_status"), "Expired")

		# The contract stays editable: the recorded refusal passes the contract's own checks.
		frappe.get_doc("Contract", contract.name).save()

	def test_cancelling_a_users_prolongation_is_no_refusal(self):
		contract = auto_contract(end_date=add_days(TODAY, 40))
		agreement = make_amendment(contract, new_end_date=add_days(TODAY, 100), submit=True)
		agreement.cancel()
		self.assertEqual(frappe.db.get_value("Contract", contract.name, "cm_prolongation_refused"), 0)

	def test_a_contract_that_fails_is_logged_and_the_others_are_prolonged(self):
		broken = auto_contract(end_date=add_days(TODAY, -2))
		sound = auto_contract(party_name=r.CUSTOMER_2)
		# Marked fulfilled by a direct write that left its date out: an agreement to it is refused.
		frappe.db.set_value("Contract", broken.name, "cm_status", "Fulfilled")
		started = frappe.utils.now_datetime()

		made = prolong_due_contracts()

		self.assertEqual(len(system_agreements(sound)), 1)
		self.assertEqual(made, [system_agreements(sound)[0].name])
		self.assertEqual(system_agreements(broken), [], "nothing half-made for the broken contract")
		# The logs of these two contracts only: other tests' servers may log on the site meanwhile.
		self.assertEqual(contract_errors(sound.name, started), [])
		(log,) = contract_errors(broken.name, started)
		self.assertIn(broken.name, log.method)
		self.assertIn("fulfilled", log.error)


def contract_errors(name: str, since) -> list:
	return frappe.get_all(
		"Error Log",
		{"reference_doctype": "Contract", "reference_name": name, "creation": (">=", since)},
		["method", "error"],
	)
