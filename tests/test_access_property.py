"""One rule for every read path: for any user and any records, every way a user can read contracts,
supplementary agreements, primary documents and claims returns exactly the records the form would open
(`frappe.has_permission`).

Hypothesis generates the user (roles, the «own contracts only» setting, user permissions on parties
and companies, the customers' account manager) and the records (party, direction, responsible,
company of contracts; the contract of agreements and of primary documents; claims with and without a contract), over a customer
and a supplier with the same name. The records are made once and re-shaped for each example with plain
updates, so each example costs only the reads it checks.
"""

import csv
import io
import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from contract_management.compat import LINK_VALIDATION
from contract_management.setup.defaults import UPD
from contract_management.setup.roles import (
	CONTRACT_MANAGER,
	CONTRACT_VIEWER,
	PURCHASE_CONTRACT_USER,
	SALES_CONTRACT_USER,
)
from tests import records as r
from tests.amendments import TODAY, make_amendment, signed_contract
from tests.contracts import make_contract
from tests.server import ServedSiteTestCase
from tests.test_access import NOBODY, SALES_2, make_twin_parties, routed

# A user of the shared fixtures with no role; each example gives them roles and permissions.
USER = NOBODY
OTHER = SALES_2
TWIN = "CM Twin Party"
PARTIES = (("Customer", TWIN), ("Supplier", TWIN), ("Customer", r.CUSTOMER), ("Supplier", r.SUPPLIER))
COMPANIES = (r.RUB_COMPANY, r.EUR_COMPANY)
DIRECTION = {"Customer": "Sales", "Supplier": "Purchase"}
ROLES = (
	SALES_CONTRACT_USER,
	PURCHASE_CONTRACT_USER,
	CONTRACT_VIEWER,
	CONTRACT_MANAGER,
	"Accounts User",
	"Sales Manager",
)
# Mostly the restricted roles, where the row-level rule has something to decide.
RESTRICTED_ROLES = (SALES_CONTRACT_USER, PURCHASE_CONTRACT_USER, "Accounts User")
PRIMARY_DOCUMENT = "Contract Primary Document"
DOCTYPES = ("Contract", "Contract Amendment", "Contract Claim", PRIMARY_DOCUMENT)
CONTRACTS, AMENDMENTS, CLAIMS, PRIMARY_DOCUMENTS = 4, 2, 4, 3

responsible = st.sampled_from((USER, OTHER, None))
party = st.integers(0, len(PARTIES) - 1)
company = st.sampled_from(COMPANIES)

users = st.fixed_dictionaries(
	{
		"roles": st.one_of(
			st.sets(st.sampled_from(RESTRICTED_ROLES), min_size=1), st.sets(st.sampled_from(ROLES))
		),
		"own_only": st.booleans(),
		"party_permissions": st.sets(st.sampled_from(PARTIES), max_size=3),
		"applicable_for": st.sampled_from((None, "Contract", "Contract Claim")),
		"company_permission": st.sampled_from((None, *COMPANIES)),
		"account_managers": st.tuples(responsible, responsible),
	}
)
records = st.fixed_dictionaries(
	{
		"contracts": st.lists(
			st.tuples(party, responsible, company, st.booleans()), min_size=CONTRACTS, max_size=CONTRACTS
		),
		"amendments": st.lists(st.integers(0, CONTRACTS - 1), min_size=AMENDMENTS, max_size=AMENDMENTS),
		"primary_documents": st.lists(
			st.integers(0, CONTRACTS - 1), min_size=PRIMARY_DOCUMENTS, max_size=PRIMARY_DOCUMENTS
		),
		"claims": st.lists(
			st.tuples(st.one_of(st.none(), st.integers(0, CONTRACTS - 1)), party, responsible, company),
			min_size=CLAIMS,
			max_size=CLAIMS,
		),
	}
)


