"""Custom fields the app adds to ERPNext doctypes, defined in code.

Every fieldname starts with `cm_` so it never clashes with ERPNext's or another app's fields.
`after_install` creates them, a patch re-applies them on migrate, `before_uninstall` deletes them.
"""

DIRECTIONS = ("Sales", "Purchase", "Other")


def get_custom_fields() -> dict[str, list[dict]]:
	return {"Contract": _contract_fields()}


def _contract_fields() -> list[dict]:
	return [
		{
			"fieldname": "cm_registry_section",
			"fieldtype": "Section Break",
			"label": "Contract Registry",
			"insert_after": "fulfilment_status",
		},
		{
			"fieldname": "cm_registry_number",
			"fieldtype": "Data",
			"label": "Registry Number",
			"insert_after": "cm_registry_section",
			"search_index": 1,
			"in_list_view": 1,
			"in_standard_filter": 1,
			"allow_on_submit": 0,
			"no_copy": 1,
			"description": "The company's own number of the contract. Left empty, it is given by the numbering rule of the company and direction.",
		},
		{
			"fieldname": "cm_counterparty_number",
			"fieldtype": "Data",
			"label": "Counterparty's Number",
			"insert_after": "cm_registry_number",
			"no_copy": 1,
		},
		{
			"fieldname": "cm_contract_date",
			"fieldtype": "Date",
			"label": "Contract Date",
			"insert_after": "cm_counterparty_number",
			"search_index": 1,
			"default": "Today",
		},
		{
			"fieldname": "cm_registry_column",
			"fieldtype": "Column Break",
			"insert_after": "cm_contract_date",
		},
		{
			"fieldname": "cm_company",
			"fieldtype": "Link",
			"label": "Company",
			"options": "Company",
			"insert_after": "cm_registry_column",
			"search_index": 1,
			"in_standard_filter": 1,
			"remember_last_selected_value": 1,
		},
		{
			"fieldname": "cm_direction",
			"fieldtype": "Select",
			"label": "Direction",
			"options": "\n" + "\n".join(DIRECTIONS),
			"insert_after": "cm_company",
			"search_index": 1,
			"in_standard_filter": 1,
			"in_list_view": 1,
			"description": "Sales contracts are made with customers, purchase contracts with suppliers.",
		},
		{
			"fieldname": "cm_subject",
			"fieldtype": "Small Text",
			"label": "Subject",
			"insert_after": "cm_direction",
		},
	]
