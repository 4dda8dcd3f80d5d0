"""What a caller sends to a whitelisted endpoint, checked before any query is built.

Frappe hands a whitelisted method whatever the request carried: a list or a dict where a name is
expected, text that is not JSON, a date of thirty digits. Unchecked, these end as server errors or as
Python text written into SQL. Each check here answers a malformed argument with a clear, translated
user error (HTTP 417) that names the argument as the caller sent it (`filters`, `page_length`), and
returns the value in the one form the code uses.
"""

import datetime
import json
import math
import re

import frappe
from frappe import _
from frappe.model import child_table_fields, default_fields, optional_fields

NAME_LENGTH = 140
# A number that MariaDB reads as a number in a comparison, whatever the column.
LARGEST_NUMBER = 10**18
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
DATETIME_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?")
DATE_FIELDTYPES = ("Date", "Datetime")
# Operators whose value is a list (or Frappe's comma-separated text); the rest compare one value.
LIST_OPERATORS = ("in", "not in", "between")
DATE_COMPARISONS = ("=", "!=", ">", "<", ">=", "<=")


def refuse(message: str):
	frappe.throw(message, frappe.ValidationError, title=_("Invalid Argument"))


def _shown(value) -> str:
	text = value if isinstance(value, str) else json.dumps(value, default=str)
	return frappe.bold(text[:60])


def name_of(value, label: str, required: bool = True) -> str | None:
	"""A document's name: text, not a list, a dict or a number."""
	if value is None or value == "":
		if required:
			frappe.throw(_("{0} is required.").format(frappe.bold(label)), title=_("Missing Argument"))
		return None
	if not isinstance(value, str) or len(value) > NAME_LENGTH:
		refuse(_("{0} must be the name of a document, not {1}.").format(frappe.bold(label), _shown(value)))
	return value


def json_value(value, label: str, kinds: tuple = (dict, list)):
	"""A JSON argument (sent as text or already parsed) of one of `kinds`; nothing sent is None."""
	if value is None or value == "":
		return None
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			refuse(_("{0} must be JSON, not {1}.").format(frappe.bold(label), _shown(value)))
	if not isinstance(value, kinds):
		refuse(_("{0} has the wrong form: {1}.").format(frappe.bold(label), _shown(value)))
	return value


def date_of(value, label: str, required: bool = True) -> datetime.date | None:
	"""A calendar date written as YYYY-MM-DD (or a date)."""
	if value is None or value == "":
		if required:
			frappe.throw(_("{0} is required.").format(frappe.bold(label)), title=_("Missing Argument"))
		return None
	if isinstance(value, datetime.datetime):
		return value.date()
	if isinstance(value, datetime.date):
		return value
	if isinstance(value, str) and DATE_PATTERN.fullmatch(value):
		try:
			parsed = datetime.date.fromisoformat(value)
		except ValueError:
			parsed = None
		if parsed and parsed.year >= 1900:
			return parsed
	refuse(_("{0} must be a date (YYYY-MM-DD), not {1}.").format(frappe.bold(label), _shown(value)))


def whole_number(value, label: str, minimum: int = 0, maximum: int = 10**6) -> int:
	"""A whole number from `minimum` to `maximum`, sent as a number or its digits."""
	number = None
	if isinstance(value, int) and not isinstance(value, bool):
		number = value
	elif isinstance(value, str) and re.fullmatch(r"-?\d{1,12}", value.strip()):
		number = int(value)
	if number is None or not minimum <= number <= maximum:
		refuse(
			_("{0} must be a whole number from {1} to {2}, not {3}.").format(
				frappe.bold(label), minimum, maximum, _shown(value)
			)
		)
	return number


# ---------------------------------------------------------------- doctypes, fields, filters


def doctype_of(value, label: str | None = None) -> str:
	"""A doctype whose records are listed: it exists, has a table, and is neither a single nor a child
	table (whose rows are listed through their parent)."""
	label = label or "doctype"
	doctype = name_of(value, label)
	if not frappe.db.exists("DocType", doctype):
		refuse(_("There is no DocType {0}.").format(frappe.bold(doctype)))
	meta = frappe.get_meta(doctype)
	if meta.issingle or meta.istable or meta.is_virtual:
		refuse(_("{0} is not a list of records.").format(frappe.bold(doctype)))
	return meta.name


