"""Import of existing contracts and of their paper agreements through Frappe's real Data Import.

The importer commits every row it imports, so these tests commit their parties and remove everything
they made by name afterwards, series counters put back (tests/onboarding.py)."""

import csv
from pathlib import Path

import frappe
from frappe.core.doctype.data_import.importer import get_df_for_column_header
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, getdate, nowdate, random_string

from contract_management.contracts.amendment_signing import effective_terms_history
from contract_management.onboarding.contract_import import resolve_party
from tests import records as r
from tests.onboarding import (
	CUSTOMER_A,
	CUSTOMER_B,
	INN,
	SUPPLIER_A,
	SUPPLIER_B,
	ensure_import_parties,
	import_log,
	put_back_series,
	remove_contracts,
	remove_data_import,
	remove_import_parties,
	run_data_import,
	series_counters,
	thousand_rows,
)
from tests.onboarding import contract_row as onboarding_row

DOCS = Path(__file__).resolve().parent.parent / "docs" / "import"


def contract_row(number, direction, party_type, party, **kwargs):
	return onboarding_row(number, r.RUB_COMPANY, direction, party_type, party, **kwargs)


class TestTemplates(FrappeTestCase):
	def test_every_column_of_the_shipped_templates_and_samples_maps_to_a_field(self):
		for doctype, stem in (
			("Contract", "contracts"),
			("Contract Amendment", "agreements"),
			("Contract Primary Document", "primary_documents"),
		):
			for kind in ("template", "sample"):
				with open(DOCS / f"{stem}_{kind}.csv", encoding="utf-8") as file:
					header, *rows = list(csv.reader(file))
				unmapped = [column for column in header if not get_df_for_column_header(doctype, column)]
				self.assertEqual(unmapped, [], f"{stem}_{kind}.csv")
				self.assertTrue(all(len(row) == len(header) for row in rows))
		with open(DOCS / "contracts_template.csv", encoding="utf-8") as file:
			header = next(csv.reader(file))
		self.assertIn("cm_import_party", header)
		self.assertIn("docstatus", header)


class TestCounterpartyColumn(FrappeTestCase):
	"""The counterparty column resolved on its own, without the importer (rolled back)."""

	def contract(self, reference, party_type="Customer"):
		contract = frappe.new_doc("Contract")
		contract.update({"party_type": party_type, "cm_import_party": reference})
		resolve_party(contract)
		return contract

	def test_by_id_by_full_name_and_by_tax_id(self):
		frappe.db.set_value(
			"Customer", r.CUSTOMER, {"customer_name": "ООО «Альфа-Тест»", "tax_id": "7701123451"}
		)
		self.assertEqual(self.contract(r.CUSTOMER).party_name, r.CUSTOMER)
		self.assertEqual(self.contract("ООО «Альфа-Тест»").party_name, r.CUSTOMER)
		self.assertEqual(self.contract("7701123451").party_name, r.CUSTOMER)
		# Only among parties of the row's type: no supplier has that tax ID.
		with self.assertRaisesRegex(
			frappe.ValidationError, "Counterparty <strong>7701123451</strong> is not found"
		):
			self.contract("7701123451", party_type="Supplier")

	def test_a_tax_id_two_customers_share_is_refused_naming_both(self):
		frappe.db.set_value("Customer", r.CUSTOMER, "tax_id", "7724987659")
		frappe.db.set_value("Customer", r.CUSTOMER_2, "tax_id", "7724987659")
		with self.assertRaisesRegex(
			frappe.ValidationError, f"answers to more than one Customer: {r.CUSTOMER}, {r.CUSTOMER_2}"
		):
			self.contract("7724987659")


class ImportTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.series_before = series_counters()
		cls.data_imports = []
		ensure_import_parties()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		cls.remove_records()
		for data_import in cls.data_imports:
			remove_data_import(data_import)
		put_back_series(cls.series_before)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit (the importer committed what is removed here)
		super().tearDownClass()

	@classmethod
	def remove_records(cls):
		remove_contracts(frappe.get_all("Contract", filters={"party_name": ("in", list(INN))}, pluck="name"))
		remove_import_parties()

	def import_rows(self, doctype, rows):
		data_import = run_data_import(doctype, rows)
		self.data_imports.append(data_import)
		frappe.local.lang = "en"
		return data_import

	def assertImported(self, data_import):
		"""All rows imported; else the log's messages in the failure."""
		failures = [
			(e.row_indexes, [m.get("message") for m in e.messages])
			for e in import_log(data_import)
			if not e.success
		]
		self.assertEqual((data_import.status, failures), ("Success", []))

	def failure(self, log, row_number):
		entry = next(entry for entry in log if entry.row_indexes == [row_number])
		self.assertEqual(entry.success, 0)
		return " ".join(m.get("message", "") for m in entry.messages)


