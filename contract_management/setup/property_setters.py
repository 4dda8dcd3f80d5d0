"""Property setters the app puts on ERPNext doctypes. Each is tagged with the app's module, so that
uninstall removes exactly these and nothing a user made."""

# ERPNext's Contract fields, relabelled; after each, its shared msgid and the Russian it read as.
# (Dicts with "label", so the app's extractor puts them in main.pot.)
CONTRACT_LABELS = (
	{"fieldname": "party_type", "label": "Counterparty Type"},  # Party Type: «Тип группы»
	{"fieldname": "party_name", "label": "Counterparty"},  # Party Name: «Название группы»
	{"fieldname": "party_user", "label": "Counterparty User"},  # Party User: «Пользователь Party»
	{"fieldname": "is_signed", "label": "Contract Signed"},  # Signed: «подписанный»
	{"fieldname": "sb_terms", "label": "Validity Period"},  # Contract Period: «Контрактный период»
	{"fieldname": "sb_signee", "label": "Signing Details"},  # Signee Details: «Информация о подписчике»
	{"fieldname": "signee", "label": "Signed by Person"},  # Signee: «Грузополучатель»
	{"fieldname": "sb_contract", "label": "Contract Text"},  # Contract Details: «Информация о контракте»
	{"fieldname": "sb_references", "label": "Source Document"},  # References: «Рекомендации»
)


def get_property_setters() -> list[dict]:
	return [
		{
			# Link search and global search find a contract by its registry number and subject.
			"doc_type": "Contract",
			"property": "search_fields",
			"value": "party_name,cm_registry_number,cm_subject",
			"property_type": "Data",
		},
		# The card has one status people read, the app's Contract Status. ERPNext's own Unsigned /
		# Active / Inactive is derived from it and kept out of sight.
		{
			"doc_type": "Contract",
			"field_name": "status",
			"property": "hidden",
			"value": "1",
			"property_type": "Check",
		},
		{
			"doc_type": "Contract",
			"field_name": "status",
			"property": "in_list_view",
			"value": "0",
			"property_type": "Check",
		},
		{
			"doc_type": "Contract",
			"field_name": "status",
			"property": "in_standard_filter",
			"value": "0",
			"property_type": "Check",
		},
		{
			"doc_type": "Contract",
			"property": "title_field",
			"value": "party_name",
			"property_type": "Data",
		},
		# The card in tabs (setup/custom_fields.py): ERPNext's Contract Details (template and terms)
		# open the Terms tab, not folded away in it.
		{
			"doc_type": "Contract",
			"field_name": "sb_contract",
			"property": "collapsible",
			"value": "0",
			"property_type": "Check",
		},
		# Labels of ERPNext's own fields on Contract whose shared Russian is wrong for a contract
		# department («Тип группы», «Название группы», «Пользователь Party», «подписанный»,
		# «Грузополучатель», «Рекомендации»...): the app gives them English of its own, which its
		# catalogue translates and no merged catalogue can overwrite. Only on Contract.
		*(
			{
				"doc_type": "Contract",
				"field_name": relabel["fieldname"],
				"property": "label",
				"value": relabel["label"],
				"property_type": "Data",
			}
			for relabel in CONTRACT_LABELS
		),
		# Link search finds a customer or supplier by its tax id (ИНН): ERPNext's own search fields,
		# and tax_id. Frappe's link search reads them for both doctypes (ERPNext v15 has no standard
		# query for them).
		{
			"doc_type": "Customer",
			"property": "search_fields",
			"value": "customer_group,territory,mobile_no,primary_address,tax_id",
			"property_type": "Data",
		},
		{
			"doc_type": "Supplier",
			"property": "search_fields",
			"value": "supplier_group,tax_id",
			"property_type": "Data",
		},
	]
