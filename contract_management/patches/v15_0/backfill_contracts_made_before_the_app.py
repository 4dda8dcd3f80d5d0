"""Contracts made in ERPNext before the app gain company, direction, party links and registry number,
set-based (onboarding/registry_backfill.py). Every migrate runs the same fill after this; the patch does
it once on sites that already had the app when the fill was added."""

from contract_management.onboarding.registry_backfill import backfill_contracts


def execute():
	backfill_contracts()
