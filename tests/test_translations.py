"""Russian is complete and works right after install, with no manual compile step."""

import frappe
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_method_map, get_mo_path, get_po_path, get_pot_path
from frappe.tests.utils import FrappeTestCase

from contract_management.setup.translations import compile_app_translations
from tests import records as r

APP = "contract_management"


def read_catalog(path, locale=None):
	with open(path, "rb") as po_file:
		return read_po(po_file, locale=locale)


def extract_app_messages() -> set[str]:
	"""What `bench generate-pot-file --app contract_management` would put in main.pot today."""
	app_path = frappe.get_pymodule_path(APP, "..")
	method_map = get_method_map(APP) + get_method_map("frappe")
	keywords = {**DEFAULT_KEYWORDS, "_lt": None}
	return {
		message
		for _filename, _lineno, message, _comments, _context in extract_from_dir(
			app_path,
			method_map,
			keywords=keywords,
			directory_filter=lambda path: not path.rsplit("/", 1)[-1].startswith((".", "_", "node_modules")),
		)
		if message
	}


class TestTranslations(FrappeTestCase):
	def test_install_left_a_compiled_catalogue(self):
		self.assertTrue(get_mo_path(APP, "ru").exists(), "ru.mo must exist without a manual compile")

	def test_strings_come_out_in_russian_for_a_russian_user(self):
		self.assertEqual(frappe.db.get_value("User", r.RUSSIAN_USER, "language"), "ru")
		frappe.set_user(r.RUSSIAN_USER)
		frappe.local.lang = frappe.translate.get_user_lang(r.RUSSIAN_USER)
		self.assertEqual(frappe.local.lang, "ru")
		self.assertEqual(frappe._("Registry Number"), "Регистрационный номер")
		self.assertEqual(
			frappe._("Registry number {0} is already used by contract {1} of company {2}.").format(
				"Д-1", "Д-1", "X"
			),
			"Регистрационный номер Д-1 уже присвоен договору Д-1 компании X.",
		)

	def test_english_user_keeps_english(self):
		frappe.local.lang = "en"
		self.assertEqual(frappe._("Registry Number"), "Registry Number")

	def test_every_message_of_the_code_is_in_main_pot(self):
		pot_ids = {message.id for message in read_catalog(get_pot_path(APP)) if message.id}
		missing = sorted(extract_app_messages() - pot_ids)
		self.assertEqual(missing, [], "run `bench generate-pot-file --app contract_management`")

	def test_every_message_of_main_pot_is_translated_to_russian(self):
		pot_ids = {message.id for message in read_catalog(get_pot_path(APP)) if message.id}
		russian = {message.id: message.string for message in read_catalog(get_po_path(APP, "ru"), "ru")}
		untranslated = sorted(msgid for msgid in pot_ids if not russian.get(msgid))
		self.assertEqual(untranslated, [], "ru.po must translate every message of main.pot")

	def test_compiling_again_is_a_no_op_when_nothing_changed(self):
		compile_app_translations()
		self.assertEqual(compile_app_translations(), [])