def make_records() -> dict[str, list[str]]:
	"""The records every example re-shapes, each assigned to another user (for group-by counts)."""
	make_twin_parties(TWIN)
	signed = [signed_contract(cm_responsible=OTHER) for _ in range(AMENDMENTS)]
	contracts = [contract.name for contract in signed]
	contracts += [make_contract(cm_responsible=OTHER).name for _ in range(CONTRACTS - AMENDMENTS)]
	amendments = [make_amendment(contract, new_end_date=add_days(TODAY, 300)).name for contract in signed]
	from tests.test_claims import make_claim

	claims = [
		make_claim(direction="Incoming", basis="Other", principal_amount=100, penalty_method="None").name
		for _ in range(CLAIMS)
	]
	papers = [
		frappe.get_doc(
			{"doctype": PRIMARY_DOCUMENT, "contract": contracts[0], "kind": UPD, "flow": "We Issue"}
		)
		.insert()
		.name
		for _ in range(PRIMARY_DOCUMENTS)
	]
	made = {
		"Contract": contracts,
		"Contract Amendment": amendments,
		"Contract Claim": claims,
		PRIMARY_DOCUMENT: papers,
	}
	for doctype, names in made.items():
		for name in names:
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": OTHER,
					"reference_type": doctype,
					"reference_name": name,
					"description": "property test",
				}
			).insert(ignore_permissions=True)
	return made


def shape_records(made: dict, shape: dict):
	contract_values = []
	for name, (party_index, contract_responsible, contract_company, direction_missing) in zip(
		made["Contract"], shape["contracts"], strict=True
	):
		party_type, party_name = PARTIES[party_index]
		values = {
			"party_type": party_type,
			"party_name": party_name,
			"cm_customer": party_name if party_type == "Customer" else None,
			"cm_supplier": party_name if party_type == "Supplier" else None,
			# A contract made before the app was installed has no direction until its next save.
			"cm_direction": None if direction_missing else DIRECTION[party_type],
			"cm_responsible": contract_responsible,
			"cm_company": contract_company,
		}
		frappe.db.set_value("Contract", name, values, update_modified=False)
		contract_values.append(values)
	for name, contract_index in zip(made["Contract Amendment"], shape["amendments"], strict=True):
		contract = contract_values[contract_index]
		frappe.db.set_value(
			"Contract Amendment",
			name,
			{
				"contract": made["Contract"][contract_index],
				"company": contract["cm_company"],
				"party_type": contract["party_type"],
				"party": contract["party_name"],
			},
			update_modified=False,
		)
	for name, contract_index in zip(made[PRIMARY_DOCUMENT], shape["primary_documents"], strict=True):
		contract = contract_values[contract_index]
		frappe.db.set_value(
			PRIMARY_DOCUMENT,
			name,
			{
				"contract": made["Contract"][contract_index],
				"company": contract["cm_company"],
				"party_type": contract["party_type"],
				"party": contract["party_name"],
			},
			update_modified=False,
		)
	for name, (contract_index, party_index, claim_responsible, claim_company) in zip(
		made["Contract Claim"], shape["claims"], strict=True
	):
		if contract_index is None:
			party_type, party_name = PARTIES[party_index]
			values = {"contract": None, "company": claim_company}
		else:
			contract = contract_values[contract_index]
			party_type, party_name = contract["party_type"], contract["party_name"]
			values = {"contract": made["Contract"][contract_index], "company": contract["cm_company"]}
		values.update({"party_type": party_type, "party": party_name, "responsible": claim_responsible})
		frappe.db.set_value("Contract Claim", name, values, update_modified=False)


def shape_user(setup: dict):
	frappe.db.delete("Has Role", {"parent": USER, "parenttype": "User"})
	for role in setup["roles"]:
		frappe.get_doc(
			{
				"doctype": "Has Role",
				"parent": USER,
				"parenttype": "User",
				"parentfield": "roles",
				"role": role,
			}
		).db_insert()
	frappe.db.delete("User Permission", {"user": USER})
	permissions = [(party_type, party) for party_type, party in setup["party_permissions"]]
	if setup["company_permission"]:
		permissions.append(("Company", setup["company_permission"]))
	for allow, for_value in permissions:
		applicable_for = setup["applicable_for"] if allow != "Company" else None
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": USER,
				"allow": allow,
				"for_value": for_value,
				"apply_to_all_doctypes": 0 if applicable_for else 1,
				"applicable_for": applicable_for,
			}
		).insert(ignore_permissions=True)
	for customer, manager in zip((TWIN, r.CUSTOMER), setup["account_managers"], strict=True):
		frappe.db.set_value("Customer", customer, "account_manager", manager, update_modified=False)
	frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", int(setup["own_only"]))
	frappe.clear_document_cache("Contract Management Settings", "Contract Management Settings")
	frappe.clear_cache(user=USER)
	frappe.db.value_cache.clear()


