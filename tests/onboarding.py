"""Helpers of the import and backfill tests, also used by benchmarks/onboarding.py.

Frappe's Data Import commits every row it imports (importer.py), so what an import test makes is
committed and must be removed by name afterwards (`remove_contracts`).
"""

import csv
import io
import json

import frappe
from frappe.core.doctype.data_import.data_import import start_import
from frappe.utils import random_string

INN_10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)

CUSTOMER_A = "CM Import Customer A"
CUSTOMER_B = "CM Import Customer B"
SUPPLIER_A = "CM Import Supplier A"
SUPPLIER_B = "CM Import Supplier B"


def inn(first_nine: str) -> str:
	"""A 10-digit ИНН with its check digit: the weighted sum of the first nine mod 11 mod 10."""
	return first_nine + str(
		sum(int(d) * w for d, w in zip(first_nine, INN_10_WEIGHTS, strict=True)) % 11 % 10
	)


INN = {
	CUSTOMER_A: inn("770708389"),
	CUSTOMER_B: inn("500100732"),
	SUPPLIER_A: inn("772101001"),
	SUPPLIER_B: inn("540203004"),
}


def ensure_import_parties():
	"""Two customers and two suppliers with their ИНН, committed (the importer commits what refers to them)."""
	for name in (CUSTOMER_A, CUSTOMER_B):
		if not frappe.db.exists("Customer", name):
			frappe.get_doc(
				doctype="Customer",
				customer_name=name,
				customer_type="Company",
				customer_group="All Customer Groups",
				territory="All Territories",
				tax_id=INN[name],
			).insert()
	for name in (SUPPLIER_A, SUPPLIER_B):
		if not frappe.db.exists("Supplier", name):
			frappe.get_doc(
				doctype="Supplier", supplier_name=name, supplier_group="All Supplier Groups", tax_id=INN[name]
			).insert()
	frappe.db.commit()  # nosemgrep: frappe-manual-commit (the importer commits the contracts that name them)


def remove_import_parties():
	for name in (CUSTOMER_A, CUSTOMER_B):
		frappe.delete_doc_if_exists("Customer", name, force=True)
	for name in (SUPPLIER_A, SUPPLIER_B):
		frappe.delete_doc_if_exists("Supplier", name, force=True)


def contract_row(
	number, company, direction, party_type, party, signed=1, start="2025-01-01", end="2030-12-31"
) -> dict:
	"""One row of the contract template (docs/import/contracts_template.csv), columns by field name."""
	return {
		"cm_registry_number": number,
		"cm_company": company,
		"cm_direction": direction,
		"party_type": party_type,
		"cm_import_party": party,
		"cm_counterparty_number": "",
		"cm_contract_date": "2024-12-20",
		"cm_subject": "Supply of goods",
		"start_date": start,
		"end_date": end,
		"cm_amount": "120000",
		"cm_vat_mode": "Included",
		"cm_vat_rate": "20",
		"contract_terms": "As signed on paper",
		"docstatus": signed,
	}


def thousand_rows(tag: str, company: str, count: int = 1000) -> list[dict]:
	"""A quarter each: signed sales by the customer's name, signed sales by the customer's ИНН, signed
	purchases by the supplier's ИНН (all with registry numbers IMP-<tag>-0001...), draft purchases
	without a number, which the series numbers."""
	rows = []
	for i in range(count):
		number = f"IMP-{tag}-{i + 1:04d}"
		kind = i % 4
		if kind == 0:
			rows.append(contract_row(number, company, "Sales", "Customer", CUSTOMER_A))
		elif kind == 1:
			rows.append(contract_row(number, company, "Sales", "Customer", INN[CUSTOMER_B]))
		elif kind == 2:
			rows.append(contract_row(number, company, "Purchase", "Supplier", INN[SUPPLIER_A]))
		else:
			rows.append(contract_row("", company, "Purchase", "Supplier", SUPPLIER_B, signed=0))
	return rows


def csv_content(rows: list[dict]) -> str:
	out = io.StringIO()
	writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
	writer.writeheader()
	writer.writerows(rows)
	return out.getvalue()


def run_data_import(doctype: str, rows: list[dict]):
	"""A Data Import of `rows` into `doctype` through Frappe's own importer, run at once in this process
	as its background job would run it; returns the Data Import, reloaded."""
	file = frappe.get_doc(
		doctype="File",
		file_name=f"cm-import-{random_string(8)}.csv",
		content=csv_content(rows),
		is_private=1,
	).save(ignore_permissions=True)
	data_import = frappe.new_doc("Data Import")
	data_import.import_type = "Insert New Records"
	data_import.reference_doctype = doctype
	data_import.import_file = file.file_url
	data_import.insert()
	# As Frappe's importer tests do: a failed row's rollback keeps the Data Import.
	frappe.db.commit()  # nosemgrep: frappe-manual-commit
	start_import(data_import.name)
	data_import.reload()
	return data_import


