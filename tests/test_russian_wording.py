"""Russian as a contract department speaks it (issue 14): the app's labels and options read in the
GLOSSARY's words, never as the shared catalogues' «Тип группы», «Партия», «Исходящие», «подписанный»;
and what ERPNext shows on its own documents stays as ERPNext translates it."""

import re

import frappe
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_po_path, get_pot_path, get_translations_from_mo
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_translations_from_apps

# Russian the shared catalogues give the English the app's pages use, wrong for a contract department.
WRONG = {
	"Тип группы",
	"Название группы",
	"Партия",
	"Исходящие",
	"Входящий",
	"Входящие",
	"Пользователь Party",
	"подписанный",
	"Отклоненные",
	"Купить",
	"Опубликовать",
	"Никто",
	"Исполненная",
	"Контрактный период",
	"Грузополучатель",
	"Рекомендации",
}
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def russian(message: str, context: str | None = None) -> str:
	return frappe._(message, lang="ru", context=context)


def app_doctypes() -> list[str]:
	return [*frappe.get_all("DocType", filters={"module": "Contract Management"}, pluck="name"), "Contract"]


class TestRussianWording(FrappeTestCase):
	def test_erpnexts_contract_fields_read_in_the_contract_departments_words(self):
		meta = frappe.get_meta("Contract")
		expected = {
			"party_type": ("Counterparty Type", "Вид контрагента"),
			"party_name": ("Counterparty", "Контрагент"),
			"party_user": ("Counterparty User", "Пользователь контрагента"),
			"is_signed": ("Contract Signed", "Договор подписан"),
			"sb_terms": ("Validity Period", "Срок действия"),
		}
		shown = {
			fieldname: (meta.get_field(fieldname).label, russian(meta.get_field(fieldname).label, "Contract"))
			for fieldname in expected
		}
		self.assertEqual(shown, expected)

	def test_the_apps_catalogue_gives_its_own_msgids_their_russian(self):
		"""The merged catalogues (Frappe's, ERPNext's, then the app's) keep the app's Russian for the
		msgids only the app uses."""
		merged = get_translations_from_apps("ru")
		app = get_translations_from_mo("ru", "contract_management")
		for msgid in ("Counterparty Type", "Counterparty", "Counterparty User", "Contract Signed"):
			self.assertEqual(merged[msgid], app[msgid])
		self.assertEqual(merged["Counterparty Type"], "Вид контрагента")

	def test_erpnext_keeps_its_own_russian_for_the_shared_words(self):
		"""The app changes no shared msgid: on ERPNext's own documents (a Payment Entry's Party Type,
		a signed Contract elsewhere) the words read as Frappe and ERPNext translate them."""
		shared = get_translations_from_apps("ru", ["frappe", "erpnext"])
		for msgid in (
			"Party Type",
			"Party Name",
			"Party",
			"Party User",
			"Signed",
			"Outgoing",
			"Rejected",
			"Purchase",
		):
			self.assertEqual(russian(msgid), shared.get(msgid, msgid), msgid)

	def test_the_apps_catalogue_replaces_no_shared_russian(self):
		"""Every msgid of the app's catalogue (with no context) that Frappe or ERPNext also translate
		reads as they translate it: the app's words go under msgids or contexts of its own, never over
		what ERPNext shows on its documents and workspaces."""
		shared = get_translations_from_apps("ru", ["frappe", "erpnext"])
		app = get_translations_from_mo("ru", "contract_management")
		replaced = {
			msgid: (shared[msgid], russian_text)
			for msgid, russian_text in app.items()
			if ":" not in msgid and msgid in shared and shared[msgid] != russian_text
		}
		self.assertEqual(replaced, {})

	def test_every_message_is_translated_in_its_context(self):
		"""A msgid may stand in main.pot under several contexts (Rejected: a contract «Отклонён», a claim
		«Отклонена»): ru.po translates each pair of context and msgid."""
		with open(get_pot_path("contract_management"), "rb") as pot:
			wanted = {(message.context, message.id) for message in read_po(pot) if message.id}
		with open(get_po_path("contract_management", "ru"), "rb") as po:
			translated = {(message.context, message.id) for message in read_po(po) if message.string}
		self.assertEqual(sorted(wanted - translated, key=str), [])

	def test_the_apps_options_read_in_their_documents_words(self):
		shown = {
			(doctype, option): russian(option, doctype)
			for doctype, option in (
				("Contract", "Purchase"),
				("Contract", "Rejected"),
				("Contract", "Fulfilled"),
				("Contract Amendment", "Signed"),
				("Contract Amendment", "Rejected"),
				("Contract Claim", "Outgoing"),
				("Contract Claim", "Incoming"),
				("Contract Claim", "Sent"),
				("Contract Claim", "Rejected"),
				("Contract Claim", "In Court"),
				("Contract Claim", "Post"),
				("Contract Claim", "None"),
				("Contract Approval Visa", "Rejected"),
				("Contract Obligation", "Delivery"),
				("Contract Disagreement", "Open"),
			)
		}
		self.assertEqual(
			shown,
			{
				("Contract", "Purchase"): "Закупка",
				("Contract", "Rejected"): "Отклонён",
				("Contract", "Fulfilled"): "Исполнен",
				("Contract Amendment", "Signed"): "Подписано",
				("Contract Amendment", "Rejected"): "Отклонено",
				("Contract Claim", "Outgoing"): "Исходящая",
				("Contract Claim", "Incoming"): "Входящая",
				("Contract Claim", "Sent"): "Направлена",
				("Contract Claim", "Rejected"): "Отклонена",
				("Contract Claim", "In Court"): "Передана в суд",
				("Contract Claim", "Post"): "Почтой",
				("Contract Claim", "None"): "Без неустойки",
				("Contract Approval Visa", "Rejected"): "Отклонено",
				("Contract Obligation", "Delivery"): "Поставка",
				("Contract Disagreement", "Open"): "Открыто",
			},
		)

	def test_no_label_or_option_of_the_apps_documents_reads_wrong_or_in_english(self):
		"""Every shown field of the app's doctypes and of Contract: its label and its Select options,
		translated as the desk translates them (with the doctype as context)."""
		problems = []
		for doctype in app_doctypes():
			for df in frappe.get_meta(doctype).fields:
				if df.hidden or df.fieldtype == "Column Break":
					continue
				shown = []
				if df.label:
					shown.append(("label", df.label))
				if df.fieldtype == "Select" and df.options:
					shown += [("option", option) for option in df.options.split("\n") if option.strip()]
				for kind, english in shown:
					text = russian(english, doctype)
					if text in WRONG or not CYRILLIC.search(text) or text[0].islower():
						problems.append(f"{doctype}.{df.fieldname} {kind} {english!r}: {text!r}")
		self.assertEqual(problems, [])
