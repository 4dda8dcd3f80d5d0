"""doc_events of ERPNext's Contract. Thin: each event delegates to the service that owns the rule."""

from contract_management.services import registry


def before_insert(doc, method=None):
	registry.set_registry_defaults(doc)
	registry.assign_registry_number(doc)


def autoname(doc, method=None):
	registry.name_by_registry_number(doc)


def validate(doc, method=None):
	# Contracts made before the app was installed gain their registry data on their next save.
	registry.set_registry_defaults(doc)
	registry.assign_registry_number(doc)
	registry.validate_direction(doc)
	registry.validate_registry_number_unique(doc)
