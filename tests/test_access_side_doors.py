"""The side doors around contracts (issue 18), through the REST API of the site served by the bench:
child tables, counts of other doctypes, link validation, attachments and the Reconciliation Act's print
give a user exactly what `frappe.has_permission` gives them, and a refusal tells nothing of what exists.
Bad arguments to the app's endpoints get a user error (4xx), never a server error.

The server reads committed data: the class commits its records and removes them afterwards."""

import json

import frappe
from frappe.utils import add_days

from contract_management.access.rule import ROW_LEVEL_DOCTYPES
from contract_management.compat import LINK_VALIDATION
from contract_management.setup.defaults import UPD
from tests import records as r
from tests.amendments import TODAY, make_amendment, signed_contract
from tests.server import ServedSiteTestCase, login
from tests.test_access import MANAGER, SALES, SALES_2, VIEWER

MARK = "side doors test"
PRIMARY_DOCUMENT = "Contract Primary Document"
MISSING = "CM-NO-SUCH-CONTRACT"
ACT = "contract_management.contract_management.report.reconciliation_act.reconciliation_act"
PERIOD = {"from_date": str(add_days(TODAY, -200)), "to_date": str(TODAY)}


def child_tables() -> list[tuple[str, str, str]]:
	"""(parent doctype, table field, child doctype) of every table of the doctypes with a row rule."""
	return [
		(parent, field.fieldname, field.options)
		for parent in ROW_LEVEL_DOCTYPES
		for field in frappe.get_meta(parent).get_table_fields()
	]


def add_child_row(parent: str, name: str, fieldname: str, child: str) -> str:
	"""A row of the child table under the document, written as it is stored (no controller runs: the
	test is about who may read the row, not about what it says)."""
	row = frappe.new_doc(child, parent_doc=frappe._dict(doctype=parent, name=name), parentfield=fieldname)
	row.update({"parent": name, "parenttype": parent, "parentfield": fieldname, "idx": 1})
	row.name = frappe.generate_hash(length=12)
	row.db_insert()
	return row.name


def messages_of(response) -> str:
	body = response.json()
	if body.get("exc_type") == "FrappeTypeError":
		# Frappe's own check of a typed argument answers in its exception only (417).
		return str(body.get("exception", ""))
	texts = [
		json.loads(message).get("message", "") for message in json.loads(body.get("_server_messages", "[]"))
	]
	return " ".join(texts)


