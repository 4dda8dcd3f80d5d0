"""Flow 7: a user whose language is Russian reads the app's pages in Russian: the lists, the cards
(tab by tab), the buttons, the statuses, the dialogs and the messages.

The sweep photographs every list, form and dialog of the app, and fails on a visible label still in
English or reading as one of the shared catalogues' renderings that are wrong for a contract department
(«Тип группы», «Партия», «Исходящие», «Пользователь Party», a status in lower case...)."""

import re

import frappe
from playwright.sync_api import expect

from tests.browser import records as b
from tests.test_access import LEGAL

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# The app's own fields on the card, by their English labels.
APP_LABELS = {
	"cm_status": "Contract Status",
	"cm_registry_number": "Registry Number",
	"cm_contract_date": "Contract Date",
	"cm_contract_type": "Contract Type",
	"cm_direction": "Direction",
	"cm_subject": "Contract Subject",
	"cm_amount": "Contract Amount",
	"cm_vat_mode": "VAT",
	"cm_amount_with_vat": "Amount Including VAT",
	"cm_approval_route": "Approval Route",
	"cm_visas": "Visas",
}
# What the shared Frappe and ERPNext catalogues make of the words the app's pages use, wrong for a
# contract department (GLOSSARY.md): never shown on the app's pages.
WRONG = (
	"Тип группы",  # Party Type
	"Название группы",  # Party Name
	"Партия",  # Party
	"Исходящие",  # Outgoing (a claim)
	"Входящий",  # Incoming (a claim)
	"Входящие",  # Incoming
	"Пользователь Party",  # Party User
	"подписанный",  # Signed
	"Отклоненные",  # Rejected
	"Купить",  # Purchase (a contract's direction)
	"Опубликовать",  # Post (a claim sent by post)
	"Никто",  # None (no penalty)
	"Исполненная",  # Fulfilled
	"Контрактный период",  # Contract Period
	"Грузополучатель",  # Signee
	"Рекомендации",  # References
)
# Words that read the same in Russian: abbreviations and names. And Frappe's own view switcher, which
# Frappe's Russian leaves in English on every list of the desk ("List View"): not the app's label.
NOT_ENGLISH = {"ID", "EDI", "PDF", "CSV", "URL", "E-mail", "Email", "List View"}

# Every visible label of the page shown and of the dialog on top of it: titles, buttons, tabs, sections,
# field labels, column heads, filters' placeholders, status pills and the values of Select fields
# (which the desk translates); and the whole visible text, in which the wrong renderings are looked for.
LABELS_JS = """() => {
	const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
	const modal = $('.modal.show:visible').last()[0];
	const roots = modal ? [modal] : [frappe.container.page].filter(Boolean);
	const selectors = [
		'.page-head .page-actions button', '.page-head .page-actions .btn',
		'.page-head .indicator-pill', '.form-tabs .nav-link', '.form-section .section-head',
		'.frappe-control .control-label', '.frappe-control .label-area',
		'.grid-heading-row .static-area', '.list-row-head .list-row-col', '.list-row-head .list-subject',
		'.list-row .indicator-pill', '.form-links .form-link-title', '.modal-title',
		'.modal-footer .btn', '.frappe-control[data-fieldtype="Select"] .control-value',
	];
	const labels = [];
	for (const root of roots) {
		for (const el of root.querySelectorAll(selectors.join(','))) {
			if (!visible(el) || el.closest('.layout-side-section, .title-area')) continue;
			const text = (el.innerText || '').replace(/\\s+/g, ' ').trim();
			if (text) labels.push(text);
		}
		for (const el of root.querySelectorAll('.standard-filter-section input[placeholder]')) {
			if (visible(el)) labels.push(el.getAttribute('placeholder'));
		}
		for (const select of root.querySelectorAll('.frappe-control select')) {
			const option = select.options[select.selectedIndex];
			if (visible(select) && option && option.text.trim()) labels.push(option.text.trim());
		}
	}
	// Every text on the page, with where it is: the field (or else the element's class) holding it.
	const texts = [];
	for (const root of roots) {
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		while (walker.nextNode()) {
			const node = walker.currentNode;
			const text = node.textContent.trim();
			const element = node.parentElement;
			const shown = element.tagName === 'OPTION' ? element.parentElement : element;
			if (!text || !shown || !visible(shown) || ['SCRIPT', 'STYLE'].includes(element.tagName)) continue;
			const field = element.closest('[data-fieldname]');
			const where = field ? field.getAttribute('data-fieldname') : element.className || element.tagName;
			texts.push([where, text]);
		}
	}
	return {labels: [...new Set(labels)], texts};
}"""


