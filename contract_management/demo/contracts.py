"""A contract of the demo's plan, taken to its status: inserted with its disagreements and obligations,
sent for approval and given its visas, signed; then its money, claim and agreements."""

from contextlib import contextmanager

import frappe
from frappe.utils import flt, get_datetime

from contract_management.demo import data
from contract_management.demo.agreements import make_amendment
from contract_management.demo.claims import make_claim
from contract_management.demo.money import make_money
from contract_management.demo.registry import ADMINISTRATOR


@contextmanager
def language(lang: str):
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		yield
	finally:
		frappe.local.lang = previous


class ContractScenario:
	"""One contract of the plan, taken to its status with what goes with it: its approval and signing
	here; its money (money.py), claim (claims.py) and supplementary agreements (agreements.py) there."""

	def __init__(self, demo, plan: dict):
		self.demo = demo
		self.plan = plan
		self.key = plan["key"]
		self.sales = plan["direction"] == "Sales"
		self.contract = None
		self.invoice = None

	def day(self, offset: int):
		return self.demo.day(offset)

	def record(self, suffix: str, doc):
		return self.demo.record(f"{self.key}/{suffix}" if suffix else self.key, doc)

	def make(self):
		with language(self.demo.language_of(self.demo.name_of(self.plan["company"]))):
			self._make()

	def sign(self):
		"""Signed on its day in the plan: the contract's date and its signing date."""
		self.contract.signed_on = get_datetime(f"{self.day(self.plan['signed'])} 11:00:00")
		self.contract.submit()

	def _make(self):
		status = self.plan["status"]
		self.insert_contract()
		if status == "Draft":
			return
		if status == "Cancelled":
			self.approve()
			self.sign()
			self.contract.cancel()
			return
		self.send_for_approval(status)
		if status in ("On Approval", "Approved", "Rejected"):
			return
		self.sign()
		if self.plan["money"]:
			make_money(self)
		if self.plan["claim"]:
			make_claim(self, self.plan["claim"])
		if self.plan["amendment"]:
			make_amendment(self, *self.plan["amendment"])
		if status == "Terminated":
			make_amendment(self, "Termination by Agreement", "Signed")
		if status == "Fulfilled":
			from contract_management.contracts.lifecycle import mark_fulfilled

			self.contract.reload()
			mark_fulfilled(self.contract, self.day(-5))

	# -- the contract

	def insert_contract(self):
		plan = self.plan
		party_type, party = self.demo.party(plan["direction"], plan["party"])
		contract_type, sales_subject, purchase_subject = plan["subject"]
		subject = sales_subject if self.sales else purchase_subject
		number = int(self.key.rsplit("-", 1)[1])
		signatory = data.THEIR_SIGNATORIES[number % len(data.THEIR_SIGNATORIES)]
		values = {
			"doctype": "Contract",
			"party_type": party_type,
			"party_name": party,
			"cm_company": self.demo.name_of(plan["company"]),
			"cm_contract_type": contract_type,
			"cm_subject": subject,
			"cm_contract_date": self.day(
				plan["signed"] if plan.get("signed") is not None else min(plan["start"], 0) - 5
			),
			"cm_amount": plan["amount"],
			"cm_vat_mode": "Included",
			"cm_vat_rate": 20,
			"start_date": self.day(plan["start"]),
			"end_date": self.day(plan["end"]),
			"cm_responsible": self.demo.responsible(plan["direction"]),
			"cm_our_signatory": data.OUR_SIGNATORY[0],
			"cm_our_signatory_position": data.OUR_SIGNATORY[1],
			"cm_our_authority": "Charter",
			"cm_their_signatory": signatory[0],
			"cm_their_signatory_position": signatory[1],
			"cm_their_authority": "Charter",
			"contract_terms": data.TERMS.format(subject=subject),
		}
		if not self.sales:
			values["cm_counterparty_number"] = f"{number:03d}-ДП/{self.day(plan['start']).year}"
		if plan["penalty"]:
			values.update(
				{
					"cm_penalty_rate_per_day": plan["penalty"],
					"cm_penalty_cap_basis": "Overdue Amount",
					"cm_penalty_cap_percent": 10,
				}
			)
		if plan["auto_prolongation"]:
			values.update(
				{
					"cm_auto_prolongation": 1,
					"cm_renewal_term_months": 12,
					"cm_notice_period_days": plan["end"] - 3,
				}
			)
		if plan["status"] in ("Active", "Expired", "Terminated", "Fulfilled"):
			values["cm_original_received"] = number % 4 != 0
		contract = frappe.get_doc(values)
		self.add_disagreements(contract)
		self.add_obligations(contract)
		self.contract = self.record("", contract.insert())

	def add_disagreements(self, contract):
		if not self.plan["disagreements"]:
			return
		draft = self.plan["status"] in ("Draft", "On Approval", "Rejected")
		for index, (clause, ours, theirs) in enumerate(data.DISAGREEMENTS):
			settled = ("Agreed", "Our Wording Accepted", "Their Wording Accepted")[index]
			contract.append(
				"cm_disagreements",
				{
					"clause": clause,
					"our_wording": ours,
					"their_wording": theirs,
					"agreed_wording": theirs if settled == "Their Wording Accepted" else ours,
					"status": "Open" if draft and index == 0 else settled,
				},
			)

	def add_obligations(self, contract):
		if self.plan["status"] not in ("Active", "Not Started", "Approved", "On Approval"):
			return
		start = max(self.plan["start"], 0)
		counterparty_pays = "Counterparty" if self.sales else "We"
		rows = (
			# a delivery due in a week, a payment due today, a delivery done a month ago
			("We" if self.sales else "Counterparty", "Delivery", "Поставка партии по спецификации № 1", 7),
			(counterparty_pays, "Payment", "Оплата поставленной партии", 0),
			("We" if self.sales else "Counterparty", "Services", "Ввод оборудования в эксплуатацию", -1),
		)
		for obligor, kind, description, offset in rows:
			contract.append(
				"cm_obligations",
				{
					"obligor": obligor,
					"kind": kind,
					"description": description,
					"due_date": self.day(start + offset),
					"amount": flt(self.plan["amount"] / 4),
					"status": "Pending",
				},
			)

	def approve(self, visas: int = 3, reject_at: int | None = None):
		from contract_management.contracts import approval

		approval.send_for_approval(self.contract)
		steps = len(approval.current_round_visas(self.contract))
		for index in range(min(visas, steps)):
			if index == reject_at:
				approval.give_visa(
					self.contract,
					"Rejected",
					"Срок оплаты 60 дней неприемлем: верните 30 дней, как в типовой форме.",
					ADMINISTRATOR,
				)
				return
			decision = "Approved with Remarks" if index == 1 else "Approved"
			remarks = "Проверить реквизиты в спецификации." if index == 1 else None
			approval.give_visa(self.contract, decision, remarks, ADMINISTRATOR)

	def send_for_approval(self, status: str):
		number = int(self.key.rsplit("-", 1)[1])
		if status == "On Approval":
			if number % 3 == 0:
				# rejected in the first round, sent again after the terms were changed
				self.approve(reject_at=1)
				self.contract.cm_amount = flt(self.contract.cm_amount) * 0.9
				self.contract.save()
				self.approve(visas=1)
			else:
				self.approve(visas=number % 3)
		elif status == "Rejected":
			self.approve(reject_at=number % 2 + 1)
		else:
			self.approve()

	def anchor(self) -> int:
		return min(self.plan["end"], 0)
