"""Supplementary agreements: applying changes to a signed contract, its history, termination,
cancelling in the right order, approval, and every kind of bad input."""

import itertools
import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from contract_management.contracts.amendment_signing import AmendmentConflict, effective_terms_history
from contract_management.contracts.documents import ContractMismatchError
from tests import factories as f
from tests import records as r
from tests.amendments import TODAY, make_amendment, signed_contract
from tests.contracts import make_contract
from tests.test_approval import as_user, make_route


def sign_taking_current_values(amendment):
	"""Sign; when another agreement changed the same terms meanwhile, the signing is refused, and the
	user refreshes the old values (an explicit action) and signs again."""
	amendment.reload()
	try:
		amendment.submit()
	except AmendmentConflict:
		from contract_management.api import refresh_amendment_old_values

		refresh_amendment_old_values(amendment.name)
		amendment.reload()
		amendment.submit()


def end_by_signed_agreements(original, signing_order):
	"""The end date the agreements still signed give, applied in signing order."""
	end = original
	for amendment in signing_order:
		if frappe.db.get_value("Contract Amendment", amendment.name, "docstatus") == 1:
			end = getdate(amendment.new_end_date)
	return end


def contract_values(name, *fields):
	return frappe.db.get_value("Contract", name, list(fields), as_dict=True)


class TestApplying(FrappeTestCase):
	def test_prolongation_moves_the_end_and_the_contract_stays_signed(self):
		contract = signed_contract()
		new_end = add_days(TODAY, 465)
		amendment = make_amendment(contract, new_end_date=new_end, submit=True)

		self.assertEqual(amendment.name, f"{contract.name}/1")
		self.assertEqual(amendment.amendment_no, 1)
		self.assertEqual(amendment.cm_status, "Signed")
		values = contract_values(contract.name, "end_date", "docstatus", "cm_status")
		self.assertEqual(
			(values.end_date, values.docstatus, values.cm_status), (getdate(new_end), 1, "Active")
		)

		history = effective_terms_history(contract.name)
		self.assertEqual(len(history), 1)
		self.assertEqual(history[0].fieldname, "end_date")
		self.assertEqual(history[0].old_value, str(add_days(TODAY, 100)))
		self.assertEqual(history[0].new_value, str(getdate(new_end)))
		self.assertEqual(history[0].effective_date, TODAY)
		self.assertEqual(history[0].by, "Administrator")

	def test_agreements_are_numbered_within_their_contract(self):
		contract = signed_contract()
		other = signed_contract(party_name=r.CUSTOMER_2)
		first = make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)
		second = make_amendment(contract, kind="Change of Amount", new_amount=150000)
		elsewhere = make_amendment(other, new_end_date=add_days(TODAY, 200))
		self.assertEqual((first.amendment_no, second.amendment_no, elsewhere.amendment_no), (1, 2, 1))
		self.assertEqual(second.get_title(), f"Supplementary agreement No. 2 to contract {contract.name}")

	def test_change_of_amount_recomputes_vat(self):
		contract = signed_contract(cm_vat_mode="On Top", cm_vat_rate=20, cm_amount=100000)
		make_amendment(contract, kind="Change of Amount", new_amount=150000, submit=True)
		values = contract_values(contract.name, "cm_amount", "cm_vat_amount", "cm_amount_with_vat")
		self.assertEqual(
			(values.cm_amount, values.cm_vat_amount, values.cm_amount_with_vat), (150000, 30000, 180000)
		)

	def test_other_fields_and_clause_wording_through_the_table(self):
		contract = signed_contract()
		amendment = make_amendment(
			contract,
			kind="Change of Terms",
			changes=[
				{"term": "Claim Period (Days)", "new_value": "45"},
				{
					"term": "Wording of a Clause",
					"clause": "9.1",
					"new_value": "Disputes go to the Arbitration Court of Moscow.",
				},
			],
			submit=True,
		)
		self.assertEqual(contract_values(contract.name, "cm_claim_period_days").cm_claim_period_days, 45)
		rows = {row.fieldname: row for row in amendment.changes}
		self.assertEqual(rows["cm_claim_period_days"].old_value, "30", "old values come from the contract")
		self.assertEqual(rows["clause"].clause, "9.1")

	def test_old_values_are_taken_from_the_contract_not_typed(self):
		contract = signed_contract()
		amendment = make_amendment(
			contract,
			kind="Other",
			changes=[{"term": "Contract Subject", "old_value": "forged", "new_value": "Supply"}],
		)
		self.assertEqual(amendment.changes[0].old_value, "")

	def test_termination_by_agreement(self):
		contract = signed_contract()
		make_amendment(
			contract,
			kind="Termination by Agreement",
			effective_date=add_days(TODAY, -1),
			reason="The buyer no longer needs the goods",
			submit=True,
		)
		values = contract_values(
			contract.name, "cm_status", "cm_terminated_on", "cm_termination_reason", "status"
		)
		self.assertEqual(values.cm_status, "Terminated")
		self.assertEqual(values.status, "Inactive")
		self.assertEqual(values.cm_terminated_on, add_days(TODAY, -1))
		self.assertEqual(values.cm_termination_reason, "The buyer no longer needs the goods")
		with self.assertRaisesRegex(ContractMismatchError, "terminated"):
			f.make_sales_order(cm_contract=contract.name)


