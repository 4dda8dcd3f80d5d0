"""The shipped contract types Supply, Services and Works get their subject (goods, services, works), which
decides the primary documents their deliveries, receipts and invoices expect. Types a user already gave
a subject keep it. Runs once; new installs get the subjects with the types (setup/defaults.py)."""

from contract_management.setup.defaults import ensure_contract_type_subjects


def execute():
	ensure_contract_type_subjects()
