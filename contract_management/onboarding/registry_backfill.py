"""Contracts made in ERPNext before the app was installed: their registry data filled in set-based.

Such contracts have no company, direction, party links or registry number; a save would give them
these (contracts/registry.py), but nobody saves ten thousand old contracts. Install, every migrate and a
patch fill them instead, without a save per contract: one UPDATE per field for company, direction and
party links, the registry numbers computed in Python by the very series a save would use and written a
thousand contracts per UPDATE. Only empty fields are filled, so a second run changes nothing.
"""

import frappe
from frappe.query_builder import Case

from contract_management.contracts.lifecycle import APPROVAL_STATUSES, update_statuses
from contract_management.contracts.registry import (
	DIRECTION_BY_PARTY_TYPE,
	ensure_series_at_least,
	get_registry_series,
	series_prefix,
)

CHUNK = 1000


def backfill_contracts() -> int:
	"""Fill the registry data of contracts that lack it; returns how many registry numbers it gave."""
	if not frappe.db.has_column("Contract", "cm_registry_number"):
		return 0  # the app's fields are not there yet: install or migrate makes them, then runs this
	contract = frappe.qb.DocType("Contract")
	company = default_company()
	if company:
		frappe.qb.update(contract).set(contract.cm_company, company).where(_empty(contract.cm_company)).run()
	direction = Case()
	for party_type, value in DIRECTION_BY_PARTY_TYPE.items():
		direction = direction.when(contract.party_type == party_type, value)
	(
		frappe.qb.update(contract)
		.set(contract.cm_direction, direction.else_("Other"))
		.where(_empty(contract.cm_direction))
	).run()
	for party_type, field in (("Customer", contract.cm_customer), ("Supplier", contract.cm_supplier)):
		(
			frappe.qb.update(contract)
			.set(field, contract.party_name)
			.where(contract.party_type == party_type)
			.where(_empty(field))
			.where(contract.party_name.isnotnull())
		).run()
	numbered = assign_registry_numbers()
	set_statuses_of_old_contracts()
	return numbered


def set_statuses_of_old_contracts():
	"""Old contracts hold the status field's default, Draft, whatever they are. Cancelled ones are set
	as on_cancel sets them; when a signed one still says Draft (or another status of before signing),
	the daily status moves run now (set-based, contracts/lifecycle.py) rather than next night."""
	contract = frappe.qb.DocType("Contract")
	(
		frappe.qb.update(contract)
		.set(contract.cm_status, "Cancelled")
		.where(contract.docstatus == 2)
		.where(_empty(contract.cm_status) | (contract.cm_status != "Cancelled"))
	).run()
	signed_as_draft = (
		frappe.qb.from_(contract)
		.select(contract.name)
		.where(contract.docstatus == 1)
		.where(_empty(contract.cm_status) | contract.cm_status.isin(APPROVAL_STATUSES))
		.limit(1)
	).run()
	if signed_as_draft:
		update_statuses()


def default_company() -> str | None:
	"""The company a save would give (contracts/registry.py), or the site's only company."""
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	if company:
		return company
	companies = frappe.get_all("Company", pluck="name", limit=2)
	return companies[0] if len(companies) == 1 else None


def assign_registry_numbers() -> int:
	"""Number every contract without a registry number by the series of its company and direction, in
	the order the contracts were made. Each series continues from its counter or from the highest
	number already given in it, whichever is higher, and its counter ends at the last number given,
	so that the next new contract takes the next number."""
	contract = frappe.qb.DocType("Contract")
	rows = (
		frappe.qb.from_(contract)
		.select(
			contract.name,
			contract.cm_company,
			contract.cm_direction,
			contract.party_type,
			contract.party_name,
		)
		.where(_empty(contract.cm_registry_number))
		.where(contract.cm_company.isnotnull() & (contract.cm_company != ""))
		.orderby(contract.creation)
		.orderby(contract.name)
	).run(as_dict=True)
	if not rows:
		return 0

	by_prefix: dict[str, list] = {}
	digits_of: dict[str, int] = {}
	series_of: dict[tuple, str] = {}
	for row in rows:
		key = (row.cm_company, row.cm_direction)
		if key not in series_of:
			series_of[key] = get_registry_series(*key)
		prefix, digits = series_prefix(series_of[key], row)
		by_prefix.setdefault(prefix, []).append(row.name)
		digits_of[prefix] = digits

	numbers = {}
	for prefix, names in by_prefix.items():
		last = highest_number_given(prefix)
		for name in names:
			last += 1
			numbers[name] = prefix + str(last).zfill(digits_of[prefix])
		ensure_series_at_least(prefix, last)

	names = list(numbers)
	for start in range(0, len(names), CHUNK):
		chunk = names[start : start + CHUNK]
		number = Case()
		for name in chunk:
			number = number.when(contract.name == name, numbers[name])
		(
			frappe.qb.update(contract)
			.set(contract.cm_registry_number, number)
			.where(contract.name.isin(chunk))
			.where(_empty(contract.cm_registry_number))
		).run()
	return len(numbers)


def highest_number_given(prefix: str) -> int:
	"""The series counter of `prefix` (locked until the transaction ends) or the highest number of the
	series a contract already has, whichever is higher."""
	series = frappe.qb.DocType("Series")
	counter = (frappe.qb.from_(series).select(series.current).where(series.name == prefix).for_update()).run()
	current = (counter[0][0] or 0) if counter else 0
	contract = frappe.qb.DocType("Contract")
	pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
	given = (
		frappe.qb.from_(contract)
		.select(contract.cm_registry_number)
		.where(contract.cm_registry_number.like(pattern))
	).run(pluck=True)
	suffixes = [int(number[len(prefix) :]) for number in given if number[len(prefix) :].isdigit()]
	return max([current, *suffixes])


def _empty(field):
	return field.isnull() | (field == "")
