"""Issue 21: Legal Counsel claims a late delivery from a purchase contract, sees the penalty on the late
part only, and prints the claim letter.

The supplier owed 10 × 500 on a working day: 6 came that day (on time), the other 4 some days after.
Only those 4 were late, so the penalty runs on 4 × 500 = 2 000, from the day after the due date to the
day they came."""

import frappe
from frappe.utils import add_days, getdate
from playwright.sync_api import expect

from tests import factories as f
from tests.browser import records as b
from tests.browser.test_contract_flows import print_to_pdf
from tests.test_report_delivery_plan import purchase_order

LATE_DELIVERY = "Late Delivery"
# The 4 late ones came this many days after the due date.
DAYS_LATE = 9


def late_delivery_records():
	"""A signed purchase contract (0.1 % a day) with one order line of 10 × 500 due on a working day
	a month ago: 6 received that day, the other 4 DAYS_LATE days later. Committed: the served site
	reads them."""
	today = getdate()
	contract = b.committed_contract(
		submit=True,
		party_type="Supplier",
		party_name=b.SUPPLIER,
		cm_direction="Purchase",
		cm_subject="Purchase of valves (browser test)",
		start_date=add_days(today, -120),
		cm_penalty_rate_per_day=0.1,
	)
	due = b.working_day_before(30)
	order = purchase_order(contract, 10, 500, add_days(due, -14), due)
	f.make_purchase_receipt(order, date=due, qty=6)
	f.make_purchase_receipt(order, date=add_days(due, DAYS_LATE), qty=4)
	frappe.db.commit()
	return contract, order, due


def test_legal_counsel_claims_a_late_delivery_from_the_contract_and_prints_the_letter(desk_as):
	contract, order, due = late_delivery_records()
	assert frappe.get_all(
		"Purchase Order Item",
		filters={"parent": order.name},
		fields=["qty", "rate", "received_qty"],
		as_list=True,
	) == ((10, 500, 10),)
	registry_number = frappe.db.get_value("Contract", contract.name, "cm_registry_number")
	late_on = add_days(due, DAYS_LATE)

	legal = desk_as(b.LEGAL_COUNSEL)
	legal.open_form("Contract", contract.name)
	legal.button(legal.__("Outgoing Claim"), group=legal.__("Create"))
	dialog = legal.dialog()
	dialog.locator('[data-fieldname="basis"] select').select_option(LATE_DELIVERY)
	legal.shot("21-late-delivery-claim-basis")
	dialog.locator(".modal-footer .btn-primary").click()
	legal.wait_form("Contract Claim")
	claim = legal.doc()
	assert (claim["direction"], claim["basis"], claim["contract"], claim["party"]) == (
		"Outgoing",
		LATE_DELIVERY,
		contract.name,
		b.SUPPLIER,
	)
	assert [(row["reference_doctype"], row["reference_name"]) for row in claim["documents"]] == [
		("Purchase Order", order.name)
	]

	# The 6 that came on the due day were on time. The 4 were late from the day after the due date (a
	# working day) to the day they came, both counted: due + 1, …, due + 9 = 9 days, on 4 × 500 = 2 000:
	# 2 000 × 0.1 % × 9 = 18.
	expected_row = (add_days(due, 1).isoformat(), late_on.isoformat(), 2000, 0.1, 9, 18)

	def penalty_table(doc):
		return [
			(row["period_from"], row["period_to"], row["base"], row["rate"], row["days"], row["amount"])
			for row in doc["penalty_rows"]
		]

	assert penalty_table(claim) == [expected_row]
	legal.show_tab_of("penalty_rows")
	rows = legal.field("penalty_rows").locator(".grid-body .grid-row")
	expect(rows).to_have_count(1)
	shown = legal.page.evaluate(
		"""(row) => ["period_from", "period_to", "base", "rate", "days", "amount"].map((fieldname) => {
			const value = frappe.format(row[fieldname], frappe.meta.get_docfield(row.doctype, fieldname), {}, row);
			return $("<div>").html(String(value)).text().trim();
		})""",
		claim["penalty_rows"][0],
	)
	for cell in shown:
		expect(rows.first).to_contain_text(cell)
	expect(rows.first).to_contain_text(order.name)
	legal.shot("21-late-delivery-claim-penalty-table")

	legal.show_tab_of("our_signatory")
	legal.type_into("our_signatory", "Sidorova S. S.")
	saved = legal.save()
	assert penalty_table(saved) == [expected_row]
	assert (saved["penalty_amount"], saved["total_claimed"]) == (18, 18)
	frappe.db.rollback()
	assert frappe.db.get_value("Contract Claim", saved["name"], "penalty_amount") == 18

	letter, language = print_to_pdf(legal, "Contract Claim", saved["name"], "Contract Claim Letter")
	assert language == "ru"
	assert b.translated("Claim No. {0}", language).format(saved["name"]) in letter, letter[:500]
	assert registry_number in letter, letter
	penalty = legal.page.evaluate("(v) => format_currency(v, 'RUB')", 18)
	base = legal.page.evaluate("(v) => format_currency(v, 'RUB')", 2000)
	assert penalty in letter and base in letter, (penalty, base, letter)
