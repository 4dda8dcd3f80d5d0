"""Russian must work right after install: Frappe v15 reads an app's .po only once compiled to .mo."""

from babel.messages.pofile import read_po
from frappe.gettext.translate import get_locales, get_mo_path, get_po_path, write_binary
from frappe.translate import clear_cache as clear_translation_cache

APP = "contract_management"


def compile_app_translations(force: bool = False) -> list[str]:
	"""Compile every locale/<lang>.po of the app whose .mo is missing or older. Returns the compiled locales."""
	compiled = []
	for locale in get_locales(APP):
		po_path = get_po_path(APP, locale)
		mo_path = get_mo_path(APP, locale)
		if not po_path.exists():
			continue
		if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
			continue
		with open(po_path, "rb") as po_file:
			catalog = read_po(po_file)
		write_binary(APP, catalog, locale)
		compiled.append(locale)

	if compiled:
		clear_translation_cache()
	return compiled