# ---------------------------------------------------------------- the read paths, as the user


def _or_nothing(read, nothing=frozenset()):
	"""A user without the doctype's read right gets a permission error: they read nothing."""
	try:
		return read()
	except frappe.PermissionError:
		frappe.clear_messages()
		return nothing


def _with_form(form: dict, call):
	frappe.local.form_dict = frappe._dict(form)
	frappe.local.response = frappe._dict()
	try:
		return call()
	finally:
		frappe.local.form_dict = frappe._dict()


def read_paths(doctype: str, names: list[str]) -> dict[str, set | int]:
	from frappe.desk import reportview

	get_group_by_count = routed("frappe.desk.listview.get_group_by_count")
	search_link = routed("frappe.desk.search.search_link")

	name_filter = {"name": ("in", names)}
	filters_json = json.dumps([[doctype, "name", "in", names]])

	def form():
		opened = set()
		for name in names:
			try:
				frappe.client.get(doctype, name)
				opened.add(name)
			except frappe.PermissionError:
				frappe.clear_messages()
		return opened

	def client_values():
		return {name for name in names if frappe.client.get_value(doctype, "name", {"name": name})}

	def report_view():
		data = _with_form(
			{
				"doctype": doctype,
				"fields": json.dumps([f"`tab{doctype}`.`name`"]),
				"filters": filters_json,
				"page_length": 500,
			},
			reportview.get,
		)
		return {row[0] for row in data["values"]} if data else set()

	def group_by(field):
		rows = get_group_by_count(doctype, filters_json, field)
		return sum(row["count"] for row in rows)

	def link_search(ignore_user_permissions=0):
		return {
			row["value"]
			for row in search_link(
				doctype,
				"",
				filters=name_filter,
				page_length=1000,
				ignore_user_permissions=ignore_user_permissions,
			)
		}

	def export():
		form = {
			"doctype": doctype,
			"file_format_type": "CSV",
			"fields": json.dumps([f"`tab{doctype}`.`name`"]),
			"filters": filters_json,
			"title": doctype,
		}
		_with_form(form, reportview.export_query)
		content = frappe.local.response.get("filecontent") or b""
		if isinstance(content, bytes):
			content = content.decode("utf-8-sig")
		return {cell for row in csv.reader(io.StringIO(content)) for cell in row if cell in names}

	paths = {
		"form": _or_nothing(form),
		"frappe.get_list": _or_nothing(
			lambda: set(frappe.get_list(doctype, filters=name_filter, pluck="name", limit_page_length=0))
		),
		"frappe.client.get_list": _or_nothing(
			lambda: {
				row["name"]
				for row in frappe.client.get_list(
					doctype, fields=["name"], filters=name_filter, limit_page_length=0
				)
			}
		),
		"frappe.client.get_value": _or_nothing(client_values),
		"frappe.client.get_count": _or_nothing(
			lambda: routed("frappe.client.get_count")(doctype=doctype, filters=name_filter),
			0,
		),
		"reportview.get": _or_nothing(report_view),
		"reportview.get_count": _or_nothing(
			lambda: _with_form({"doctype": doctype, "filters": filters_json}, reportview.get_count),
			0,
		),
		"group by owner": _or_nothing(lambda: group_by("owner"), 0),
		"group by assigned_to": _or_nothing(lambda: group_by("assigned_to"), 0),
		"search_link": _or_nothing(link_search),
		"search_link ignoring user permissions": _or_nothing(lambda: link_search(1)),
	}
	if frappe.permissions.can_export(doctype):
		paths["export"] = export()
	return paths


