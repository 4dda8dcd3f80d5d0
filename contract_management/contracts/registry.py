"""The contract registry: company, direction and the company's own registry number of each contract."""

import frappe
from frappe import _
from frappe.model.naming import NamingSeries, append_number_if_name_exists, make_autoname, parse_naming_series

from contract_management.common.settings import get_settings

DIRECTION_BY_PARTY_TYPE = {"Customer": "Sales", "Supplier": "Purchase", "Employee": "Other"}
PARTY_TYPE_BY_DIRECTION = {"Sales": "Customer", "Purchase": "Supplier"}

# The app's own terms of a contract, which only people and flows of the app set: the app fills none of
# them itself and none has a default. A contract that carries one is kept through the app.
APP_TERMS = (
	"cm_amount",
	"cm_is_framework",
	"cm_contract_type",
	"cm_subject",
	"cm_auto_prolongation",
	"cm_approval_route",
)


def mark_managed(contract) -> bool:
	"""Whether the contract department keeps this contract through the app: it was made on the card
	(public/js/contract.js marks a new one), sent for approval, or given one of the app's terms. The
	mark stays once set. A contract made by ERPNext's code, another app or an integration through the
	REST API sets none of them: the app then fills its registry data but neither refuses it, renames it,
	nor touches ERPNext's own status and signing fields."""
	if not contract.get("cm_managed") and any(contract.get(field) for field in APP_TERMS):
		contract.cm_managed = 1
	return bool(contract.get("cm_managed"))


def is_managed(contract) -> bool:
	return bool(contract.get("cm_managed"))


def set_registry_defaults(contract):
	"""Fill what the registry needs and the user left empty. Contracts made before the app was
	installed pass through here on their next save and gain a company and a direction."""
	if not contract.cm_company:
		contract.cm_company = frappe.defaults.get_user_default("Company") or frappe.db.get_single_value(
			"Global Defaults", "default_company"
		)
	if not contract.cm_company and is_managed(contract):
		frappe.throw(_("Set the company of the contract."), title=_("Company Missing"))
	if not contract.cm_direction or not is_managed(contract):
		# ERPNext lets a contract's party change; the direction of one the app does not keep follows it.
		contract.cm_direction = DIRECTION_BY_PARTY_TYPE.get(contract.party_type, "Other")


def set_party_links(contract):
	"""Plain links to the party, so Customer and Supplier can list their contracts."""
	contract.cm_customer = contract.party_name if contract.party_type == "Customer" else None
	contract.cm_supplier = contract.party_name if contract.party_type == "Supplier" else None


def validate_direction(contract):
	expected_party_type = PARTY_TYPE_BY_DIRECTION.get(contract.cm_direction)
	if expected_party_type and contract.party_type != expected_party_type:
		frappe.throw(
			_("A {0} contract is made with a {1}, not with a {2}.").format(
				_(contract.cm_direction).lower(), _(expected_party_type), _(contract.party_type)
			),
			title=_("Direction and Party Do Not Match"),
		)


def assign_registry_number(contract):
	if contract.cm_registry_number:
		contract.cm_registry_number = contract.cm_registry_number.strip()
		return
	series = get_registry_series(contract.cm_company, contract.cm_direction)
	contract.cm_registry_number = make_autoname(series, "Contract", contract)


def series_prefix(series: str, contract=None) -> tuple[str, int]:
	"""The counter key of a numbering series as make_autoname would use it today («Д-.YYYY.-.####»
	gives «Д-2026-» and 4 digits), the parts naming fields of the contract read from `contract`."""
	found = {}

	def counter(prefix, digits):
		found.update(prefix=prefix, digits=digits)
		return "#" * digits

	parse_naming_series(NamingSeries(series).series, doc=contract, number_generator=counter)
	return found["prefix"], found["digits"]


def advance_series_past(contract):
	"""A registry number given by hand (or by an import) in the form of the company's series moves the
	series counter past it, so that the next number the series gives is not one already used."""
	series = get_registry_series(contract.cm_company, contract.cm_direction)
	prefix, _digits = series_prefix(series, contract)
	number = contract.cm_registry_number or ""
	suffix = number[len(prefix) :]
	if prefix and number.startswith(prefix) and suffix.isdigit():
		ensure_series_at_least(prefix, int(suffix))


def ensure_series_at_least(prefix: str, current: int):
	"""The series counter of `prefix` set to `current` unless it is already there or past it; the
	counter row is locked until the transaction ends, as make_autoname locks it."""
	series = frappe.qb.DocType("Series")
	row = (frappe.qb.from_(series).select(series.current).where(series.name == prefix).for_update()).run()
	if not row:
		frappe.qb.into(series).columns(series.name, series.current).insert(prefix, current).run()
	elif (row[0][0] or 0) < current:
		frappe.qb.update(series).set(series.current, current).where(series.name == prefix).run()


def get_registry_series(company: str, direction: str) -> str:
	"""The series of the company's numbering rule for the direction, else of its rule for any direction,
	else the default series. Read from the cached settings: no query per contract."""
	settings = get_settings()
	rules = [rule for rule in settings.get("numbering_rules") or [] if rule.company == company]
	rule_series = next((rule.series for rule in rules if rule.direction == direction), None) or next(
		(rule.series for rule in rules if not rule.direction), None
	)
	return rule_series or settings.default_registry_series or "Д-.YYYY.-.####"


def name_by_registry_number(contract):
	"""The registry number is the name of a contract the app keeps (one made by ERPNext's code keeps
	ERPNext's name). Two companies may use the same number; the second one's name then gets a suffix,
	while its registry number stays as the company gave it."""
	if contract.cm_registry_number and is_managed(contract):
		contract.name = append_number_if_name_exists("Contract", contract.cm_registry_number)


def validate_registry_number_unique(contract):
	if not contract.cm_registry_number:
		return
	duplicate = frappe.db.get_value(
		"Contract",
		{
			"cm_company": contract.cm_company,
			"cm_registry_number": contract.cm_registry_number,
			"name": ("!=", contract.name),
			"docstatus": ("<", 2),
		},
		# No ORDER BY: sorting by `modified` lets MariaDB walk that index over the whole table
		# instead of looking the number up (seen on an import into a table it had few statistics of).
		order_by=None,
	)
	if duplicate:
		frappe.throw(
			_("Registry number {0} is already used by contract {1} of company {2}.").format(
				frappe.bold(contract.cm_registry_number), frappe.bold(duplicate), contract.cm_company
			),
			title=_("Duplicate Registry Number"),
		)
