"""The Contracts workspace, loaded for each role through Frappe's own desk API, and its cards and
charts counting only what the user may see."""

import json

import frappe
from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from contract_management.contract_management.dashboard_chart_source.contract_claim_status_counts import (
	contract_claim_status_counts,
)
from contract_management.contract_management.dashboard_chart_source.contract_debt_aging import (
	contract_debt_aging,
)
from contract_management.contract_management.dashboard_chart_source.contract_status_counts import (
	contract_status_counts,
)
from contract_management.reporting.workspace import get_overdue_debt_card
from tests import factories as f
from tests import records as r
from tests.contracts import make_contract

TODAY = getdate(nowdate())
SALES, PURCHASE = "cm.sales@example.com", "cm.purchase@example.com"
APP_USERS = (
	"cm.manager@example.com",
	"cm.legal@example.com",
	SALES,
	PURCHASE,
	"cm.viewer@example.com",
	"cm.accounts@example.com",
)
MY_REPORTS = (
	"Contract Register",
	"Contract Deadlines",
	"Contract Fulfilment",
	"Claims Register",
	"Primary Documents Awaited",
	"Contract Performance",
)
CARDS = (
	"Contracts in Force",
	"Contracts Ending within 30 Days",
	"Contracts on Approval",
	"Overdue Debt under Contracts",
	"Open Claims",
	"Claimed This Year",
	"Primary Documents Awaited",
)
CHARTS = (
	"Contracts by Status",
	"Debt Aging under Contracts",
	"Claims by Status",
	"Contracts Signed per Month",
)