def import_log(data_import) -> list[frappe._dict]:
	"""The importer's log, one entry per document: its rows, success, name made and messages."""
	logs = frappe.get_all(
		"Data Import Log",
		fields=["row_indexes", "success", "docname", "messages"],
		filters={"data_import": data_import.name},
		order_by="log_index",
	)
	for log in logs:
		log.row_indexes = json.loads(log.row_indexes or "[]")
		log.messages = [_message(m) for m in frappe.parse_json(log.messages or "[]")]
	return logs


def _message(entry) -> frappe._dict:
	"""A message of the log: Frappe keeps each as a dict or as its JSON text."""
	if isinstance(entry, str):
		try:
			entry = json.loads(entry)
		except ValueError:
			entry = {"message": entry}
	return frappe._dict(entry)


def remove_data_import(data_import):
	file_url = data_import.import_file
	frappe.db.delete("Data Import Log", {"data_import": data_import.name})
	frappe.db.delete("Data Import", {"name": data_import.name})
	frappe.db.delete("File", {"file_url": file_url})


def remove_contracts(names: list[str]):
	"""Committed contracts and their agreements removed outright, with what Frappe logged of them."""
	if not names:
		return
	amendments = frappe.get_all("Contract Amendment", {"contract": ("in", names)}, pluck="name")
	papers = frappe.get_all("Contract Primary Document", {"contract": ("in", names)}, pluck="name")
	if papers:
		frappe.db.delete("Contract Primary Document", {"name": ("in", papers)})
		frappe.db.delete("Version", {"ref_doctype": "Contract Primary Document", "docname": ("in", papers)})
	for start in range(0, len(names), 1000):
		chunk = names[start : start + 1000]
		frappe.db.delete("Contract", {"name": ("in", chunk)})
		for table in ("Contract Approval Visa", "Contract Obligation", "Contract Disagreement"):
			frappe.db.delete(table, {"parenttype": "Contract", "parent": ("in", chunk)})
		frappe.db.delete("Version", {"ref_doctype": "Contract", "docname": ("in", chunk)})
		frappe.db.delete("Comment", {"reference_doctype": "Contract", "reference_name": ("in", chunk)})
	if amendments:
		frappe.db.delete("Contract Amendment", {"name": ("in", amendments)})
		frappe.db.delete("Contract Amendment Change", {"parent": ("in", amendments)})
		frappe.db.delete("Version", {"ref_doctype": "Contract Amendment", "docname": ("in", amendments)})


def series_counters() -> dict[str, int]:
	series = frappe.qb.DocType("Series")
	return dict(frappe.qb.from_(series).select(series.name, series.current).run())


def put_back_series(before: dict[str, int]):
	series = frappe.qb.DocType("Series")
	for name, current in series_counters().items():
		if name not in before:
			frappe.qb.from_(series).delete().where(series.name == name).run()
		elif current != before[name]:
			frappe.qb.update(series).set(series.current, before[name]).where(series.name == name).run()


def insert_old_contracts(count: int, parties: list[tuple[str, str]], prefix: str) -> list[str]:
	"""`count` contracts as ERPNext alone stores them, before the app: named by ERPNext's rule (the
	party's name and a number), with none of the app's fields, half of them signed; written in bulk."""
	now = frappe.utils.now_datetime()
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"party_type",
		"party_name",
		"status",
		"is_signed",
		"fulfilment_status",
		"start_date",
		"end_date",
		"contract_terms",
	]
	names, values = [], []
	for i in range(count):
		party_type, party = parties[i % len(parties)]
		name = f"{prefix} {party} - {i + 1}"
		signed = i % 2
		names.append(name)
		values.append(
			(
				name,
				now,
				now,
				"Administrator",
				"Administrator",
				signed,
				party_type,
				party,
				"Active" if signed else "Unsigned",
				signed,
				"N/A",
				"2024-01-01",
				"2030-12-31",
				"Terms agreed before the app",
			)
		)
	for start in range(0, count, 1000):
		frappe.db.bulk_insert("Contract", fields, values[start : start + 1000])
	# The columns the app added hold only what the database gives a row that does not name them.
	return names