class TestCancelling(FrappeTestCase):
	def test_cancelling_the_latest_restores_the_old_values(self):
		contract = signed_contract()
		make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)
		second = make_amendment(contract, new_end_date=add_days(TODAY, 300), submit=True)
		second.cancel()
		self.assertEqual(contract_values(contract.name, "end_date").end_date, add_days(TODAY, 200))
		self.assertEqual(second.cm_status, "Cancelled")

	def test_cancelling_an_earlier_one_is_refused_while_a_later_one_changed_the_same_terms(self):
		contract = signed_contract()
		first = make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)
		second = make_amendment(contract, new_end_date=add_days(TODAY, 300), submit=True)
		with self.assertRaisesRegex(AmendmentConflict, second.name.replace("/", ".")):
			first.cancel()
		self.assertEqual(frappe.db.get_value("Contract Amendment", first.name, "docstatus"), 1)
		self.assertEqual(contract_values(contract.name, "end_date").end_date, add_days(TODAY, 300))

	def test_cancelling_an_earlier_one_is_fine_when_the_later_changed_other_terms(self):
		contract = signed_contract()
		first = make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)
		make_amendment(contract, kind="Change of Amount", new_amount=130000, submit=True)
		first.cancel()
		values = contract_values(contract.name, "end_date", "cm_amount")
		self.assertEqual((values.end_date, values.cm_amount), (add_days(TODAY, 100), 130000))

	def test_cancelling_a_termination_puts_the_contract_back_in_force(self):
		contract = signed_contract()
		termination = make_amendment(
			contract, kind="Termination by Agreement", effective_date=TODAY, submit=True
		)
		self.assertEqual(contract_values(contract.name, "cm_status").cm_status, "Terminated")
		termination.cancel()
		values = contract_values(contract.name, "cm_status", "cm_terminated_on")
		self.assertEqual((values.cm_status, values.cm_terminated_on), ("Active", None))

	def test_cancelling_is_ordered_by_signing_time_not_by_number(self):
		contract = signed_contract()
		first_numbered = make_amendment(contract, new_end_date=add_days(TODAY, 300))
		second_numbered = make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)
		sign_taking_current_values(first_numbered)  # signed last, though numbered first
		with self.assertRaisesRegex(AmendmentConflict, re.escape(first_numbered.name)):
			second_numbered.cancel()
		self.assertEqual(frappe.db.get_value("Contract Amendment", second_numbered.name, "docstatus"), 1)
		self.assertEqual(contract_values(contract.name, "end_date").end_date, add_days(TODAY, 300))

	def test_every_order_of_cancelling_two_agreements_signed_against_their_numbers(self):
		"""Both change the end date; No. 2 is signed first, No. 1 after it. Whatever order the user
		cancels them in, after every step the contract's end date is what the agreements still signed
		give in signing order, or the step is refused and nothing changed."""
		original = add_days(TODAY, 100)
		for cancel_order in itertools.permutations((1, 2)):
			with self.subTest(cancel_order=cancel_order):
				contract = signed_contract()
				numbered = {
					1: make_amendment(contract, new_end_date=add_days(TODAY, 300)),
					2: make_amendment(contract, new_end_date=add_days(TODAY, 200)),
				}
				signing_order = [numbered[2], numbered[1]]
				for amendment in signing_order:
					sign_taking_current_values(amendment)

				# The user's order, then the same order again for what was refused the first time.
				for number in cancel_order * 2:
					amendment = frappe.get_doc("Contract Amendment", numbered[number].name)
					if amendment.docstatus == 2:
						continue
					before = contract_values(contract.name, "end_date").end_date
					try:
						amendment.cancel()
					except AmendmentConflict:
						self.assertEqual(
							amendment.db_get("docstatus"), 1, "a refused cancel leaves it signed"
						)
						self.assertEqual(contract_values(contract.name, "end_date").end_date, before)
					self.assertEqual(
						contract_values(contract.name, "end_date").end_date,
						end_by_signed_agreements(original, signing_order),
					)
				self.assertEqual(contract_values(contract.name, "end_date").end_date, original)
				self.assertEqual(
					{numbered[n].db_get("docstatus") for n in numbered}, {2}, "both could be cancelled"
				)


