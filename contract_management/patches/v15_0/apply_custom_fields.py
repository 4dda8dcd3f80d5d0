from contract_management.install import apply_app_setup


def execute():
	apply_app_setup()
