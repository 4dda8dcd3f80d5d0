"""Flow 9 (issue 20, fulfilment control): a purchasing specialist receives goods under a purchase
contract, records the supplier's УПД as a scan and then its original, and the contract's delivery
obligation turns Fulfilled; the Primary Documents Awaited report listed the УПД until its original came.

Every step is the purchasing specialist's, in the desk: the Purchase Receipt made from the contract's
Purchase Order and submitted, the УПД the receipt made as Expected opened from the contract's linked
documents, its dates typed, the obligation read on the contract's card."""

import frappe
from frappe.utils import add_days, getdate
from playwright.sync_api import expect

from contract_management.setup.defaults import UPD
from tests import records as r
from tests.browser import records as b
from tests.browser.test_contract_flows import submit
from tests.factories import make_purchase_order
from tests.test_access import PURCHASE

REPORT = "Primary Documents Awaited"
QTY, RATE = 10, 500


def purchase_contract_with_an_order():
	"""A signed purchase contract of the browser's supplier, whose delivery obligation (the supplier
	delivers QTY of the stock item in a week) its Purchase Order of ten days ago orders; committed."""
	today = getdate()
	contract = b.signed_contract(
		party_type="Supplier",
		party_name=b.SUPPLIER,
		cm_subject="Purchase of pumps (browser test)",
		cm_responsible=PURCHASE,
		cm_obligations=[
			{
				"obligor": "Counterparty",
				"kind": "Delivery",
				"description": "Deliver ten pumps",
				"item": r.STOCK_ITEM,
				"qty": QTY,
				"due_date": add_days(today, 7),
				"amount": QTY * RATE,
			}
		],
	)
	frappe.set_user("Administrator")
	order = make_purchase_order(
		supplier=b.SUPPLIER,
		items=[(r.STOCK_ITEM, QTY, RATE)],
		date=add_days(today, -10),
		cm_contract=contract,
	)
	frappe.db.commit()
	return contract, order.name


def obligation_of(contract: str) -> dict:
	"""The contract's obligation as the served site committed it."""
	frappe.db.rollback()
	return frappe.get_all(
		"Contract Obligation",
		filters={"parent": contract, "parenttype": "Contract"},
		fields=["status", "fulfilled_qty", "documents_awaited", "fulfilled_on", "days_late"],
	)[0]


def awaited_report(desk, contract: str) -> list[str]:
	"""The report filtered by the contract, once its rows are in: the primary documents it lists."""
	page = desk.page
	desk.go(f"/app/query-report/{REPORT}?contract={contract}")
	page.wait_for_function(
		"""([report, contract]) => window.frappe.query_report
			&& frappe.query_report.report_name === report
			&& frappe.query_report.get_filter_value('contract') === contract
			&& Array.isArray(frappe.query_report.data)""",
		arg=[REPORT, contract],
	)
	desk.settle()
	expect(desk.title()).to_have_text(desk.__(REPORT))
	return page.evaluate("() => frappe.query_report.data.map((row) => row.name)")


def record_step(desk, steps: dict[str, str]):
	"""Types the dates (and values) of a step on the primary document's form and saves it."""
	for fieldname, value in steps.items():
		if fieldname.endswith("_on") or fieldname == "document_date":
			desk.date(fieldname, value)
		elif fieldname == "received_via":
			desk.choose(fieldname, value)
		else:
			desk.type_into(fieldname, value)
	return desk.save()