class TestOldValues(FrappeTestCase):
	def test_signing_after_another_agreement_changed_the_same_terms_is_refused(self):
		contract = signed_contract()
		early_draft = make_amendment(contract, new_end_date=add_days(TODAY, 400))
		later = make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)
		early_draft.reload()
		with self.assertRaisesRegex(AmendmentConflict, re.escape(later.name)) as refusal:
			early_draft.submit()
		self.assertIn("End Date", str(refusal.exception))
		self.assertEqual(frappe.db.get_value("Contract Amendment", early_draft.name, "docstatus"), 0)
		self.assertEqual(contract_values(contract.name, "end_date").end_date, add_days(TODAY, 200))

	def test_saving_a_draft_again_keeps_the_old_values_it_took(self):
		contract = signed_contract()
		draft = make_amendment(contract, new_end_date=add_days(TODAY, 400))
		make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)
		draft.reload()
		draft.reason = "The buyer asked for a longer term"
		draft.new_end_date = add_days(TODAY, 450)
		draft.save()
		self.assertEqual(draft.changes[0].old_value, str(add_days(TODAY, 100)), "not re-read silently")
		with self.assertRaises(AmendmentConflict):
			draft.submit()

	def test_a_term_added_to_the_draft_later_takes_its_old_value_then(self):
		contract = signed_contract()
		draft = make_amendment(contract, new_end_date=add_days(TODAY, 400))
		draft.append("changes", {"term": "Claim Period (Days)", "new_value": "45"})
		draft.save()
		self.assertEqual(
			[(row.fieldname, row.old_value) for row in draft.changes],
			[("end_date", str(add_days(TODAY, 100))), ("cm_claim_period_days", "30")],
		)

	def test_sending_for_approval_takes_the_current_values(self):
		make_route(
			"CM Date Changes",
			steps=[{"step_title": "Legal visa", "role": "Legal Counsel"}],
			applies_to="Supplementary Agreement",
			amendment_kind="Change of Dates",
		)
		contract = signed_contract()
		draft = make_amendment(contract, kind="Change of Dates", new_end_date=add_days(TODAY, 400))
		make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)

		from contract_management.api import send_for_approval

		send_for_approval(draft.name, doctype="Contract Amendment")
		draft.reload()
		self.assertEqual(draft.changes[0].old_value, str(add_days(TODAY, 200)))

	def test_refreshing_the_old_values_sends_an_approved_agreement_back_for_approval(self):
		from contract_management.api import give_visa, refresh_amendment_old_values, send_for_approval

		make_route(
			"CM Date Changes",
			steps=[{"step_title": "Legal visa", "role": "Legal Counsel"}],
			applies_to="Supplementary Agreement",
			amendment_kind="Change of Dates",
		)
		contract = signed_contract()
		draft = make_amendment(contract, kind="Change of Dates", new_end_date=add_days(TODAY, 400))
		send_for_approval(draft.name, doctype="Contract Amendment")
		as_user("cm.legal@example.com", give_visa, draft.name, "Approved", doctype="Contract Amendment")
		meanwhile = make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)
		draft.reload()
		self.assertEqual(draft.cm_status, "Approved")
		with self.assertRaisesRegex(AmendmentConflict, re.escape(meanwhile.name)):
			draft.submit()

		refresh_amendment_old_values(draft.name)
		draft.reload()
		self.assertEqual(draft.changes[0].old_value, str(add_days(TODAY, 200)))
		self.assertEqual((draft.cm_status, draft.cm_approval_round), ("On Approval", 2))
		with self.assertRaisesRegex(frappe.ValidationError, "visa"):
			draft.submit()
		draft.reload()
		as_user("cm.legal@example.com", give_visa, draft.name, "Approved", doctype="Contract Amendment")
		draft.reload()
		draft.submit()
		history = [(row.old_value, row.new_value) for row in effective_terms_history(contract.name)]
		self.assertEqual(
			history,
			[
				(str(add_days(TODAY, 100)), str(add_days(TODAY, 200))),
				(str(add_days(TODAY, 200)), str(add_days(TODAY, 400))),
			],
		)

	def test_refreshing_without_a_route_leaves_it_ready_to_sign(self):
		from contract_management.api import refresh_amendment_old_values

		contract = signed_contract()
		draft = make_amendment(contract, new_end_date=add_days(TODAY, 400))
		make_amendment(contract, new_end_date=add_days(TODAY, 200), submit=True)
		self.assertEqual(refresh_amendment_old_values(draft.name)["refreshed"], ["End Date"])
		draft.reload()
		self.assertEqual((draft.changes[0].old_value, draft.cm_status), (str(add_days(TODAY, 200)), "Draft"))
		self.assertEqual(refresh_amendment_old_values(draft.name)["refreshed"], [], "nothing more to take")
		draft.submit()
		self.assertEqual(contract_values(contract.name, "end_date").end_date, add_days(TODAY, 400))

	def test_refreshing_needs_write_permission_and_a_draft(self):
		from contract_management.api import refresh_amendment_old_values

		contract = signed_contract()
		draft = make_amendment(contract, new_end_date=add_days(TODAY, 400))
		with self.assertRaises(frappe.PermissionError):
			as_user("cm.viewer@example.com", refresh_amendment_old_values, draft.name)
		draft.submit()
		with self.assertRaisesRegex(frappe.ValidationError, "draft"):
			refresh_amendment_old_values(draft.name)


