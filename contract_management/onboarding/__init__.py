"""Bringing existing contracts into the app: Data Import of contracts and supplementary agreements
(contract_import) and the set-based backfill of contracts made in ERPNext before the app
(registry_backfill).

May import: contracts, common and setup. Independent of claims and reminders.
"""
