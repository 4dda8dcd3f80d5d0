"""Non-accrual periods (Contract Non-Accrual Period): days on which contractual penalties and interest
under art. 395 of the Civil Code do not accrue, such as the 2022 moratorium.

Whom a period covers. The 2022 moratorium (Government Resolution No. 497 of 28.03.2022, under art. 9.1
of Federal Law No. 127-FZ "On Insolvency (Bankruptcy)") stops penalties and interest on claims that
arose before it was introduced (art. 9.1 p. 3, art. 63 p. 1; Plenum of the Supreme Court, Resolution
No. 44 of 24.12.2020, p. 7); claims that arose during it are current ones and accrue. A money claim
arises when the obligation to pay arises, not when payment falls due: for goods, works and services,
on their handing over (Plenum of the Supreme Arbitration Court, Resolution No. 63 of 23.07.2009,
p. 2), which is the date of the invoice (УПД, act) that bills them. So a debt under an invoice arose on
the invoice's date; a debt without a document date, on its due date (the latest day it can have
arisen, so it is left out of a moratorium only when it certainly arose before).

A debtor who publicly refused the moratorium is not covered: it is listed on the period. The debtor is
the claim's counterparty for an outgoing claim and our company for an incoming one.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from contract_management.claims import penalty
from contract_management.common.validation import refuse_date_before

DOCTYPE = "Contract Non-Accrual Period"
ARISEN_BEFORE = "Arose Before the Period"


def validate_period(period):
	refuse_date_before(
		period.to_date,
		_("To (Inclusive)"),
		period.from_date,
		_("From (Inclusive)"),
		title=_("Period Ends Before It Starts"),
		message=_("{0} {1} is before {2} {3}: a period cannot end before it starts."),
	)
	seen = set()
	for row in period.opted_out:
		if (row.party_type, row.party) in seen:
			frappe.throw(
				_("Row {0}: {1} is listed twice.").format(row.idx, frappe.bold(row.party)),
				title=_("Debtor Listed Twice"),
			)
		seen.add((row.party_type, row.party))


def periods_for(debtor_type: str, debtor: str) -> list[penalty.NonAccrualPeriod]:
	"""The enabled periods that cover this debtor (all but those it opted out of). Two queries."""
	opted_out = set(
		frappe.get_all(
			"Contract Non-Accrual Opt-Out",
			filters={"parenttype": DOCTYPE, "party_type": debtor_type, "party": debtor},
			pluck="parent",
		)
	)
	return [
		penalty.NonAccrualPeriod(
			getdate(period.from_date),
			getdate(period.to_date),
			period.basis,
			before_start_only=period.applies_to == ARISEN_BEFORE,
		)
		for period in frappe.get_all(
			DOCTYPE,
			filters={"disabled": 0},
			fields=["name", "from_date", "to_date", "basis", "applies_to"],
			order_by="from_date",
		)
		if period.name not in opted_out
	]
