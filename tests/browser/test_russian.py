"""Flow 7: a user whose language is Russian reads the app's list, card, buttons, statuses and
messages in Russian."""

import re

from playwright.sync_api import expect

from tests.browser import records as b
from tests.test_access import LEGAL

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
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


def test_7_russian_user_reads_the_contract_in_russian(desk_as):
	name = b.contract_on_approval(cm_subject="Поставка насосов")
	desk = desk_as(LEGAL)  # the shared fixtures' Russian user
	page = desk.page

	desk.go(f"/app/contract?name={name}")
	page.wait_for_function("() => window.cur_list && cur_list.doctype === 'Contract'")
	desk.settle()
	row = page.locator(".list-row-container", has=page.locator(f'a[data-name="{name}"]')).first
	expect(row).to_contain_text(b.translated("On Approval"))
	desk.shot("7-ru-contract-list")

	desk.open_form("Contract", name)
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text(b.translated("On Approval"))
	for fieldname, english in APP_LABELS.items():
		label = desk.field(fieldname).locator(".control-label, .grid-heading-row .col, label").first
		expect(label).to_contain_text(b.translated(english))
		assert CYRILLIC.search(b.translated(english)), f"{english} has no Russian translation"
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
