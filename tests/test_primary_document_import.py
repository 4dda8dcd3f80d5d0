"""Primary documents already exchanged, brought in through Frappe's real Data Import: the kind by its
name, the contract by its name (the registry number, as the contract import names contracts); a refused
row is logged by its row number with a translated message, and nothing of it is saved.

The importer commits every row it imports: the class removes what it made by name afterwards, series
counters put back (tests/onboarding.py)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from contract_management.setup.defaults import ACT_OF_SERVICES, UPD
from tests.amendments import TODAY, signed_contract
from tests.onboarding import import_log, put_back_series, remove_data_import, run_data_import, series_counters

DOCTYPE = "Contract Primary Document"


def paper_row(contract, kind=UPD, **values) -> dict:
	row = {
		"kind": kind,
		"flow": "We Issue",
		"number": "101",
		"document_date": str(add_days(TODAY, -20)),
		"amount": "12000",
		"vat_amount": "2000",
		"contract": contract,
		"status": "",
		"sent_on": "",
		"signed_on": "",
		"original_received_on": "",
	}
	row.update(values)
	return row


class TestPrimaryDocumentImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.series_before = series_counters()
		cls.data_imports = []
		cls.contract = signed_contract(cm_contract_type="Services")
		frappe.db.commit()  # nosemgrep: frappe-manual-commit (the importer commits the rows that name it)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		names = frappe.get_all(DOCTYPE, filters={"contract": cls.contract.name}, pluck="name")
		frappe.db.delete(DOCTYPE, {"name": ("in", names)})
		frappe.db.delete("Version", {"ref_doctype": DOCTYPE, "docname": ("in", names)})
		frappe.db.delete("Contract", {"name": cls.contract.name})
		frappe.db.delete("Version", {"ref_doctype": "Contract", "docname": cls.contract.name})
		for data_import in cls.data_imports:
			remove_data_import(data_import)
		put_back_series(cls.series_before)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit (the importer committed what is removed here)
		super().tearDownClass()

	def import_rows(self, rows):
		data_import = run_data_import(DOCTYPE, rows)
		self.data_imports.append(data_import)
		frappe.local.lang = "en"
		return data_import

	def test_papers_come_in_with_their_steps_and_bad_rows_are_refused_by_row(self):
		contract = self.contract.name
		before_start = str(add_days(self.contract.start_date, -1))
		rows = [
			# row 2: a UPD sent, signed by both and its original back
			paper_row(
				contract,
				sent_on=str(add_days(TODAY, -18)),
				signed_on=str(add_days(TODAY, -15)),
				original_received_on=str(add_days(TODAY, -5)),
			),
			paper_row(contract, document_date=before_start),  # row 3: before the contract
			paper_row(contract, status="Signed by Both"),  # row 4: signed, no date
			paper_row(contract, sent_on=str(add_days(TODAY, 3))),  # row 5: a step in the future
			paper_row(contract, kind=ACT_OF_SERVICES, number="", document_date=""),  # row 6: expected
		]
		data_import = self.import_rows(rows)

		self.assertEqual(data_import.status, "Partial Success")
		log = import_log(data_import)
		self.assertEqual(
			[(entry.row_indexes, entry.success) for entry in log],
			[([2], 1), ([3], 0), ([4], 0), ([5], 0), ([6], 1)],
		)
		messages = {
			entry.row_indexes[0]: " ".join(m.get("message", "") for m in entry.messages) for entry in log
		}
		self.assertIn("before the contract starts", messages[3])
		self.assertIn("date it was signed", messages[4])
		self.assertIn("cannot be in the future", messages[5])

		saved = frappe.get_all(
			DOCTYPE,
			filters={"contract": contract},
			fields=["kind", "status", "amount", "vat_amount", "party", "company", "responsible"],
			order_by="creation",
		)
		self.assertEqual(
			[(p.kind, p.status) for p in saved], [(UPD, "Original Received"), (ACT_OF_SERVICES, "Expected")]
		)
		self.assertEqual((saved[0].amount, saved[0].vat_amount), (12000, 2000))
		self.assertEqual(
			(saved[0].party, saved[0].company), (self.contract.party_name, self.contract.cm_company)
		)

	def test_an_unknown_kind_or_contract_is_named_by_its_row_before_anything_is_imported(self):
		rows = [
			paper_row(self.contract.name, number="201"),
			paper_row(self.contract.name, number="201", kind="No Such Kind"),  # row 3
			paper_row("CM-NO-SUCH-CONTRACT", number="201"),  # row 4
		]
		data_import = self.import_rows(rows)
		self.assertNotIn(data_import.status, ("Success", "Partial Success"))
		warnings = frappe.parse_json(data_import.template_warnings)
		by_row = {warning.get("row"): warning["message"] for warning in warnings if warning.get("row")}
		self.assertIn("No Such Kind", by_row[3])
		self.assertIn("CM-NO-SUCH-CONTRACT", by_row[4])
		self.assertEqual(frappe.db.count(DOCTYPE, {"contract": self.contract.name, "number": "201"}), 0)
