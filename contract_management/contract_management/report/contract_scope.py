"""The contracts a report may show: the report's contract filters, narrowed by the same row-level rule
as the Contract list, applied by Frappe's own permission machinery (`frappe.get_list`), never re-derived.

Reports use it as a subquery, so a report costs the same number of queries for 1 contract or 20.
"""

import frappe
from pypika.terms import Term

from contract_management.services.access import restriction

# report filter -> Contract field
CONTRACT_FILTERS = {
	"company": "cm_company",
	"direction": "cm_direction",
	"contract": "name",
	"contract_type": "cm_contract_type",
	"responsible": "cm_responsible",
	"department": "cm_department",
	"status": "cm_status",
}


class _SQL(Term):
	"""A ready SELECT inside a query-builder query. The builder's run() passes named parameters to
	the driver, which then reads '%' as a placeholder: it is doubled here."""

	def __init__(self, sql: str):
		super().__init__()
		self.sql = sql

	def get_sql(self, **kwargs):
		return "({})".format(self.sql.replace("%", "%%"))


def contract_filters(filters, skip: tuple[str, ...] = ()) -> dict:
	return {
		field: filters.get(key)
		for key, field in CONTRACT_FILTERS.items()
		if filters.get(key) and key not in skip
	}


def needs_contract(filters, skip: tuple[str, ...] = ()) -> bool:
	"""Rows outside any contract fit only when no contract filter is set and the user sees every
	contract."""
	return bool(contract_filters(filters, skip)) or restriction() is not None


def visible_contracts(filters, skip: tuple[str, ...] = ()) -> Term:
	"""A subquery of the names of the contracts that match the report's filters and that the user may
	see, as the Contract list shows them (permission_query_conditions and user permissions)."""
	sql = frappe.get_list(
		"Contract",
		filters=contract_filters(filters, skip),
		fields=["`tabContract`.`name`"],
		order_by=None,
		run=0,
	)
	return _SQL(sql)