class TestBadInput(FrappeTestCase):
	def assert_refused(self, contract, pattern, **fields):
		before = frappe.db.count("Contract Amendment")
		with self.assertRaisesRegex(frappe.ValidationError, pattern):
			make_amendment(contract, **fields)
		self.assertEqual(frappe.db.count("Contract Amendment"), before, "nothing saved")

	def test_amending_a_draft_cancelled_terminated_or_expired_contract(self):
		self.assert_refused(make_contract(), "not signed", new_end_date=add_days(TODAY, 300))

		cancelled = signed_contract()
		cancelled.cancel()
		self.assert_refused(cancelled, "cancelled", new_end_date=add_days(TODAY, 300))

		terminated = signed_contract()
		make_amendment(terminated, kind="Termination by Agreement", submit=True)
		self.assert_refused(terminated, "terminated", new_end_date=add_days(TODAY, 300))

		expired = signed_contract(start_date=add_days(TODAY, -100), end_date=add_days(TODAY, -1))
		self.assert_refused(expired, "expired", new_end_date=add_days(TODAY, 300))

	def test_effective_date_before_the_start(self):
		contract = signed_contract()
		self.assert_refused(
			contract,
			"Effective From",
			new_end_date=add_days(TODAY, 300),
			effective_date=add_days(TODAY, -101),
		)

	def test_new_end_before_the_start(self):
		contract = signed_contract()
		self.assert_refused(
			contract, "New End Date", kind="Change of Dates", new_end_date=add_days(TODAY, -150)
		)

	def test_prolongation_that_does_not_extend(self):
		contract = signed_contract()
		self.assert_refused(contract, "prolongation", new_end_date=add_days(TODAY, 50))
		self.assert_refused(contract, "New End Date", kind="Prolongation")

	def test_field_outside_the_allowed_list(self):
		contract = signed_contract()
		self.assert_refused(
			contract, "Party Name", kind="Other", changes=[{"term": "Party Name", "new_value": r.CUSTOMER_2}]
		)

	def test_amount_below_what_is_already_invoiced(self):
		contract = signed_contract(cm_amount=120000)
		f.make_sales_invoice(items=[(r.SERVICE_ITEM, 1, 90000)], cm_contract=contract.name)
		self.assert_refused(contract, "already invoiced", kind="Change of Amount", new_amount=80000)
		make_amendment(contract, kind="Change of Amount", new_amount=90000)  # exactly what is invoiced

	def test_agreement_that_changes_nothing(self):
		self.assert_refused(signed_contract(), "changes nothing", kind="Other")


class TestAmendmentApproval(FrappeTestCase):
	def test_route_for_agreements_by_kind(self):
		make_route(
			"CM Amount Changes",
			steps=[{"step_title": "Legal visa", "role": "Legal Counsel"}],
			applies_to="Supplementary Agreement",
			amendment_kind="Change of Amount",
		)
		contract = signed_contract()
		change = make_amendment(contract, kind="Change of Amount", new_amount=200000)
		with self.assertRaisesRegex(frappe.ValidationError, "CM Amount Changes"):
			change.submit()

		from contract_management.api import give_visa, send_for_approval

		send_for_approval(change.name, doctype="Contract Amendment")
		as_user("cm.legal@example.com", give_visa, change.name, "Approved", doctype="Contract Amendment")
		change.reload()
		change.submit()
		self.assertEqual(contract_values(contract.name, "cm_amount").cm_amount, 200000)

		prolongation = make_amendment(contract, new_end_date=add_days(TODAY, 300))
		prolongation.submit()  # the route is for changes of amount only
		self.assertEqual(prolongation.docstatus, 1)

	def test_users_cannot_mark_their_agreement_as_made_by_the_system(self):
		amendment = make_amendment(signed_contract(), new_end_date=add_days(TODAY, 300), made_by_system=1)
		self.assertEqual(amendment.made_by_system, 0)
