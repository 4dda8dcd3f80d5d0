from contract_management.setup.install import apply_custom_fields, apply_property_setters


def execute():
	apply_custom_fields()
	apply_property_setters()
