"""The PDF the print view downloads is printed in the print view's language (`_lang`), whatever the
user's own: v16 reads it after the session; v15 let the user's language replace it
(contract_management/compat.py honour_requested_language). The server reads committed data, so the
contract is committed here and removed after."""

import frappe

from tests import records as r
from tests.contracts import make_contract
from tests.server import ServedSiteTestCase, login
from tests.test_access import MANAGER
from tests.test_print import pdf_text, squash


class TestPrintLanguageRest(ServedSiteTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.contract = make_contract(cm_subject="Print language test", cm_responsible=MANAGER)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.db.delete("Contract Approval Visa", {"parent": cls.contract.name})
		frappe.db.delete("Contract", {"name": cls.contract.name})
		frappe.db.commit()
		super().tearDownClass()

	def pdf(self, session, lang):
		response = session.get(
			f"{self.url}/api/method/frappe.utils.print_format.download_pdf",
			params={
				"doctype": "Contract",
				"name": self.contract.name,
				"format": "Contract Document",
				"no_letterhead": 1,
				"_lang": lang,
			},
			timeout=120,
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assertTrue(response.content.startswith(b"%PDF"))
		return squash(pdf_text(response.content))

	def test_the_pdf_is_printed_in_the_print_views_language_not_the_users(self):
		self.assertIn(frappe.db.get_value("User", MANAGER, "language"), ("en", None, ""))
		session = login(self.url, MANAGER, r.PASSWORD)
		number = self.contract.cm_registry_number
		self.assertIn(f"Договор № {number}", self.pdf(session, "ru"))
		self.assertIn(f"Contract No. {number}", self.pdf(session, "en"))