def mismatches(doctype: str, names: list[str]) -> list[str]:
	allowed = {name for name in names if frappe.has_permission(doctype, "read", name, user=USER)}
	frappe.set_user(USER)
	try:
		paths = read_paths(doctype, names)
	finally:
		frappe.set_user("Administrator")
	found = []
	for path, answer in paths.items():
		# Counts say how many; everything else says which.
		expected = len(allowed) if isinstance(answer, int) else allowed
		answer = set(answer) if isinstance(answer, frozenset) else answer
		if answer != expected:
			found.append(f"{doctype} via {path}: {answer!r}, the form allows {sorted(allowed)}")
	return found


def rule_says(user: dict, shape: dict, made: dict) -> dict[str, set]:
	"""The row-level rule as the README states it, in plain Python: which records it lets the user
	see (before roles' rights and Frappe's user permissions, which Frappe applies the same way to
	lists and forms)."""
	if user["roles"] & {CONTRACT_MANAGER, CONTRACT_VIEWER, "Sales Manager"}:
		return {doctype: set(made[doctype]) for doctype in DOCTYPES}
	party_types = {
		party_type
		for role, party_type in ((SALES_CONTRACT_USER, "Customer"), (PURCHASE_CONTRACT_USER, "Supplier"))
		if role in user["roles"]
	}
	managed = {
		("Customer", customer)
		for customer, manager in zip((TWIN, r.CUSTOMER), user["account_managers"], strict=True)
		if manager == USER
	}
	assigned = managed | set(user["party_permissions"])

	def own(responsible, party_type, party):
		return not user["own_only"] or responsible == USER or (party_type, party) in assigned

	contracts = set()
	for name, (party_index, responsible, _company, direction_missing) in zip(
		made["Contract"], shape["contracts"], strict=True
	):
		party_type, party = PARTIES[party_index]
		if not direction_missing and party_type in party_types and own(responsible, party_type, party):
			contracts.add(name)
	agreements = {
		name
		for name, contract_index in zip(made["Contract Amendment"], shape["amendments"], strict=True)
		if made["Contract"][contract_index] in contracts
	}
	claims = set()
	for name, (contract_index, party_index, responsible, _company) in zip(
		made["Contract Claim"], shape["claims"], strict=True
	):
		if contract_index is not None:
			visible = made["Contract"][contract_index] in contracts
		else:
			party_type, party = PARTIES[party_index]
			visible = party_type in party_types and own(responsible, party_type, party)
		if visible:
			claims.add(name)
	papers = {
		name
		for name, contract_index in zip(made[PRIMARY_DOCUMENT], shape["primary_documents"], strict=True)
		if made["Contract"][contract_index] in contracts
	}
	return {
		"Contract": contracts,
		"Contract Amendment": agreements,
		"Contract Claim": claims,
		PRIMARY_DOCUMENT: papers,
	}


def rule_mismatches(user: dict, shape: dict, made: dict) -> list[str]:
	from contract_management.access.rule import has_row_permission

	expected = rule_says(user, shape, made)
	found = []
	for doctype in DOCTYPES:
		admitted = {
			name
			for name in made[doctype]
			if has_row_permission(frappe.get_doc(doctype, name), "read", USER) is not False
		}
		if admitted != expected[doctype]:
			found.append(
				f"{doctype}: the rule admits {sorted(admitted)}, the README says {sorted(expected[doctype])}"
			)
	return found


class TestEveryReadPathFollowsTheForm(FrappeTestCase):
	def test_lists_counts_searches_and_exports_return_exactly_what_the_form_opens(self):
		made = make_records()

		@settings(
			max_examples=20,
			deadline=None,
			derandomize=True,
			database=None,
			# A failure already names the records and read paths that disagree; shrinking it costs
			# minutes of database work.
			phases=[Phase.explicit, Phase.reuse, Phase.generate],
			suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
		)
		@given(user=users, shape=records)
		def check(user, shape):
			shape_records(made, shape)
			shape_user(user)
			found = rule_mismatches(user, shape, made)
			for doctype in DOCTYPES:
				found += mismatches(doctype, made[doctype])
			self.assertEqual(found, [], f"user {user}")

		check()


# ---------------------------------------------------------------- the same, over the REST API