class TestThousandContracts(ImportTestCase):
	def test_thousand_rows_come_in_signed_with_their_numbers_and_parties(self):
		tag = random_string(5).upper()
		rows = thousand_rows(tag, r.RUB_COMPANY)

		data_import = self.import_rows("Contract", rows)

		self.assertEqual(data_import.status, "Success")
		log = import_log(data_import)
		self.assertEqual(len(log), 1000)
		self.assertTrue(all(entry.success for entry in log))

		signed = frappe.get_all(
			"Contract",
			filters={"cm_registry_number": ("like", f"IMP-{tag}-%")},
			fields=["name", "cm_registry_number", "docstatus", "cm_status", "party_name", "cm_direction"],
		)
		self.assertEqual(len(signed), 750)
		self.assertEqual({c.docstatus for c in signed}, {1})
		self.assertEqual({c.cm_status for c in signed}, {"Active"})
		# Each keeps the number it had on paper, and is named by it.
		self.assertTrue(all(c.name == c.cm_registry_number for c in signed))
		by_party = {}
		for c in signed:
			by_party[(c.party_name, c.cm_direction)] = by_party.get((c.party_name, c.cm_direction), 0) + 1
		self.assertEqual(
			by_party,
			{(CUSTOMER_A, "Sales"): 250, (CUSTOMER_B, "Sales"): 250, (SUPPLIER_A, "Purchase"): 250},
		)

		first = frappe.get_doc("Contract", f"IMP-{tag}-0001")
		self.assertEqual(first.party_name, CUSTOMER_A)
		self.assertEqual(first.cm_customer, CUSTOMER_A)
		self.assertEqual(first.is_signed, 1)
		self.assertEqual(get_datetime(first.signed_on), get_datetime("2024-12-20"))  # its contract date
		self.assertFalse(first.cm_import_party)
		self.assertEqual(frappe.db.get_value("Contract", f"IMP-{tag}-0002", "party_name"), CUSTOMER_B)
		self.assertEqual(frappe.db.get_value("Contract", f"IMP-{tag}-0003", "party_name"), SUPPLIER_A)

		drafts = frappe.get_all(
			"Contract",
			filters={"party_name": SUPPLIER_B, "creation": (">=", data_import.creation)},
			fields=["cm_registry_number", "docstatus", "cm_status"],
		)
		self.assertEqual(len(drafts), 250)
		self.assertEqual({(d.docstatus, d.cm_status) for d in drafts}, {(0, "Draft")})
		year = getdate(nowdate()).year
		self.assertTrue(all(d.cm_registry_number.startswith(f"Д-{year}-") for d in drafts))
		self.assertEqual(len({d.cm_registry_number for d in drafts}), 250)


class TestBadRows(ImportTestCase):
	def test_bad_rows_are_refused_by_row_with_a_message_and_nothing_of_them_saved(self):
		tag = random_string(5).upper()
		taken = f"IMP-{tag}-0001"
		rows = [
			contract_row(taken, "Sales", "Customer", CUSTOMER_A),  # row 2: good
			contract_row(f"IMP-{tag}-0002", "Sales", "Customer", "7700000000"),  # row 3: nobody has it
			contract_row(f"IMP-{tag}-0003", "Sales", "Customer", CUSTOMER_A, end="2024-06-30"),  # row 4
			contract_row(taken, "Sales", "Customer", CUSTOMER_B),  # row 5: the number of row 2
			contract_row(f"IMP-{tag}-0005", "Purchase", "Customer", CUSTOMER_A),  # row 6: wrong direction
			contract_row(f"IMP-{tag}-0006", "Purchase", "Supplier", INN[SUPPLIER_A]),  # row 7: good
		]

		data_import = self.import_rows("Contract", rows)

		self.assertEqual(data_import.status, "Partial Success")
		log = import_log(data_import)
		self.assertEqual(
			[(entry.row_indexes, entry.success) for entry in log],
			[([2], 1), ([3], 0), ([4], 0), ([5], 0), ([6], 0), ([7], 1)],
		)
		self.assertIn("Counterparty <strong>7700000000</strong> is not found", self.failure(log, 3))
		self.assertIn(
			"<strong>End Date</strong> 30-06-2024 is before <strong>Start Date</strong> 01-01-2025",
			self.failure(log, 4),
		)
		self.assertIn(f"Registry number <strong>{taken}</strong> is already used", self.failure(log, 5))
		self.assertIn(
			"A purchase contract is made with a Supplier, not with a Customer", self.failure(log, 6)
		)

		saved = frappe.get_all(
			"Contract", filters={"cm_registry_number": ("like", f"IMP-{tag}-%")}, pluck="cm_registry_number"
		)
		self.assertEqual(sorted(saved), [taken, f"IMP-{tag}-0006"])
		self.assertEqual(frappe.db.count("Contract", {"cm_registry_number": taken}), 1)
		self.assertEqual(frappe.db.get_value("Contract", taken, "party_name"), CUSTOMER_A)