def columns_of(doctype: str) -> set[str]:
	meta = frappe.get_meta(doctype)
	columns = set(meta.get_valid_columns()) | set(default_fields) | set(optional_fields)
	if meta.istable:
		columns |= set(child_table_fields)
	return columns - {"doctype"}


def fieldname_of(doctype: str, value, label: str) -> str:
	"""A column of the doctype's table."""
	fieldname = name_of(value, label)
	if fieldname not in columns_of(doctype):
		refuse(_("{0} has no field {1}.").format(_(doctype), frappe.bold(fieldname)))
	return fieldname


def fieldnames_of(doctype: str, value, label: str) -> list[str]:
	names = json_value(value, label, kinds=(list,)) or []
	return [fieldname_of(doctype, name, label) for name in names]


def _is_scalar(value) -> bool:
	if isinstance(value, float):
		return math.isfinite(value) and abs(value) <= LARGEST_NUMBER
	if isinstance(value, int) and not isinstance(value, bool):
		return abs(value) <= LARGEST_NUMBER
	return value is None or isinstance(value, str | bool)


def _filter_value(doctype: str, fieldname: str, operator, value):
	if not isinstance(operator, str):
		refuse(_("A filter's operator must be text, not {0}.").format(_shown(operator)))
	operator = operator.strip().lower()
	values = value if isinstance(value, list | tuple) else [value]
	if (isinstance(value, list | tuple) and operator not in LIST_OPERATORS) or not all(
		_is_scalar(item) for item in values
	):
		refuse(_("The filter on {0} has a value of the wrong form: {1}.").format(fieldname, _shown(value)))
	field = frappe.get_meta(doctype).get_field(fieldname)
	if field and field.fieldtype in DATE_FIELDTYPES and operator in (*DATE_COMPARISONS, "between"):
		for item in values:
			if item not in (None, "") and not (
				isinstance(item, datetime.date) or (isinstance(item, str) and _is_datetime_text(item))
			):
				refuse(_("The filter on {0} needs a date, not {1}.").format(fieldname, _shown(item)))
	return operator, list(value) if isinstance(value, list | tuple) else value


def _is_datetime_text(text: str) -> bool:
	if not DATETIME_PATTERN.fullmatch(text):
		return False
	try:
		parsed = datetime.datetime.fromisoformat(text)
	except ValueError:
		return False
	return parsed.year >= 1900


def filters_of(doctype: str, value, label: str | None = None) -> list[list]:
	"""List filters on `doctype` (JSON or parsed; a dict {field: value or [operator, value]} or a list
	of [field, operator, value] or [doctype, field, operator, value]) as a list of
	[doctype, field, operator, value], each field a column of the doctype or of one of its tables."""
	label = label or "filters"
	parsed = json_value(value, label) or []
	if isinstance(parsed, dict):
		# {field: [operator, value]} or {field: value}, as Frappe reads a dict of filters
		rows = [
			[doctype, key, *(item if isinstance(item, list | tuple) else ["=", item])]
			for key, item in parsed.items()
		]
	else:
		rows = parsed
	tables = {doctype} | {field.options for field in frappe.get_meta(doctype).get_table_fields()}
	checked = []
	for row in rows:
		if (
			not isinstance(row, list | tuple)
			or len(row) not in (3, 4, 5)
			or (isinstance(parsed, dict) and len(row) != 4)
		):
			refuse(_("{0}: {1} is not a filter.").format(frappe.bold(label), _shown(row)))
		row = list(row)[:4]
		if len(row) == 3:
			row = [doctype, *row]
		table, fieldname, operator, item = row
		if table not in tables:
			refuse(_("{0}: {1} is not {2} nor one of its tables.").format(label, _shown(table), _(doctype)))
		fieldname = fieldname_of(table, fieldname, label)
		operator, item = _filter_value(table, fieldname, operator, item)
		checked.append([table, fieldname, operator, item])
	return checked