def test_9_purchasing_specialist_receives_goods_and_the_upd_fulfils_the_obligation(desk_as):
	contract, order = purchase_contract_with_an_order()
	today = getdate()
	desk = desk_as(PURCHASE)
	page = desk.page

	# 1. The goods come: a Purchase Receipt made from the contract's order, under the contract.
	desk.open_form("Purchase Order", order)
	desk.button(desk.__("Purchase Receipt"), group=desk.__("Create"))
	desk.wait_form("Purchase Receipt")
	page.wait_for_function("(contract) => cur_frm.doc.cm_contract === contract", arg=contract)
	assert [(row["item_code"], row["qty"]) for row in desk.doc()["items"]] == [(r.STOCK_ITEM, QTY)]
	desk.save()
	receipt = submit(desk)
	desk.shot("9-1-purchase-receipt-under-the-contract")
	papers = frappe.get_all(
		"Contract Primary Document",
		filters={"reference_doctype": "Purchase Receipt", "reference_name": receipt["name"]},
		fields=["name", "kind", "flow", "status", "original_required", "contract"],
	)
	assert [(p.kind, p.flow, p.status, p.original_required, p.contract) for p in papers] == [
		(UPD, "We Receive", "Expected", 1, contract)
	], papers
	upd = papers[0].name
	# Delivered in full, but the supplier's УПД is still awaited.
	received = obligation_of(contract)
	assert (received.status, received.fulfilled_qty, received.documents_awaited) == (
		"Partly Fulfilled",
		QTY,
		1,
	), received

	# 4 (before). The awaited-documents report lists the УПД.
	report = desk_as(PURCHASE)
	assert upd in awaited_report(report, contract)
	expect(report.page.locator(".report-wrapper .dt-scrollable .dt-row", has_text=upd).first).to_be_visible()
	report.shot("9-1-report-lists-the-upd")

	# 2. The supplier's УПД, found among the contract's linked documents: its scan, then its original.
	desk.open_form("Contract", contract)
	connections = desk.show_connections()
	link = connections.locator('.document-link[data-doctype="Contract Primary Document"]')
	expect(link.locator(".count")).to_have_text("1")
	link.locator(".badge-link, a").first.click()
	page.wait_for_function("() => window.cur_list && cur_list.doctype === 'Contract Primary Document'")
	desk.settle()
	row = page.locator(".list-row-container", has_text=upd).first
	expect(row).to_be_visible()
	desk.shot("9-2-contract-primary-documents")
	row.locator("a.list-subject, a[data-name]").first.click()
	desk.wait_form("Contract Primary Document", upd)

	scan = record_step(
		desk,
		{
			"number": "УПД-118",
			"document_date": add_days(today, -3).isoformat(),
			"received_via": "Scan",
			"received_on": add_days(today, -2).isoformat(),
		},
	)
	assert (scan["status"], scan["received_on"]) == ("Received", add_days(today, -2).isoformat())
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(
		desk.__("Received", "Contract Primary Document")
	)
	desk.shot("9-2-upd-received-as-a-scan")
	# The scan alone leaves the original awaited.
	assert obligation_of(contract).status == "Partly Fulfilled"

	original = record_step(desk, {"original_received_on": today.isoformat()})
	assert (original["status"], original["original_received_on"]) == (
		"Original Received",
		today.isoformat(),
	)
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(
		desk.__("Original Received", "Contract Primary Document")
	)
	desk.shot("9-2-upd-original-received")

	# 3. The obligation is Fulfilled on the contract's card: delivered, and its paper signed and in.
	desk.open_form("Contract", contract)
	desk.show_tab_of("cm_obligations")
	grid = desk.field("cm_obligations")
	status = grid.locator('.grid-body .grid-row[data-idx="1"] .grid-static-col[data-fieldname="status"]')
	expect(status).to_have_text(desk.__("Fulfilled", "Contract Obligation"))
	obligation = desk.doc()["cm_obligations"][0]
	assert (
		obligation["status"],
		obligation["fulfilled_qty"],
		obligation["documents_awaited"],
		obligation["fulfilled_on"],
		obligation["days_late"],
	) == ("Fulfilled", QTY, 0, today.isoformat(), 0), obligation
	# Every obligation fulfilled: the card offers Mark Fulfilled, once.
	expect(
		page.get_by_text(
			desk.__("Every obligation of the contract is fulfilled: it can be marked fulfilled.")
		)
	).to_be_visible()
	expect(
		page.locator(".page-head:visible").get_by_role("button", name=desk.__("Mark Fulfilled"), exact=True)
	).to_have_count(1)
	desk.shot("9-3-obligation-fulfilled-on-the-card")

	# 4. The report no longer lists the УПД.
	after = desk_as(PURCHASE)
	assert upd not in awaited_report(after, contract)
	expect(after.page.locator(".report-wrapper .dt-scrollable .dt-row", has_text=upd)).to_have_count(0)
	after.shot("9-4-report-no-longer-lists-the-upd")