class TestPaperAgreements(ImportTestCase):
	def test_agreements_signed_on_paper_come_in_as_the_history_of_effective_terms(self):
		tag = random_string(5).upper()
		number = f"IMP-{tag}-0001"
		# Signed for 2025; prolonged on paper in June 2025 to the end of 2026, its price raised in September.
		self.import_rows(
			"Contract", [contract_row(number, "Sales", "Customer", CUSTOMER_A, end="2025-12-31")]
		)
		agreements = [
			{
				"contract": number,
				"kind": "Prolongation",
				"amendment_date": "2025-06-01",
				"effective_date": "2025-06-01",
				"new_end_date": "2026-12-31",
				"new_amount": "",
				"reason": "Prolonged for 2026",
				"docstatus": 1,
			},
			{
				"contract": number,
				"kind": "Change of Amount",
				"amendment_date": "2025-09-01",
				"effective_date": "2025-09-01",
				"new_end_date": "",
				"new_amount": "150000",
				"reason": "More goods",
				"docstatus": 1,
			},
			{  # effective before the contract started: refused, and nothing of it saved
				"contract": number,
				"kind": "Change of Amount",
				"amendment_date": "2024-11-01",
				"effective_date": "2024-11-01",
				"new_end_date": "",
				"new_amount": "90000",
				"reason": "",
				"docstatus": 1,
			},
		]

		data_import = self.import_rows("Contract Amendment", agreements)

		log = import_log(data_import)
		self.assertEqual(
			[(entry.row_indexes, entry.success) for entry in log], [([2], 1), ([3], 1), ([4], 0)]
		)
		self.assertIn("is before the contract's", self.failure(log, 4))
		recorded = frappe.get_all(
			"Contract Amendment",
			filters={"contract": number},
			fields=["name", "docstatus", "recorded_from_paper", "signed_on", "cm_status"],
			order_by="amendment_no",
		)
		self.assertEqual(
			[(a.name, a.docstatus, a.recorded_from_paper, a.cm_status) for a in recorded],
			[(f"{number}/1", 1, 1, "Signed"), (f"{number}/2", 1, 1, "Signed")],
		)
		self.assertEqual(
			[get_datetime(a.signed_on) for a in recorded],
			[get_datetime("2025-06-01"), get_datetime("2025-09-01")],
		)

		contract = frappe.get_doc("Contract", number)
		self.assertEqual(getdate(contract.end_date), getdate("2026-12-31"))
		self.assertEqual(contract.cm_amount, 150000)
		self.assertEqual(contract.cm_status, "Active")
		history = [
			(h.amendment, h.fieldname, h.old_value, h.new_value) for h in effective_terms_history(number)
		]
		self.assertEqual(
			history,
			[
				(f"{number}/1", "end_date", "2025-12-31", "2026-12-31"),
				(f"{number}/2", "cm_amount", "120000.0", "150000.0"),
			],
		)
		# The card's history marks them as recorded from paper.
		self.assertEqual({h.recorded_from_paper for h in effective_terms_history(number)}, {1})


SAMPLE_PARTIES = (
	("Customer", "ООО Ромашка", "7702345672"),
	("Customer", "ООО Сервис-Плюс", "7701123451"),
	("Supplier", "ООО Поставщик-Снаб", "7725678903"),
	("Supplier", "ООО Складской Комплекс", "7724987659"),
)