class TestSideDoors(ServedSiteTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from tests.test_claims import make_claim

		frappe.set_user("Administrator")
		cls.own = signed_contract(cm_responsible=SALES, cm_subject=MARK)
		cls.hidden = signed_contract(cm_responsible=SALES_2, party_name=r.CUSTOMER_2, cm_subject=MARK)
		cls.hidden_amendment = make_amendment(cls.hidden, new_end_date=add_days(TODAY, 300), reason=MARK)
		cls.own_amendment = make_amendment(cls.own, new_end_date=add_days(TODAY, 300), reason=MARK)
		claim = {"basis": "Other", "principal_amount": 100, "penalty_method": "None", "demand": MARK}
		cls.hidden_claim = make_claim(cls.hidden, party=r.CUSTOMER_2, **claim)
		cls.own_claim = make_claim(cls.own, **claim)
		paper = {"doctype": PRIMARY_DOCUMENT, "kind": UPD, "flow": "We Issue", "notes": MARK}
		cls.own_paper = frappe.get_doc({**paper, "contract": cls.own.name}).insert()
		cls.hidden_paper = frappe.get_doc({**paper, "contract": cls.hidden.name}).insert()
		cls.parents = {
			"Contract": (cls.own.name, cls.hidden.name),
			"Contract Amendment": (cls.own_amendment.name, cls.hidden_amendment.name),
			"Contract Claim": (cls.own_claim.name, cls.hidden_claim.name),
			PRIMARY_DOCUMENT: (cls.own_paper.name, cls.hidden_paper.name),
		}
		cls.rows = {}
		for parent, fieldname, child in child_tables():
			own, hidden = cls.parents[parent]
			cls.rows[(parent, child)] = (
				add_child_row(parent, own, fieldname, child),
				add_child_row(parent, hidden, fieldname, child),
			)
		cls.hidden_file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "side-doors-scan.txt",
				"attached_to_doctype": "Contract",
				"attached_to_name": cls.hidden.name,
				"is_private": 1,
				"content": b"a scan of the hidden contract",
			}
		).insert()
		cls.hidden_paper_file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "side-doors-upd-scan.txt",
				"attached_to_doctype": PRIMARY_DOCUMENT,
				"attached_to_name": cls.hidden_paper.name,
				"is_private": 1,
				"content": b"a scan of the hidden contract's UPD",
			}
		).insert()
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 1)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 0)
		for file in (cls.hidden_file, cls.hidden_paper_file):
			frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
		for (_parent, child), names in cls.rows.items():
			frappe.db.delete(child, {"name": ("in", names)})
		for doctype in (PRIMARY_DOCUMENT, "Contract Claim", "Contract Amendment", "Contract"):
			names = cls.parents[doctype]
			for child in {options for _parent, _field, options in child_tables()}:
				frappe.db.delete(child, {"parent": ("in", names), "parenttype": doctype})
			frappe.db.delete(doctype, {"name": ("in", names)})
		frappe.db.commit()
		super().tearDownClass()

	def login(self, user):
		return login(self.url, user, r.PASSWORD)

	def call(self, session, method, **args):
		return session.post(f"{self.url}/api/method/{method}", json=args, timeout=60)

	# ------------------------------------------------------------ leaks

	def test_child_rows_follow_their_parents_rule(self):
		sales = self.login(SALES)
		self.assertGreaterEqual(len(self.rows), 7, "every child table of contracts, agreements, claims")
		for (parent, child), (own_row, hidden_row) in self.rows.items():
			own, hidden = self.parents[parent]
			listed = sales.get(
				f"{self.url}/api/resource/{child}",
				params={
					"parent": parent,
					"fields": json.dumps(["name", "parent"]),
					"filters": json.dumps([[child, "parent", "in", [own, hidden]]]),
					"limit_page_length": 0,
				},
				timeout=30,
			)
			self.assertEqual(listed.status_code, 200, f"{child}: {listed.text[:300]}")
			rows = listed.json()["data"]
			self.assertEqual({row["parent"] for row in rows}, {own}, f"{child} of {parent} via REST")
			self.assertIn(own_row, {row["name"] for row in rows})
			client = self.call(
				sales,
				"frappe.client.get_list",
				doctype=child,
				parent=parent,
				fields=["name"],
				filters={"parent": hidden},
			)
			self.assertEqual(client.json().get("message"), [], f"{child} of {parent} via get_list")
			value = self.call(
				sales,
				"frappe.client.get_value",
				doctype=child,
				parent=parent,
				fieldname="parent",
				filters={"name": hidden_row},
			)
			self.assertNotIn(hidden, value.text, f"{child} via get_value")
			opened = sales.get(f"{self.url}/api/resource/{child}/{hidden_row}", timeout=30)
			self.assertEqual(opened.status_code, 403, f"{child} row of a hidden {parent}")
			self.assertEqual(
				sales.get(f"{self.url}/api/resource/{child}/{own_row}", timeout=30).status_code, 200
			)

	def test_counts_need_read_permission_on_the_doctype_and_never_show_sql(self):
		sales = self.login(SALES)
		for doctype in ("Sales Invoice", "Error Log", "Access Log"):
			self.assertFalse(frappe.has_permission(doctype, "read", user=SALES), doctype)
			response = self.call(sales, "frappe.client.get_count", doctype=doctype)
			self.assertEqual(response.status_code, 403, f"{doctype}: {response.text[:200]}")
			self.assertNotIn("message", response.json(), doctype)
		response = self.call(
			sales, "frappe.client.get_count", doctype="Contract", filters={"name": self.own.name}, debug=1
		)
		self.assertEqual(response.json()["message"], 1)
		self.assertNotIn("select", response.text.lower(), "no SQL in the answer")
		grouped = self.call(
			sales,
			"frappe.desk.listview.get_group_by_count",
			doctype="Sales Invoice",
			current_filters="{}",
			field="assigned_to",
		)
		self.assertEqual(grouped.status_code, 403)

	def test_link_validation_answers_a_hidden_contract_as_a_missing_one(self):
		sales = self.login(SALES)

		def validate(name, fields=None):
			response = self.call(
				sales,
				LINK_VALIDATION.method,
				doctype="Contract",
				docname=name,
				**{LINK_VALIDATION.fields: fields},
			)
			return response.status_code, response.json().get("message")

		self.assertEqual(validate(self.own.name), (200, {"name": self.own.name}))
		self.assertEqual(validate(self.hidden.name), validate(MISSING))
		self.assertEqual(validate(self.hidden.name, ["party_name"]), validate(MISSING, ["party_name"]))
		# v15 answers {"name": None}, v16 {}: no name either way
		self.assertFalse((validate(self.hidden.name)[1] or {}).get("name"))

	def test_a_hidden_contracts_attachment_is_neither_listed_nor_opened(self):
		sales = self.login(SALES)
		listed = sales.get(
			f"{self.url}/api/resource/File",
			params={"filters": json.dumps({"attached_to_name": self.hidden.name}), "limit_page_length": 0},
			timeout=30,
		)
		self.assertEqual(listed.status_code, 200)
		self.assertEqual(listed.json()["data"], [])
		opened = sales.get(f"{self.url}/api/resource/File/{self.hidden_file.name}", timeout=30)
		self.assertEqual(opened.status_code, 403)
		self.assertNotEqual(
			sales.get(f"{self.url}{self.hidden_file.file_url}", timeout=30).status_code,
			200,
			"the file itself",
		)

	def test_a_hidden_contracts_primary_documents_are_neither_listed_counted_found_nor_opened(self):
		sales = self.login(SALES)
		own, hidden = self.own_paper.name, self.hidden_paper.name
		both = [[PRIMARY_DOCUMENT, "name", "in", [own, hidden]]]
		listed = sales.get(
			f"{self.url}/api/resource/{PRIMARY_DOCUMENT}",
			params={"filters": json.dumps(both), "limit_page_length": 0},
			timeout=30,
		)
		self.assertEqual([row["name"] for row in listed.json()["data"]], [own])
		self.assertEqual(
			sales.get(f"{self.url}/api/resource/{PRIMARY_DOCUMENT}/{hidden}", timeout=30).status_code, 403
		)
		self.assertEqual(
			sales.get(f"{self.url}/api/resource/{PRIMARY_DOCUMENT}/{own}", timeout=30).status_code, 200
		)
		counted = self.call(sales, "frappe.client.get_count", doctype=PRIMARY_DOCUMENT, filters=both)
		self.assertEqual(counted.json()["message"], 1)
		found = self.call(
			sales,
			"frappe.desk.search.search_link",
			doctype=PRIMARY_DOCUMENT,
			txt="",
			filters={"name": ["in", [own, hidden]]},
			ignore_user_permissions=1,
		)
		self.assertEqual([row["value"] for row in found.json()["message"]], [own])
		value = self.call(
			sales,
			"frappe.client.get_value",
			doctype=PRIMARY_DOCUMENT,
			fieldname="contract",
			filters={"name": hidden},
		)
		self.assertNotIn(self.hidden.name, value.text)
		attached = sales.get(
			f"{self.url}/api/resource/File",
			params={"filters": json.dumps({"attached_to_name": hidden}), "limit_page_length": 0},
			timeout=30,
		)
		self.assertEqual(attached.json()["data"], [])
		opened = sales.get(f"{self.url}/api/resource/File/{self.hidden_paper_file.name}", timeout=30)
		self.assertEqual(opened.status_code, 403)

	def act(self, session, filters, pdf=False):
		method = f"{ACT}.{'download_pdf' if pdf else 'get_print_html'}"
		return session.post(
			f"{self.url}/api/method/{method}", data={"filters": json.dumps(filters)}, timeout=120
		)

	def test_act_print_of_a_hidden_contract_is_refused_as_a_missing_one(self):
		sales = self.login(SALES)
		shown = self.act(sales, {"contract": self.own.name, **PERIOD})
		self.assertEqual(shown.status_code, 200, shown.text[:300])
		self.assertIn(r.CUSTOMER, shown.text)
		for pdf in (False, True):
			for extra in ({}, {"party_type": "Customer", "party": r.CUSTOMER}):
				answers = []
				for name in (self.hidden.name, MISSING):
					response = self.act(sales, {"contract": name, **extra, **PERIOD}, pdf=pdf)
					self.assertEqual(response.status_code, 403, f"{name} {extra}: {response.text[:300]}")
					# Decoded (v15 escapes Cyrillic in JSON, v16 does not), less the name the user sent, which
					# the answer repeats and which is the hidden contract's registry number.
					answer = json.dumps(response.json(), ensure_ascii=False).replace(name, "X")
					for secret in (r.CUSTOMER_2, self.hidden.cm_registry_number):
						self.assertNotIn(secret, answer)
					answers.append(
						(response.json().get("exc_type"), messages_of(response).replace(name, "X"))
					)
				self.assertEqual(answers[0], answers[1], f"pdf={pdf} {extra}")

	def test_act_print_for_a_party_needs_read_permission_on_the_party(self):
		viewer = self.login(VIEWER)
		self.assertFalse(frappe.has_permission("Customer", "read", r.CUSTOMER_2, user=VIEWER))
		by_party = {"company": r.RUB_COMPANY, "party_type": "Customer", "party": r.CUSTOMER_2, **PERIOD}
		missing = {**by_party, "party": "CM No Such Customer"}
		answers = []
		for filters in (by_party, missing):
			response = self.act(viewer, filters)
			self.assertEqual(response.status_code, 403, response.text[:300])
			answers.append(
				(response.json().get("exc_type"), messages_of(response).replace(filters["party"], "X"))
			)
		self.assertEqual(answers[0], answers[1])
		sales = self.login(SALES)
		self.assertTrue(frappe.has_permission("Customer", "read", r.CUSTOMER_2, user=SALES))
		self.assertEqual(self.act(sales, by_party).status_code, 200, "a user who may read the customer")

	# ------------------------------------------------------------ bad input

	def assert_user_error(self, session, method, args, label=None):
		response = self.call(session, method, **args)
		self.assertIn(
			response.status_code, (400, 403, 404, 417), f"{label or method} {args}: {response.text[:400]}"
		)
		self.assertTrue(messages_of(response).strip(), f"{label or method} {args}: a message")
		return response

	def test_act_print_refuses_malformed_filters(self):
		manager = self.login(MANAGER)
		for filters in (
			"not json",
			"5",
			"[1, 2]",
			json.dumps({"contract": {"a": 1}, **PERIOD}),
			json.dumps({"contract": ["x"], **PERIOD}),
			json.dumps({"contract": 5, **PERIOD}),
			json.dumps({"contract": self.own.name, "from_date": "0000-00-00", "to_date": "2026-01-01"}),
			json.dumps({"contract": self.own.name, "from_date": "1" * 30, "to_date": "2026-01-01"}),
			json.dumps({"company": ["x"], "party_type": "Customer", "party": r.CUSTOMER, **PERIOD}),
			json.dumps({"company": r.RUB_COMPANY, "party_type": "Customer", "party": {"x": 1}, **PERIOD}),
			json.dumps({"company": r.RUB_COMPANY, "party_type": ["Customer"], "party": r.CUSTOMER, **PERIOD}),
		):
			for method in ("get_print_html", "download_pdf"):
				response = manager.post(
					f"{self.url}/api/method/{ACT}.{method}", data={"filters": filters}, timeout=60
				)
				self.assertIn(response.status_code, (403, 417), f"{method} {filters}: {response.text[:400]}")
				self.assertTrue(messages_of(response).strip(), f"{method} {filters}")

	def test_workspace_figures_refuse_malformed_filters(self):
		manager = self.login(MANAGER)
		for method in (
			"contract_management.reporting.workspace.get_overdue_debt_card",
			"contract_management.contract_management.dashboard_chart_source.contract_debt_aging.contract_debt_aging.get",
		):
			for filters in (
				"not json",
				json.dumps({"company": ["x"]}),
				json.dumps({"company": {"a": 1}}),
				"[1]",
			):
				self.assert_user_error(manager, method, {"filters": filters})

	def test_counts_and_search_refuse_malformed_arguments(self):
		sales = self.login(SALES)
		cases = [
			("frappe.client.get_count", {}),
			("frappe.client.get_count", {"doctype": "Contract", "filters": "not json"}),
			("frappe.client.get_count", {"doctype": "Contract", "filters": {"no_such_field": 1}}),
			("frappe.client.get_count", {"doctype": "Contract", "filters": {"name": {"a": 1}}}),
			("frappe.client.get_count", {"doctype": "Contract", "filters": {"start_date": "0000-00-00"}}),
			("frappe.client.get_count", {"doctype": "Contract Management Settings"}),
			("frappe.client.get_count", {"doctype": "No Such DocType"}),
			("frappe.client.get_count", {"doctype": ["Contract"]}),
			("frappe.desk.listview.get_group_by_count", {}),
			(
				"frappe.desk.listview.get_group_by_count",
				{"doctype": "Contract", "current_filters": "x", "field": "owner"},
			),
			(
				"frappe.desk.listview.get_group_by_count",
				{"doctype": "Contract", "current_filters": "{}", "field": "nofield"},
			),
			(
				"frappe.desk.listview.get_group_by_count",
				{"doctype": "Contract Management Settings", "current_filters": "{}", "field": "owner"},
			),
			("frappe.desk.search.search_link", {}),
			("frappe.desk.search.search_link", {"doctype": "Contract", "txt": "", "page_length": -1}),
			("frappe.desk.search.search_link", {"doctype": "Contract", "txt": "", "filters": "not json"}),
			("frappe.desk.search.search_link", {"doctype": "Contract", "txt": "", "filters": {"nofield": 1}}),
			("frappe.desk.search.search_link", {"doctype": "Contract", "txt": "", "searchfield": "nofield"}),
			("frappe.desk.search.search_link", {"doctype": "Contract", "txt": ["x"]}),
			("frappe.desk.search.search_widget", {"doctype": "Contract", "txt": "", "filter_fields": "x"}),
			("frappe.desk.search.search_widget", {"doctype": "Contract", "txt": "", "start": -5}),
			(LINK_VALIDATION.method, {"doctype": "Contract", "docname": {"a": 1}}),
		]
		for method, args in cases:
			self.assert_user_error(sales, method, args)

	def test_mark_fulfilled_refuses_a_malformed_date_and_one_outside_the_contracts_life(self):
		manager = self.login(MANAGER)
		start, modified = frappe.db.get_value("Contract", self.own.name, ["start_date", "modified"])
		for fulfilled_on in (
			"1" * 30,
			"0000-00-00",
			"2099-12-31",
			str(add_days(TODAY, 1)),
			str(add_days(start, -1)),
			["x"],
		):
			self.assert_user_error(
				manager,
				"contract_management.api.mark_fulfilled",
				{"contract": self.own.name, "fulfilled_on": fulfilled_on},
			)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Contract", self.own.name, "modified"), modified, "nothing written"
		)