def english(label: str) -> bool:
	return bool(LATIN_WORD.search(label)) and not CYRILLIC.search(label) and label not in NOT_ENGLISH


def check_russian(desk, page_name: str, problems: list[str]):
	"""Photographs the page (or the dialog on top) and notes every label in English or wrongly
	rendered."""
	desk.shot(f"7-ru-{page_name}")
	seen = desk.page.evaluate(LABELS_JS)
	for label in seen["labels"]:
		if english(label):
			problems.append(f"{page_name}: in English: {label!r}")
	for where, text in seen["texts"]:
		for wrong in WRONG:
			if re.search(rf"(?<![А-Яа-яЁё]){wrong}(?![А-Яа-яЁё])", text):
				problems.append(f"{page_name}: {where} reads {wrong!r}: {text[:80]!r}")
	for label in seen["labels"]:
		if CYRILLIC.match(label) and label[0].islower():
			problems.append(f"{page_name}: in lower case: {label!r}")


def open_list(desk, doctype: str):
	desk.go(f"/app/{doctype.lower().replace(' ', '-')}")
	desk.page.wait_for_function("(doctype) => window.cur_list && cur_list.doctype === doctype", arg=doctype)
	desk.settle()


def every_tab(desk, page_name: str, problems: list[str]):
	tabs = desk.page.locator(".form-tabs .nav-link:visible")
	if not tabs.count():
		check_russian(desk, page_name, problems)
		return
	for index in range(tabs.count()):
		tabs.nth(index).click()
		desk.settle()
		check_russian(desk, f"{page_name}-tab-{index + 1}", problems)


def close_dialog(desk):
	desk.dialog().locator(".btn-modal-close").first.click()
	expect(desk.page.locator(".modal.show:visible")).to_have_count(0)


def test_7_russian_user_reads_the_contract_in_russian(desk_as):
	name = b.contract_on_approval(cm_subject="Поставка насосов")
	desk = desk_as(LEGAL)  # the shared fixtures' Russian user
	page = desk.page

	desk.go(f"/app/contract?name={name}")
	page.wait_for_function("() => window.cur_list && cur_list.doctype === 'Contract'")
	desk.settle()
	row = page.locator(".list-row-container", has=page.locator(f'a[data-name="{name}"]')).first
	expect(row).to_contain_text(b.translated("On Approval", context="Contract Status"))
	desk.shot("7-ru-contract-list")

	desk.open_form("Contract", name)
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(
		b.translated("On Approval", context="Contract Status")
	)
	for fieldname, english_label in APP_LABELS.items():
		label = desk.field(fieldname).locator(".control-label, .grid-heading-row .col, label").first
		expect(label).to_contain_text(b.translated(english_label))
		assert CYRILLIC.search(b.translated(english_label)), f"{english_label} has no Russian translation"
	# ERPNext's own fields on the card read as a contract department says them, not as the shared
	# catalogues' «Тип группы» / «Название группы».
	expect(desk.field("party_type").locator(".control-label").first).to_have_text("Вид контрагента")
	expect(desk.field("party_name").locator(".control-label").first).to_have_text("Контрагент")
	visa_group = b.translated("Visa: {0}").format("Legal visa")
	expect(page.locator(".page-head:visible .inner-group-button button", has_text=visa_group)).to_be_visible()
	desk.shot("7-ru-contract-on-approval")

	# A refusal, in Russian: a visa «with remarks» without them is refused by the form.
	desk.button(b.translated("Reject"), group=visa_group)
	dialog = desk.dialog()
	expect(dialog.locator(".modal-title")).to_have_text(b.translated("Reject"))
	dialog.locator(".modal-footer .btn-primary").click()
	expect(page.locator(".modal.show:visible").last).to_contain_text(desk.__("Missing Values Required"))
	assert CYRILLIC.search(desk.__("Missing Values Required"))
	desk.shot("7-ru-visa-needs-remarks")