def sample_rows(stem: str) -> list[dict]:
	"""A shipped sample, with the test company in place of the sample's."""
	with open(DOCS / f"{stem}_sample.csv", encoding="utf-8") as file:
		rows = list(csv.DictReader(file))
	for row in rows:
		if "cm_company" in row:
			row["cm_company"] = r.RUB_COMPANY
	return rows


class TestShippedSamples(ImportTestCase):
	"""The samples in docs/import import as they are, agreements included."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for party_type, name, tax_id in SAMPLE_PARTIES:
			if frappe.db.exists(party_type, name):
				continue
			values = {"doctype": party_type, "tax_id": tax_id}
			if party_type == "Customer":
				values.update(
					customer_name=name, customer_group="All Customer Groups", territory="All Territories"
				)
			else:
				values.update(supplier_name=name, supplier_group="All Supplier Groups")
			frappe.get_doc(values).insert()
		frappe.db.commit()  # nosemgrep: frappe-manual-commit (the importer commits the contracts that name them)

	@classmethod
	def remove_records(cls):
		super().remove_records()
		names = [name for _type, name, _tax_id in SAMPLE_PARTIES]
		remove_contracts(frappe.get_all("Contract", filters={"party_name": ("in", names)}, pluck="name"))
		for party_type, name, _tax_id in SAMPLE_PARTIES:
			frappe.delete_doc_if_exists(party_type, name, force=True)

	def test_the_samples_import_signed_with_their_numbers_and_the_paper_agreements_as_history(self):
		contracts = self.import_rows("Contract", sample_rows("contracts"))
		self.assertImported(contracts)
		self.assertEqual(
			{
				c.name: (c.party_name, c.docstatus, c.cm_status)
				for c in frappe.get_all(
					"Contract",
					filters={"cm_registry_number": ("in", ["Д-2024-0117", "Д-2024-0118", "З-2024-0031"])},
					fields=["name", "party_name", "docstatus", "cm_status"],
				)
			},
			{
				"Д-2024-0117": ("ООО Ромашка", 1, "Expired"),
				"Д-2024-0118": ("ООО Сервис-Плюс", 1, "Expired"),  # found by its ИНН
				"З-2024-0031": ("ООО Поставщик-Снаб", 1, "Expired"),
			},
		)
		draft = frappe.get_all(
			"Contract", filters={"party_name": "ООО Складской Комплекс"}, fields=["docstatus", "cm_status"]
		)
		self.assertEqual([(d.docstatus, d.cm_status) for d in draft], [(0, "Draft")])

		agreements = self.import_rows("Contract Amendment", sample_rows("agreements"))

		self.assertImported(agreements)
		prolonged = frappe.get_doc("Contract", "Д-2024-0117")
		self.assertEqual(getdate(prolonged.end_date), getdate("2026-02-28"))
		self.assertEqual(prolonged.cm_amount, 1500000)
		self.assertEqual(
			[
				(h.amendment, h.fieldname, h.old_value, h.new_value)
				for h in effective_terms_history("Д-2024-0117")
			],
			[
				("Д-2024-0117/1", "end_date", "2025-02-28", "2026-02-28"),
				("Д-2024-0117/2", "cm_amount", "1200000.0", "1500000.0"),
			],
		)
		papers = self.import_rows("Contract Primary Document", sample_rows("primary_documents"))
		self.assertImported(papers)
		self.assertEqual(
			sorted(
				(p.contract, p.number, p.status, p.party)
				for p in frappe.get_all(
					"Contract Primary Document",
					filters={"contract": ("in", ["Д-2024-0117", "Д-2024-0118", "З-2024-0031"])},
					fields=["contract", "number", "status", "party"],
				)
			),
			[
				("Д-2024-0117", "145", "Original Received", "ООО Ромашка"),
				("Д-2024-0117", "212", "Signed by Both", "ООО Ромашка"),
				("Д-2024-0118", "А-18", "Signed by Both", "ООО Сервис-Плюс"),
				("З-2024-0031", "ПС-881", "Signed by Both", "ООО Поставщик-Снаб"),
			],
		)
		terminated = frappe.get_doc("Contract", "З-2024-0031")
		self.assertEqual(
			(str(terminated.cm_terminated_on), terminated.cm_status), ("2024-10-31", "Terminated")
		)
