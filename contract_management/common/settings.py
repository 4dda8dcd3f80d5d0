"""Contract Management Settings as the services read them.

Services read the settings here, never from the doctype's controller: controllers call services, and
services never import controllers.
"""

import frappe

SETTINGS = "Contract Management Settings"


def get_settings():
	"""The settings as a cached document; a fresh site gets the field defaults."""
	return frappe.get_cached_doc(SETTINGS)
