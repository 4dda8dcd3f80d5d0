from contract_management.setup.install import apply_app_setup


def execute():
	apply_app_setup()