def sweep_records():
	"""A signed contract with a supplementary agreement and an outgoing claim, for the sweep, and a purchase
	contract: made here, the list's first page shows the Direction of both kinds."""
	from tests.amendments import make_amendment

	b.committed_contract(
		party_type="Supplier", party_name=b.SUPPLIER, cm_direction="Purchase", cm_subject="Закупка клапанов"
	)
	name = b.signed_contract(cm_subject="Поставка насосов", cm_amount=120000)
	frappe.set_user("Administrator")
	end_date = frappe.db.get_value("Contract", name, "end_date")
	amendment = make_amendment(
		name, reason="Продление на год", new_end_date=frappe.utils.add_days(end_date, 365)
	)
	claim = frappe.get_doc(
		{
			"doctype": "Contract Claim",
			"direction": "Outgoing",
			"basis": "Other",
			"company": frappe.db.get_value("Contract", name, "cm_company"),
			"party_type": "Customer",
			"party": b.CUSTOMER,
			"contract": name,
			"drafted_on": frappe.utils.today(),
			"delivery_method": "Post",
			"penalty_method": "None",
			"documents": [
				{
					"reference_doctype": "Other",
					"description": "Акт № 7",
					"due_date": frappe.utils.add_days(frappe.utils.today(), -30),
					"amount": 50000,
					"unpaid_amount": 50000,
				}
			],
		}
	).insert()
	# The served site, in another process, sees only committed records.
	frappe.db.commit()  # nosemgrep
	return name, amendment.name, claim.name


def test_7_russian_manager_sees_every_page_of_the_app_in_russian(desk_as):
	contract, amendment, claim = sweep_records()
	desk = desk_as(b.RUSSIAN_MANAGER)
	page = desk.page
	problems: list[str] = []

	open_list(desk, "Contract")
	check_russian(desk, "contract-list", problems)
	desk.open_form("Contract", contract)
	every_tab(desk, "contract", problems)
	# The visas' roles, which a Contract Manager may not open, read in Russian too.
	desk.show_tab_of("cm_visas")
	expect(desk.field("cm_visas").locator(".grid-body")).to_contain_text(b.translated("Legal Counsel"))
	# The dialog of a new claim from the contract (its basis).
	desk.button(desk.__("Outgoing Claim"), group=desk.__("Create"))
	desk.dialog()
	check_russian(desk, "contract-claim-dialog", problems)
	close_dialog(desk)

	open_list(desk, "Contract Amendment")
	check_russian(desk, "amendment-list", problems)
	desk.open_form("Contract Amendment", amendment)
	every_tab(desk, "amendment", problems)

	open_list(desk, "Contract Claim")
	check_russian(desk, "claim-list", problems)
	desk.button(desk.__("Claims for Overdue Debts"))
	desk.dialog()
	check_russian(desk, "claims-for-overdue-debts-dialog", problems)
	close_dialog(desk)
	desk.open_form("Contract Claim", claim)
	expect(desk.field("direction").locator("select").first).to_have_value("Outgoing")
	expect(desk.field("direction").locator("select option:checked").first).to_have_text("Исходящая")
	every_tab(desk, "claim", problems)

	desk.go("/app/contract-management-settings")
	desk.wait_form("Contract Management Settings")
	every_tab(desk, "settings", problems)

	open_list(desk, "Contract Approval Route")
	check_russian(desk, "approval-route-list", problems)
	desk.open_form("Contract Approval Route", b.ROUTE)
	every_tab(desk, "approval-route", problems)

	open_list(desk, "Contract Type")
	check_russian(desk, "contract-type-list", problems)
	desk.open_form("Contract Type", b.CONTRACT_TYPE)
	every_tab(desk, "contract-type", problems)

	open_list(desk, "Key Rate")
	check_russian(desk, "key-rate-list", problems)
	desk.go("/app/key-rate/new")
	desk.wait_form("Key Rate")
	every_tab(desk, "key-rate", problems)

	open_list(desk, "Contract Reminder Log")
	check_russian(desk, "reminder-log-list", problems)

	assert page.evaluate("() => frappe.boot.lang") == "ru"
	assert problems == [], "\n".join(problems)
