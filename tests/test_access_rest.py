"""The permission matrix and row-level visibility through the REST API of the site served by the
bench. The server reads committed data, so this class commits its records and removes them after."""

import json

import frappe
import requests

from tests import records as r
from tests.contracts import make_contract
from tests.server import ServedSiteTestCase, login
from tests.test_access import LEGAL, MANAGER, NOBODY, PURCHASE, SALES, SALES_2, VIEWER


class TestRestApi(ServedSiteTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.sales = make_contract(cm_responsible=SALES)
		cls.sales_2 = make_contract(cm_responsible=SALES_2, party_name=r.CUSTOMER_2)
		cls.purchase = make_contract(party_type="Supplier", party_name=r.SUPPLIER, cm_responsible=PURCHASE)
		cls.made = [cls.sales.name, cls.sales_2.name, cls.purchase.name]
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		made_here = frappe.get_all("Contract", filters={"contract_terms": "REST API test"}, pluck="name")
		names = cls.made + made_here
		frappe.db.delete("Contract Approval Visa", {"parent": ("in", names)})
		frappe.db.delete("Contract", {"name": ("in", names)})
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 0)
		frappe.db.commit()
		super().tearDownClass()

	def login(self, user):
		return login(self.url, user, r.PASSWORD)

	def listed(self, session):
		response = session.get(
			f"{self.url}/api/resource/Contract",
			params={"limit_page_length": 0, "fields": json.dumps(["name"])},
			timeout=30,
		)
		return response.status_code, {
			row["name"] for row in response.json().get("data", [])
		} if response.ok else set()

	def create(self, session, **fields):
		payload = {
			"party_type": "Customer",
			"party_name": r.CUSTOMER,
			"cm_company": r.RUB_COMPANY,
			"contract_terms": "REST API test",
			"start_date": "2026-01-01",
			"cm_amount": 1000,
			**fields,
		}
		return session.post(f"{self.url}/api/resource/Contract", json=payload, timeout=30)

	def test_guest_and_a_user_without_roles_get_nothing(self):
		guest = requests.Session()
		self.assertEqual(guest.get(f"{self.url}/api/resource/Contract", timeout=30).status_code, 403)
		self.assertEqual(
			guest.get(f"{self.url}/api/resource/Contract/{self.sales.name}", timeout=30).status_code, 403
		)
		nobody = self.login(NOBODY)
		self.assertEqual(self.listed(nobody)[0], 403)
		response = nobody.get(f"{self.url}/api/resource/Contract/{self.sales.name}", timeout=30)
		self.assertEqual(response.status_code, 403)
		self.assertNotIn(self.sales.party_name, response.text, "no data of the contract")

	def test_viewer_reads_everything_and_writes_nothing(self):
		viewer = self.login(VIEWER)
		status, names = self.listed(viewer)
		self.assertEqual(status, 200)
		self.assertLessEqual(set(self.made), names)
		self.assertEqual(
			viewer.get(f"{self.url}/api/resource/Contract/{self.purchase.name}", timeout=30).status_code, 200
		)
		self.assertEqual(self.create(viewer).status_code, 403)
		update = viewer.put(
			f"{self.url}/api/resource/Contract/{self.sales.name}", json={"cm_subject": "x"}, timeout=30
		)
		self.assertEqual(update.status_code, 403)
		self.assertEqual(
			viewer.delete(f"{self.url}/api/resource/Contract/{self.sales.name}", timeout=30).status_code, 403
		)

	def test_sales_user_works_on_sales_drafts_only(self):
		sales = self.login(SALES)
		status, names = self.listed(sales)
		self.assertEqual(status, 200)
		self.assertIn(self.sales_2.name, names, "all sales contracts while «own only» is off")
		self.assertNotIn(self.purchase.name, names)
		self.assertEqual(
			sales.get(f"{self.url}/api/resource/Contract/{self.purchase.name}", timeout=30).status_code, 403
		)
		self.assertEqual(self.create(sales).status_code, 200)
		self.assertEqual(self.create(sales, party_type="Supplier", party_name=r.SUPPLIER).status_code, 403)
		submit = sales.post(
			f"{self.url}/api/method/frappe.client.submit",
			json={
				"doc": {
					"doctype": "Contract",
					"name": self.sales.name,
					"modified": str(frappe.db.get_value("Contract", self.sales.name, "modified")),
				}
			},
			timeout=30,
		)
		self.assertEqual(submit.status_code, 403)
		self.assertEqual(
			sales.delete(f"{self.url}/api/resource/Contract/{self.sales.name}", timeout=30).status_code, 403
		)

	def test_own_only_through_the_api(self):
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 1)
		frappe.db.commit()
		frappe.clear_document_cache("Contract Management Settings", "Contract Management Settings")
		try:
			for user, own, other in ((SALES, self.sales, self.sales_2), (SALES_2, self.sales_2, self.sales)):
				session = self.login(user)
				names = self.listed(session)[1]
				self.assertIn(own.name, names)
				self.assertNotIn(other.name, names)
				self.assertEqual(
					session.get(f"{self.url}/api/resource/Contract/{other.name}", timeout=30).status_code, 403
				)
				report = session.post(
					f"{self.url}/api/method/frappe.desk.reportview.get",
					data={
						"doctype": "Contract",
						"fields": json.dumps(["`tabContract`.`name`"]),
						"page_length": 500,
					},
					timeout=30,
				)
				self.assertEqual(report.status_code, 200)
				reported = {row[0] for row in (report.json().get("message") or {}).get("values", [])}
				self.assertIn(own.name, reported)
				self.assertNotIn(other.name, reported)
				search = session.post(
					f"{self.url}/api/method/frappe.desk.search.search_link",
					data={"doctype": "Contract", "txt": "", "page_length": 500},
					timeout=30,
				)
				found = {row["value"] for row in search.json()["message"]}
				self.assertIn(own.name, found)
				self.assertNotIn(other.name, found)
				printed = session.get(
					f"{self.url}/api/method/frappe.www.printview.get_html_and_style",
					params={"doc": "Contract", "name": other.name, "print_format": "Contract Approval Sheet"},
					timeout=30,
				)
				self.assertEqual(printed.status_code, 403)
				self.assertNotIn(other.party_name, printed.text)
		finally:
			frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 0)
			frappe.db.commit()

	def test_manager_and_legal(self):
		manager = self.login(MANAGER)
		created = self.create(manager)
		self.assertEqual(created.status_code, 200)
		name = created.json()["data"]["name"]
		doc = manager.get(f"{self.url}/api/resource/Contract/{name}", timeout=30).json()["data"]
		self.assertEqual(
			manager.post(
				f"{self.url}/api/method/frappe.client.submit", json={"doc": doc}, timeout=30
			).status_code,
			200,
		)
		cancel = manager.post(
			f"{self.url}/api/method/frappe.client.cancel",
			data={"doctype": "Contract", "name": name},
			timeout=30,
		)
		self.assertEqual(cancel.status_code, 200)
		self.assertEqual(
			manager.delete(f"{self.url}/api/resource/Contract/{name}", timeout=30).status_code, 202
		)

		legal = self.login(LEGAL)
		self.assertEqual(
			legal.get(f"{self.url}/api/resource/Contract/{self.purchase.name}", timeout=30).status_code, 200
		)
		self.assertEqual(self.create(legal).status_code, 403)

	def test_whitelisted_methods_refuse_bad_input_without_disclosing_or_writing(self):
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 1)
		frappe.db.commit()
		try:
			sales = self.login(SALES)
			hidden = self.sales_2.name
			injection = "x' OR '1'='1"
			calls = [
				("send_for_approval", {}),  # missing argument
				("send_for_approval", {"contract": hidden}),  # a contract the user may not see
				("send_for_approval", {"contract": injection}),
				("send_for_approval", {"contract": self.sales.name, "doctype": "User"}),
				("give_visa", {"contract": hidden, "decision": "Approved"}),
				("give_visa", {"contract": self.sales.name}),
				("mark_fulfilled", {"contract": hidden}),
				("mark_fulfilled", {"contract": ["a", "list"]}),  # wrong type
				("get_summary", {"contract": hidden}),
				("get_summary", {"contract": injection}),
				("make_claim_from_contract", {"contract": hidden}),
				("make_claim_from_party", {"party_type": "User", "party": "Administrator"}),
				("make_claim_from_party", {"party_type": "Customer", "party": injection}),
				("make_claims_for_overdue_debts", {"min_days_overdue": "thirty"}),
			]
			before = frappe.db.sql("select count(*), max(modified) from `tabContract`")[0]
			for method, args in calls:
				response = sales.post(
					f"{self.url}/api/method/contract_management.api.{method}", json=args, timeout=30
				)
				self.assertIn(
					response.status_code,
					(400, 403, 404, 417),
					f"{method} {args}: {response.status_code} {response.text[:200]}",
				)
				self.assertNotIn(
					self.sales_2.party_name, response.text, f"{method} disclosed the hidden contract"
				)
			frappe.db.rollback()
			self.assertEqual(
				frappe.db.sql("select count(*), max(modified) from `tabContract`")[0],
				before,
				"nothing written",
			)
			settings_call = sales.post(
				f"{self.url}/api/method/contract_management.contract_management.doctype.contract_management_settings.contract_management_settings.send_reminders_now",
				timeout=30,
			)
			self.assertEqual(settings_call.status_code, 403)
		finally:
			frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 0)
			frappe.db.commit()

	def test_counts_follow_the_list_for_the_apps_doctypes(self):
		"""Frappe's own frappe.client.get_count applies no permission: a restricted user could count
		hidden contracts, and by halving a filter read a hidden field's value."""
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 1)
		frappe.db.commit()
		try:
			sales = self.login(SALES)

			def count(doctype, filters):
				response = sales.get(
					f"{self.url}/api/method/frappe.client.get_count",
					params={"doctype": doctype, "filters": json.dumps(filters)},
					timeout=30,
				)
				return response.status_code, response.json().get("message")

			ours = {"name": ["in", self.made]}
			self.assertEqual(count("Contract", ours), (200, 1), "only the user's own contract")
			self.assertEqual(count("Contract", {**ours, "cm_amount": [">", 0]}), (200, 1))
			self.assertEqual(count("Contract", {"name": self.purchase.name}), (200, 0))
			self.assertEqual(count("Contract Claim", {"name": ["is", "set"]}), (200, 0))
			visible_agreements = frappe.get_list("Contract Amendment", pluck="name", limit=0, user=SALES)
			self.assertEqual(count("Contract Amendment", {})[1], len(visible_agreements))
			# Other doctypes are answered as Frappe answers them.
			self.assertEqual(count("Customer", {}), (200, frappe.db.count("Customer")))
			# Link search asked to ignore user permissions still applies the rule.
			search = sales.post(
				f"{self.url}/api/method/frappe.desk.search.search_link",
				data={"doctype": "Contract", "txt": "", "page_length": 500, "ignore_user_permissions": 1},
				timeout=30,
			)
			self.assertEqual(search.status_code, 200)
			found = {row["value"] for row in search.json()["message"]}
			self.assertIn(self.sales.name, found)
			self.assertNotIn(self.sales_2.name, found)
			nobody = self.login(NOBODY)
			refused = nobody.get(
				f"{self.url}/api/method/frappe.client.get_count",
				params={"doctype": "Contract", "filters": json.dumps(ours)},
				timeout=30,
			)
			self.assertEqual(refused.status_code, 403)
		finally:
			frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 0)
			frappe.db.commit()

	def test_a_missing_and_a_forbidden_document_get_the_same_answer(self):
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 1)
		frappe.db.commit()
		try:
			sales = self.login(SALES)
			hidden, missing = self.sales_2.name, "CM-NO-SUCH-CONTRACT"
			for method, args in (
				("get_summary", {}),
				("make_claim_from_contract", {}),
				("mark_fulfilled", {}),
				("send_for_approval", {}),
				("give_visa", {"decision": "Approved"}),
			):
				answers = []
				for name in (hidden, missing):
					response = sales.post(
						f"{self.url}/api/method/contract_management.api.{method}",
						json={**args, "contract": name},
						timeout=30,
					)
					messages = json.loads(response.json().get("_server_messages", "[]"))
					text = " ".join(json.loads(message).get("message", "") for message in messages)
					answers.append(
						(response.status_code, response.json().get("exc_type"), text.replace(name, "X"))
					)
				self.assertEqual(answers[0], answers[1], method)
				self.assertIn(answers[0][0], (403, 404), method)
		finally:
			frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 0)
			frappe.db.commit()

	def test_a_malformed_number_is_refused_with_a_clear_message(self):
		manager = self.login(MANAGER)
		for value in ("thirty", "30.5", "1e3", "99999999999999999999999", ""):
			response = manager.post(
				f"{self.url}/api/method/contract_management.api.make_claims_for_overdue_debts",
				json={"min_days_overdue": value},
				timeout=30,
			)
			self.assertIn(response.status_code, (400, 417), f"{value!r}: {response.text[:300]}")
			self.assertIn("days overdue", response.text, f"{value!r}: names the argument")
