"""Claims stored before deadlines followed the Civil Code (arts. 191–193) get them recounted.

Until then a claim's answer was due on its period's last calendar day even when that day was a
non-working day, and "may go to court from" was that same day, so an outgoing claim could be moved to
No Answer a day or more early. Open claims (sent or received, unanswered, or moved to No Answer) get
their deadlines counted again and their status recomputed; others keep their status and only get
their dates right.
"""

import frappe
from frappe.utils import getdate, nowdate

from contract_management.claims.claim import set_deadlines, status_of

FIELDS = (
	"name",
	"docstatus",
	"direction",
	"company",
	"sent_on",
	"received_on",
	"claim_period_days",
	"response_due",
	"court_from",
	"status",
	"closed_on",
	"court_filed_on",
	"decision",
	"response_date",
)
OPEN_STATUSES = ("Sent", "Received", "No Answer")


def execute(on_date=None):
	on_date = getdate(on_date or nowdate())
	for claim in frappe.get_all("Contract Claim", filters={"docstatus": 1}, fields=list(FIELDS)):
		stored = (claim.response_due, claim.court_from, claim.status)
		set_deadlines(claim)
		if claim.status in OPEN_STATUSES:
			claim.status = status_of(claim, on_date)
		if (claim.response_due, claim.court_from, claim.status) != tuple(
			getdate(value) if index < 2 and value else value for index, value in enumerate(stored)
		):
			frappe.db.set_value(
				"Contract Claim",
				claim.name,
				{"response_due": claim.response_due, "court_from": claim.court_from, "status": claim.status},
				update_modified=False,
			)
