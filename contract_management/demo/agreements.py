"""A contract's supplementary agreement, taken to its status: drafted, on approval, or signed."""

import frappe
from frappe.utils import add_days, flt

from contract_management.demo import data
from contract_management.demo.registry import ADMINISTRATOR


def make_amendment(scenario, kind: str, target: str):
	from contract_management.contracts import approval

	scenario.contract.reload()
	values = {
		"doctype": "Contract Amendment",
		"contract": scenario.contract.name,
		"kind": kind,
		"amendment_date": scenario.day(-20),
		"effective_date": scenario.day(-20),
		"our_signatory": data.OUR_SIGNATORY[0],
		"our_signatory_position": data.OUR_SIGNATORY[1],
	}
	if kind == "Prolongation":
		values["new_end_date"] = add_days(scenario.contract.end_date, 365)
		values["reason"] = "Продление срока действия договора на год по согласованию сторон."
	elif kind == "Change of Amount":
		values["new_amount"] = flt(scenario.contract.cm_amount) * 1.2
		values["reason"] = "Увеличение объёма поставки."
	elif kind == "Change of Terms":
		values["new_terms"] = data.TERMS.format(subject=scenario.contract.cm_subject).replace(
			"30 календарных", "45 календарных"
		)
		values["reason"] = "Изменение срока оплаты."
	elif kind == "Termination by Agreement":
		number = int(scenario.key.rsplit("-", 1)[1])
		values["amendment_date"] = values["effective_date"] = scenario.day(-3 - number % 10)
		values["reason"] = "Расторжение по соглашению сторон в связи с прекращением потребности."
	amendment = frappe.get_doc(values).insert()
	scenario.record(f"agreement-{kind.lower().replace(' ', '-')}", amendment)
	if target == "Draft":
		return
	approval.send_for_approval(amendment)
	if target == "On Approval":
		return
	for _visa in approval.current_round_visas(amendment):
		approval.give_visa(amendment, "Approved", None, ADMINISTRATOR)
	amendment.submit()
