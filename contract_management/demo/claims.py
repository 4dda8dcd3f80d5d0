"""A contract's claim, taken to its status: sent or received, answered, paid, in court, closed."""

from contract_management.demo import data
from contract_management.demo.money import pay
from contract_management.demo.registry import ADMINISTRATOR


def make_claim(scenario, status: str):
	from contract_management.claims.flows import new_claim_for_contract

	outgoing = scenario.sales
	anchor = scenario.anchor()
	# A claim received 28 days ago is due an answer in 2 to 4 days (weekends move it): its reminder,
	# 5 days before, is due. One sent 33 days ago may go to court since the last day or two: its
	# court-date reminder is due.
	sent = {
		"Draft": -3,
		"Sent": -5,
		"Received": -28,
		"Answered": -20,
		"No Answer": -33,
		"In Court": -60,
		"Closed": -60,
		"Satisfied": -40,
		"Partly Satisfied": -40,
		"Rejected": -35,
		"Cancelled": -10,
	}[status]
	sent = max(sent, anchor - 95) if anchor < 0 else sent
	claim = new_claim_for_contract(
		scenario.contract.name, "Outgoing" if outgoing else "Incoming", on_date=scenario.day(sent)
	)
	claim.drafted_on = scenario.day(sent - 2)
	claim.responsible = data.LEGAL_USER if scenario.demo.with_users else ADMINISTRATOR
	if outgoing:
		claim.sent_on = scenario.day(sent)
		claim.delivery_method = "Post"
		claim.tracking_number = f"1250{abs(sent):02d}00{scenario.key.rsplit('-', 1)[1]}"
	else:
		claim.received_on = scenario.day(sent)
		claim.delivery_method = "E-mail"
		claim.demand = "Оплатить задолженность по договору и неустойку за просрочку оплаты."
	if status == "Draft":
		claim.sent_on = None
		claim.insert()
		scenario.record("claim", claim)
		return
	claim.insert()
	claim.submit()
	scenario.record("claim", claim)
	if status == "Cancelled":
		claim.cancel()
		return
	if status in ("Satisfied", "Partly Satisfied"):
		pay(
			scenario,
			scenario.invoice,
			sent + 20,
			share=1.0 if status == "Satisfied" else 0.5,
			suffix="claim-payment",
		)
	answer = {
		"Answered": (sent + 10, None, "Задолженность признаём, оплату произведём до конца месяца."),
		"Satisfied": (sent + 15, "Satisfied", "Претензия удовлетворена, задолженность погашена."),
		"Partly Satisfied": (
			sent + 15,
			"Partly Satisfied",
			"Оплачена половина долга, неустойку не признаём.",
		),
		"Rejected": (sent + 12, "Rejected", "Требование отклонено: товар поставлен с нарушением сроков."),
		"Closed": (sent + 10, "Satisfied", "Задолженность погашена."),
	}.get(status)
	claim.reload()
	if answer:
		claim.response_date, claim.decision, claim.response_text = (
			scenario.day(answer[0]),
			answer[1],
			answer[2],
		)
	if status == "In Court":
		claim.court_filed_on = scenario.day(sent + 40)
		claim.court_case_number = (
			f"А40-{10000 + int(scenario.key.rsplit('-', 1)[1])}/{scenario.demo.today.year}"
		)
	if status == "Closed":
		claim.closed_on = scenario.day(sent + 20)
	if answer or status in ("In Court", "Closed"):
		claim.save()