ACT = "contract_management.contract_management.report.reconciliation_act.reconciliation_act"


class RestReader:
	"""The read paths of a served site, as one logged-in user sees them."""

	def __init__(self, url: str, session):
		self.url, self.session = url, session

	def get(self, path: str, **params):
		return self.session.get(f"{self.url}{path}", params=params, timeout=120)

	def call(self, method: str, **args):
		response = self.session.post(f"{self.url}/api/method/{method}", json=args, timeout=120)
		return response.json().get("message") if response.status_code == 200 else None

	def listed(self, doctype: str, filters: list, field: str = "name", **params) -> set:
		response = self.get(
			f"/api/resource/{doctype}",
			filters=json.dumps(filters),
			fields=json.dumps([field]),
			limit_page_length=0,
			**params,
		)
		return {row[field] for row in response.json()["data"]} if response.status_code == 200 else set()

	def opens(self, doctype: str, name: str) -> bool:
		return self.get(f"/api/resource/{doctype}/{name}").status_code == 200

	def paths(self, doctype: str, names: list[str], rows: dict, files: dict) -> dict[str, set | int]:
		in_names = [[doctype, "name", "in", names]]
		filters_json = json.dumps(in_names)

		def group_by(field):
			counted = self.call(
				"frappe.desk.listview.get_group_by_count",
				doctype=doctype,
				current_filters=filters_json,
				field=field,
			)
			return sum(row["count"] for row in counted or [])

		def search(ignore_user_permissions):
			found = self.call(
				"frappe.desk.search.search_link",
				doctype=doctype,
				txt="",
				filters={"name": ["in", names]},
				page_length=1000,
				ignore_user_permissions=ignore_user_permissions,
			)
			return {row["value"] for row in found or []}

		def validated():
			answers = {
				name: self.call(LINK_VALIDATION.method, doctype=doctype, docname=name) for name in names
			}
			return {name for name, answer in answers.items() if answer and answer.get("name") == name}

		paths = {
			"REST list": self.listed(doctype, in_names),
			"REST form": {name for name in names if self.opens(doctype, name)},
			"frappe.client.get_count": self.call("frappe.client.get_count", doctype=doctype, filters=in_names)
			or 0,
			"reportview.get_count": self.call(
				"frappe.desk.reportview.get_count", doctype=doctype, filters=filters_json
			)
			or 0,
			"group by owner": group_by("owner"),
			"group by assigned_to": group_by("assigned_to"),
			"search_link": search(0),
			"search_link ignoring user permissions": search(1),
			"validate_link": validated(),
		}
		for child, by_parent in rows.items():
			paths[f"{child} rows listed"] = self.listed(
				child, [[child, "parent", "in", names]], field="parent", parent=doctype
			)
			paths[f"{child} rows opened"] = {
				parent for parent, row in by_parent.items() if self.opens(child, row)
			}
		if doctype == "Contract":
			paths["print view"] = {
				name
				for name in names
				if self.get(
					"/api/method/frappe.www.printview.get_html_and_style", doc=doctype, name=name
				).status_code
				== 200
			}
			attached = [
				["File", "attached_to_doctype", "=", doctype],
				["File", "attached_to_name", "in", names],
			]
			paths["attachments listed"] = self.listed("File", attached, field="attached_to_name")
			paths["attachments opened"] = {name for name, file in files.items() if self.opens("File", file)}
			period = {"from_date": "2025-01-01", "to_date": "2027-12-31"}
			paths["reconciliation act print"] = {
				name
				for name in names
				if self.session.post(
					f"{self.url}/api/method/{ACT}.get_print_html",
					data={"filters": json.dumps({"contract": name, **period})},
					timeout=120,
				).status_code
				== 200
			}
		return paths


