"""Russian must work right after install: Frappe v15 reads an app's .po only once compiled to .mo."""

from pathlib import Path

from babel.messages.pofile import read_po
from frappe.gettext.translate import get_locales, get_mo_path, get_po_path, write_binary
from frappe.translate import clear_cache as clear_translation_cache
from frappe.translate import get_translations_from_apps

APP = "contract_management"
# The apps whose Russian the app's catalogue never replaces: their words stay theirs on their documents.
SHARED_APPS = ("frappe", "erpnext")


def compile_app_translations(force: bool = False) -> list[str]:
	"""Compile every locale/<lang>.po of the app whose .mo is missing or older than its .po, than
	Frappe's and ERPNext's catalogues or than this module. Returns the compiled locales."""
	compiled = []
	for locale in get_locales(APP):
		po_path = get_po_path(APP, locale)
		mo_path = get_mo_path(APP, locale)
		if not po_path.exists():
			continue
		# This module too: its rule for the shared words is part of what the .mo holds.
		sources = [po_path, Path(__file__), *(get_mo_path(app, locale) for app in SHARED_APPS)]
		newest_source = max(path.stat().st_mtime for path in sources if path.exists())
		if not force and mo_path.exists() and mo_path.stat().st_mtime >= newest_source:
			continue
		with open(po_path, "rb") as po_file:
			catalog = read_po(po_file)
		_keep_shared_words(catalog, locale)
		write_binary(APP, catalog, locale)
		compiled.append(locale)

	if compiled:
		clear_translation_cache()
	return compiled


def _keep_shared_words(catalog, locale: str) -> None:
	"""A msgid with no context that Frappe or ERPNext translate is theirs: the app's .po copies their
	words, and where the installed major words it otherwise (ERPNext v16 has new Russian for some), the
	app's copy is left out of the compiled catalogue rather than replace theirs."""
	shared = get_translations_from_apps(locale, list(SHARED_APPS))
	for message in list(catalog):
		if message.id and not message.context and isinstance(message.id, str):
			if message.id in shared and message.string and shared[message.id] != message.string:
				catalog.delete(message.id)