def as_user(user, function, *args, **kwargs):
	frappe.set_user(user)
	try:
		return function(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def load_page(user):
	frappe.set_user(user)
	try:
		page = get_desktop_page(json.dumps({"name": "Contracts", "title": "Contracts", "public": 1}))
		sidebar = {page["name"] for page in get_workspace_sidebar_items()["pages"]}
		return page, sidebar
	finally:
		frappe.set_user("Administrator")


def card_value(user, name, extra_filters=()):
	card = frappe.get_doc("Number Card", name)
	filters = json.loads(card.filters_json) + list(extra_filters)
	return as_user(user, get_result, card.as_dict(), filters)


class TestWorkspace(FrappeTestCase):
	def test_synced_from_the_module_as_standard_records(self):
		workspace = frappe.get_doc("Workspace", "Contracts")
		self.assertEqual(
			(workspace.module, workspace.public, workspace.title), ("Contract Management", 1, "Contracts")
		)
		self.assertEqual({row.number_card_name for row in workspace.number_cards}, set(CARDS))
		self.assertEqual({row.chart_name for row in workspace.charts}, set(CHARTS))
		for name in CARDS:
			self.assertEqual(frappe.db.get_value("Number Card", name, "is_standard"), 1, name)
		for name in CHARTS:
			self.assertEqual(frappe.db.get_value("Dashboard Chart", name, "is_standard"), 1, name)
		for name in MY_REPORTS:
			self.assertEqual(frappe.db.get_value("Report", name, "module"), "Contract Management", name)

	def test_each_role_of_the_app_gets_the_workspace(self):
		for user in APP_USERS:
			page, sidebar = load_page(user)
			self.assertIn("Contracts", sidebar, user)
			shortcuts = {item["link_to"] for item in page["shortcuts"]["items"]}
			self.assertLessEqual({"Contract", *MY_REPORTS}, shortcuts, user)
			links = {link["link_to"] for card in page["cards"]["items"] for link in card["links"]}
			self.assertLessEqual(set(MY_REPORTS), links, user)
			cards = {card.number_card_name for card in page["number_cards"]["items"]}
			self.assertEqual(cards, set(CARDS), user)
			charts = {chart.chart_name for chart in page["charts"]["items"]}
			self.assertEqual(charts, set(CHARTS), user)

	def test_no_app_role_no_workspace(self):
		frappe.set_user("cm.nobody@example.com")
		try:
			sidebar = {page["name"] for page in get_workspace_sidebar_items()["pages"]}
			with self.assertRaises(frappe.PermissionError):
				get_desktop_page(json.dumps({"name": "Contracts", "title": "Contracts", "public": 1}))
		finally:
			frappe.set_user("Administrator")
		self.assertNotIn("Contracts", sidebar)

	def test_translated_for_a_russian_user(self):
		frappe.db.set_value("User", r.RUSSIAN_USER, "language", "ru")
		frappe.local.lang = "ru"
		page, _sidebar = load_page(r.RUSSIAN_USER)
		labels = {item["label"] for item in page["shortcuts"]["items"]}
		self.assertLessEqual({"Договор", "Дополнительное соглашение", "Претензия"}, labels)
		links = {link["label"] for card in page["cards"]["items"] for link in card["links"]}
		self.assertIn("Ключевая ставка", links)
		self.assertEqual(frappe._("Contracts"), "Договоры")

	def test_cards_and_charts_count_what_the_user_may_see(self):
		sale = make_contract(
			submit=True, start_date=add_days(TODAY, -60), end_date=add_days(TODAY, 20), cm_amount=50000
		)
		purchase = make_contract(
			submit=True,
			party_type="Supplier",
			party_name=r.SUPPLIER,
			start_date=add_days(TODAY, -60),
			end_date=add_days(TODAY, 200),
		)
		f.make_sales_invoice(
			items=[(r.SERVICE_ITEM, 1, 9000)],
			date=add_days(TODAY, -50),
			due_date=add_days(TODAY, -45),
			cm_contract=sale.name,
		)
		f.make_purchase_invoice(
			items=[(r.SERVICE_ITEM, 1, 4000)],
			date=add_days(TODAY, -10),
			due_date=add_days(TODAY, -5),
			cm_contract=purchase.name,
		)
		ours = [["Contract", "name", "in", [sale.name, purchase.name]]]
		ending = [["Contract", "end_date", "between", [TODAY, add_days(TODAY, 30)]]]

		self.assertEqual(card_value("cm.viewer@example.com", "Contracts in Force", ours), 2)
		self.assertEqual(card_value(SALES, "Contracts in Force", ours), 1)
		self.assertEqual(card_value(PURCHASE, "Contracts in Force", ours), 1)
		self.assertEqual(
			card_value("cm.viewer@example.com", "Contracts Ending within 30 Days", ours + ending), 1
		)
		self.assertEqual(card_value(PURCHASE, "Contracts Ending within 30 Days", ours + ending), 0)

		filters = json.dumps({"company": r.RUB_COMPANY})
		viewer_debt = as_user("cm.viewer@example.com", get_overdue_debt_card, filters)["value"]
		purchase_debt = as_user(PURCHASE, get_overdue_debt_card, filters)["value"]
		self.assertGreaterEqual(viewer_debt, 9000)
		self.assertEqual(purchase_debt, 0, "a purchase contract user sees no sales contract's debt")
		with self.assertRaises(frappe.PermissionError):
			as_user("cm.nobody@example.com", get_overdue_debt_card, filters)

		aging = as_user(PURCHASE, contract_debt_aging.get, filters=filters)
		self.assertEqual(aging["labels"][:3], ["Not Due", "1-30", "31-60"])
		receivable, payable = aging["datasets"]
		self.assertEqual(sum(receivable["values"]), 0)
		self.assertGreaterEqual(payable["values"][1], 4000, "five days overdue")
		aging = as_user("cm.viewer@example.com", contract_debt_aging.get, filters=filters)
		self.assertGreaterEqual(aging["datasets"][0]["values"][2], 9000, "45 days overdue")

		statuses = as_user(PURCHASE, contract_status_counts.get)
		viewer_statuses = as_user("cm.viewer@example.com", contract_status_counts.get)
		self.assertLess(sum(statuses["datasets"][0]["values"]), sum(viewer_statuses["datasets"][0]["values"]))
		self.assertIn("Active", viewer_statuses["labels"])
		self.assertIsInstance(as_user(SALES, contract_claim_status_counts.get)["labels"], list)


def workspace_outline():
	"""The Contracts workspace's cards and links, in order: ("Section Break", label) or (link type, target)."""
	workspace = frappe.get_doc("Workspace", "Contracts")
	return [
		("Section Break", link.label) if link.type == "Card Break" else (link.link_type, link.link_to)
		for link in workspace.links
	]


def sidebar_outline(items):
	return [
		("Section Break", item["label"])
		if item["type"] == "Section Break"
		else (item["link_type"], item["link_to"])
		for item in items
		if not (item["type"] == "Link" and item["link_type"] == "Workspace")
	]


class TestWorkspaceSidebar(FrappeTestCase):
	"""v16's desk shows a module through its Workspace Sidebar: the app ships one whose links are the
	Contracts workspace's links (v15's desk has no such sidebar and never reads the file)."""

	def test_the_shipped_sidebar_lists_the_workspace_links_in_their_order(self):
		path = frappe.get_app_path("contract_management", "workspace_sidebar", "contracts.json")
		with open(path) as sidebar_file:
			sidebar = json.load(sidebar_file)
		self.assertEqual((sidebar["name"], sidebar["module"]), ("Contracts", "Contract Management"))
		self.assertEqual(sidebar["items"][0]["link_type"], "Workspace")
		self.assertEqual(sidebar["items"][0]["link_to"], "Contracts")
		self.assertEqual(sidebar_outline(sidebar["items"]), workspace_outline())

	def test_on_v16_each_role_of_the_app_gets_the_sidebar_with_what_it_may_open(self):
		if not frappe.db.table_exists("Workspace Sidebar"):
			self.skipTest("Frappe v15 has no Workspace Sidebar; the v16 run of the suite checks this")
		from frappe.boot import get_sidebar_items

		stored = frappe.get_doc("Workspace Sidebar", "Contracts")
		self.assertEqual(sidebar_outline([item.as_dict() for item in stored.items]), workspace_outline())
		for user in ("cm.manager@example.com", "cm.legal@example.com", SALES):
			frappe.set_user(user)
			try:
				# as the desk's boot (frappe.boot.load_desktop_data) asks for them
				workspaces = [page["name"] for page in get_workspace_sidebar_items()["pages"]]
				items = get_sidebar_items(workspaces)["contracts"]["items"]
			finally:
				frappe.set_user("Administrator")
			targets = {item["link_to"] for item in items}
			self.assertLessEqual(
				{"Contract", "Contract Amendment", "Contract Claim", *MY_REPORTS}, targets, user
			)
