"""Contracts and supplementary agreements brought in through Frappe's Data Import.

The import is Frappe's own (Data Import on Contract, then on Contract Amendment): every row is inserted
through the document's methods in a transaction of its own, committed when the row is saved whole and
rolled back when anything refuses it, and each refused row is logged with its row number and message.
What this module adds (README, "Import of existing contracts"):

- the counterparty column (`cm_import_party`) takes the party's ID, its full name or its tax ID (ИНН);
- a row with Document Status 1 comes in signed, as it was signed on paper: no approval route applies,
  and it is signed on its contract date unless Signed On is given;
- its registry number is kept (contracts/registry.py), and the numbering series moves past it.
"""

import frappe
from frappe import _
from frappe.utils import get_datetime
from frappe.utils.caching import request_cache

from contract_management.contracts.registry import PARTY_TYPE_BY_DIRECTION

PARTY_NAME_FIELD = {"Customer": "customer_name", "Supplier": "supplier_name"}


def is_being_imported(doc) -> bool:
	"""A document being inserted by Frappe's Data Import (or `bench data-import`)."""
	return bool(frappe.flags.in_import) and doc.is_new()


def resolve_party(contract):
	"""Fill Counterparty from the import's counterparty column: the party's ID, else its full name,
	else its tax ID (ИНН); exactly one party of the contract's party type must answer to it."""
	reference = (contract.get("cm_import_party") or "").strip()
	contract.cm_import_party = None
	if not reference or contract.party_name:
		return
	party_type = contract.party_type or PARTY_TYPE_BY_DIRECTION.get(contract.cm_direction)
	if party_type not in PARTY_NAME_FIELD:
		frappe.throw(
			_("A counterparty is found by name or tax ID (ИНН) only among customers and suppliers."),
			title=_("Unknown Counterparty"),
		)
	contract.party_type = party_type
	found = find_party(party_type, reference)
	if len(found) == 1:
		contract.party_name = found[0]
		return
	if found:
		frappe.throw(
			_("{0} answers to more than one {1}: {2}. Give the counterparty's ID instead.").format(
				frappe.bold(reference), _(party_type), ", ".join(found)
			),
			title=_("Ambiguous Counterparty"),
		)
	frappe.throw(
		_("Counterparty {0} is not found: no {1} has this ID, name or tax ID (ИНН).").format(
			frappe.bold(reference), _(party_type)
		),
		title=_("Unknown Counterparty"),
	)


@request_cache
def find_party(party_type: str, reference: str) -> list[str]:
	"""The parties answering to `reference`: the one of that ID, else those of that full name, else
	those of that tax ID. Asked once per import for each party, however many rows name it."""
	if frappe.db.exists(party_type, reference):
		return [reference]
	for field in (PARTY_NAME_FIELD[party_type], "tax_id"):
		found = frappe.get_all(party_type, filters={field: reference}, pluck="name", limit=3, order_by="name")
		if found:
			return found
	return []


def set_paper_signing_date(doc, date_field: str):
	"""A document signed on paper before it was recorded: signed on its own date, not today."""
	if not doc.get("signed_on") and doc.get(date_field):
		doc.signed_on = get_datetime(doc.get(date_field))