def rest_mismatches(reader: RestReader, doctype: str, names: list[str], rows: dict, files: dict) -> list:
	allowed = {name for name in names if frappe.has_permission(doctype, "read", name, user=USER)}
	expected_of = {}
	if doctype == "Contract":
		frappe.set_user(USER)
		try:
			may_run_act = frappe.get_doc(
				"Report", "Reconciliation Act"
			).is_permitted() and frappe.has_permission("Contract", "report")
		finally:
			frappe.set_user("Administrator")
		expected_of["reconciliation act print"] = allowed if may_run_act else set()
		# Frappe's print view asks for the print right (granted wherever read is, README «Access»).
		expected_of["print view"] = {
			name for name in names if frappe.has_permission(doctype, "print", name, user=USER)
		}
		expected_of["attachments listed"] = expected_of["attachments opened"] = {
			name for name, file in files.items() if frappe.has_permission("File", "read", file, user=USER)
		}
	found = []
	for path, answer in reader.paths(doctype, names, rows, files).items():
		expected = expected_of.get(path, allowed)
		expected = len(expected) if isinstance(answer, int) else expected
		if answer != expected:
			found.append(f"{doctype} via {path}: {answer!r}, the form allows {sorted(allowed)}")
	return found


class TestEveryReadPathOverRest(ServedSiteTestCase):
	"""The property above through the served site's REST API, with the side doors of issue 18: child
	tables (listed and opened row by row), counts and group-by counts, link search and validation,
	prints, attachments and the Reconciliation Act's print. The server reads committed data: each example
	commits its shape, and the class removes all it made."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from tests.test_access_side_doors import add_child_row, child_tables

		frappe.set_user("Administrator")
		# The user of the examples logs in to the desk's API as every user with a role of the app does.
		cls.user_type = frappe.db.get_value("User", USER, "user_type")
		frappe.db.set_value("User", USER, "user_type", "System User", update_modified=False)
		cls.account_managers = {
			customer: frappe.db.get_value("Customer", customer, "account_manager")
			for customer in (r.CUSTOMER,)
		}
		cls.made = make_records()
		cls.rows = {doctype: {} for doctype in DOCTYPES}
		for parent, fieldname, child in child_tables():
			cls.rows[parent][child] = {
				name: add_child_row(parent, name, fieldname, child) for name in cls.made[parent]
			}
		cls.files = {
			name: frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"property-{index}.txt",
					"attached_to_doctype": "Contract",
					"attached_to_name": name,
					"is_private": 1,
					"content": b"scan",
				}
			)
			.insert()
			.name
			for index, name in enumerate(cls.made["Contract"])
		}
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for file in cls.files.values():
			frappe.delete_doc("File", file, force=True, ignore_permissions=True)
		for doctype, names in cls.made.items():
			for child in {field.options for field in frappe.get_meta(doctype).get_table_fields()}:
				frappe.db.delete(child, {"parent": ("in", names), "parenttype": doctype})
			frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": ("in", names)})
		for doctype in (PRIMARY_DOCUMENT, "Contract Claim", "Contract Amendment", "Contract"):
			frappe.db.delete(doctype, {"name": ("in", cls.made[doctype])})
		frappe.db.delete("Has Role", {"parent": USER, "parenttype": "User"})
		frappe.db.delete("User Permission", {"user": USER})
		frappe.db.set_value("User", USER, "user_type", cls.user_type, update_modified=False)
		for customer, manager in cls.account_managers.items():
			frappe.db.set_value("Customer", customer, "account_manager", manager, update_modified=False)
		frappe.db.delete("Customer", {"name": TWIN})
		frappe.db.delete("Supplier", {"name": TWIN})
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", 0)
		frappe.db.commit()
		frappe.clear_cache(user=USER)
		super().tearDownClass()

	def test_every_read_path_over_rest_returns_exactly_what_the_form_opens(self):
		from tests.server import login

		@settings(
			max_examples=8,
			deadline=None,
			derandomize=True,
			database=None,
			phases=[Phase.explicit, Phase.reuse, Phase.generate],
			suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
		)
		@given(user=users, shape=records)
		def check(user, shape):
			shape_records(self.made, shape)
			shape_user(user)
			frappe.db.commit()
			frappe.clear_cache(user=USER)
			reader = RestReader(self.url, login(self.url, USER, r.PASSWORD))
			found = []
			for doctype in DOCTYPES:
				found += rest_mismatches(reader, doctype, self.made[doctype], self.rows[doctype], self.files)
			self.assertEqual(found, [], f"user {user}")

		check()
