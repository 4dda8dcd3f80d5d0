"""Property setters the app puts on ERPNext doctypes. Each is tagged with the app's module, so that
uninstall removes exactly these and nothing a user made."""


def get_property_setters() -> list[dict]:
	return [
		{
			# Link search and global search find a contract by its registry number and subject.
			"doc_type": "Contract",
			"property": "search_fields",
			"value": "party_name,cm_registry_number,cm_subject",
			"property_type": "Data",
		},
	]
