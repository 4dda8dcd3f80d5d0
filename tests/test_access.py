"""Who may do what: the role × doctype × action matrix, and row-level visibility of contracts and of
what hangs off them, in every place a user can reach a contract from."""

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management.access.rule import claim_query, contract_query
from tests import records as r
from tests.amendments import make_amendment, signed_contract
from tests.contracts import make_contract

MANAGER, LEGAL, VIEWER = "cm.manager@example.com", "cm.legal@example.com", "cm.viewer@example.com"
SALES, SALES_2, PURCHASE = "cm.sales@example.com", "cm.sales2@example.com", "cm.purchase@example.com"
NOBODY = "cm.nobody@example.com"

ALL = ("read", "create", "write", "submit", "cancel", "delete", "print", "report", "export")
READ = ("read", "print", "report", "export")
DRAFTS = ("read", "create", "write", "print", "report", "export")

# The matrix the README shows: what each role may do on each doctype (actions not listed: refused).
MATRIX = {
	MANAGER: {
		"Contract": ALL,
		"Contract Amendment": ALL,
		"Contract Claim": ALL,
		"Key Rate": ("read", "create", "write", "delete", "print", "report", "export"),
		"Contract Approval Route": ("read", "create", "write", "delete", "print", "report", "export"),
		"Contract Management Settings": ("read", "create", "write", "print"),
	},
	LEGAL: {
		"Contract": READ,
		"Contract Amendment": ("read", "print", "report"),
		"Contract Claim": ALL,
		"Key Rate": ("read", "create", "write", "delete", "print", "report", "export"),
		"Contract Approval Route": ("read", "print", "report"),
		"Contract Management Settings": ("read", "print"),
	},
	SALES: {
		"Contract": DRAFTS,
		"Contract Amendment": DRAFTS,
		"Contract Claim": ("read", "print", "report"),
		"Key Rate": ("read", "print", "report"),
		"Contract Approval Route": (),
		"Contract Management Settings": (),
	},
	VIEWER: {
		"Contract": READ,
		"Contract Amendment": ("read", "print", "report"),
		"Contract Claim": ("read", "print", "report"),
		"Key Rate": ("read", "print", "report"),
		"Contract Approval Route": ("read", "print", "report"),
		"Contract Management Settings": ("read", "print"),
	},
	NOBODY: {
		doctype: ()
		for doctype in (
			"Contract",
			"Contract Amendment",
			"Contract Claim",
			"Key Rate",
			"Contract Approval Route",
			"Contract Management Settings",
		)
	},
}


class TestPermissionMatrix(FrappeTestCase):
	def test_each_role_may_do_exactly_what_the_matrix_says(self):
		differences = []
		for user, doctypes in MATRIX.items():
			for doctype, allowed in doctypes.items():
				for ptype in ALL:
					if frappe.get_meta(doctype).issingle and ptype in (
						"delete",
						"submit",
						"cancel",
						"report",
						"export",
					):
						continue
					granted = bool(frappe.has_permission(doctype, ptype, user=user))
					if granted != (ptype in allowed):
						differences.append(f"{user} {doctype} {ptype}: {'granted' if granted else 'refused'}")
		self.assertEqual(differences, [])

	def test_purchase_user_mirrors_the_sales_user(self):
		for doctype, allowed in MATRIX[SALES].items():
			for ptype in ALL:
				if frappe.get_meta(doctype).issingle and ptype in (
					"delete",
					"submit",
					"cancel",
					"report",
					"export",
				):
					continue
				self.assertEqual(
					bool(frappe.has_permission(doctype, ptype, user=PURCHASE)),
					ptype in allowed,
					f"{doctype} {ptype}",
				)

	def test_each_role_reads_companies(self):
		"""The reports filter by company, and Frappe v16 runs a report only when the user may read (or
		select) each Link filter's document; a select-only user gets its refusal message all the same."""
		for user in (MANAGER, LEGAL, VIEWER, SALES):
			self.assertTrue(frappe.has_permission("Company", "read", doc=r.RUB_COMPANY, user=user), user)
		self.assertFalse(frappe.has_permission("Company", "read", user=NOBODY))

	def test_a_viewer_runs_a_report_filtered_by_company(self):
		# As the desk asks: with the report's filters (v16 checks their Link values; frappe.call passes
		# only the arguments the major's runner takes).
		frappe.set_user(VIEWER)
		try:
			result = frappe.call(
				"frappe.desk.query_report.run",
				report_name="Contract Register",
				filters={"company": r.RUB_COMPANY},
				js_filters=[{"fieldname": "company", "fieldtype": "Link", "options": "Company"}],
			)
		finally:
			frappe.set_user("Administrator")
		self.assertIn("result", result)

	def test_guest_gets_nothing(self):
		for doctype in MATRIX[NOBODY]:
			self.assertFalse(frappe.has_permission(doctype, "read", user="Guest"), doctype)


def visible(user, doctype="Contract"):
	frappe.set_user(user)
	try:
		return set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
	finally:
		frappe.set_user("Administrator")


class TestRowLevel(FrappeTestCase):
	def setUp(self):
		self.sales = make_contract(cm_responsible=SALES)
		self.sales_2 = make_contract(cm_responsible=SALES_2, party_name=r.CUSTOMER_2)
		self.purchase = make_contract(party_type="Supplier", party_name=r.SUPPLIER, cm_responsible=PURCHASE)

	def own_only(self, on=1):
		frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", on)
		frappe.clear_document_cache("Contract Management Settings", "Contract Management Settings")

	def test_direction_decides_when_not_own_only(self):
		ours = {self.sales.name, self.sales_2.name, self.purchase.name}
		self.assertEqual(visible(SALES) & ours, {self.sales.name, self.sales_2.name})
		self.assertEqual(visible(PURCHASE) & ours, {self.purchase.name})
		self.assertEqual(visible(VIEWER) & ours, ours)
		self.assertEqual(visible(LEGAL) & ours, ours)
		self.assertFalse(frappe.has_permission("Contract", "read", self.purchase, user=SALES))

	def test_own_only_in_list_form_link_search_report_and_print(self):
		self.own_only()
		ours = {self.sales.name, self.sales_2.name, self.purchase.name}
		self.assertEqual(visible(SALES) & ours, {self.sales.name})
		self.assertEqual(visible(SALES_2) & ours, {self.sales_2.name})

		# Form (and the REST API, which asks the same question)
		self.assertTrue(frappe.has_permission("Contract", "read", self.sales, user=SALES))
		self.assertFalse(frappe.has_permission("Contract", "read", self.sales_2, user=SALES))
		frappe.set_user(SALES)
		try:
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Contract", self.sales_2.name).check_permission("read")
			# Link search
			from frappe.desk.search import search_link

			found = {row["value"] for row in search_link("Contract", "", page_length=100)}
			self.assertIn(self.sales.name, found)
			self.assertNotIn(self.sales_2.name, found)
			# Report view
			from frappe.desk.reportview import execute as report_rows

			names = {row.name for row in report_rows("Contract", fields=["name"], limit_page_length=0)}
			self.assertIn(self.sales.name, names)
			self.assertNotIn(self.sales_2.name, names)
			# Print: the own contract prints, the other one is refused
			own_sheet = frappe.get_print("Contract", self.sales.name, "Contract Approval Sheet")
			self.assertIn(self.sales.name, own_sheet)
			with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
				frappe.get_print("Contract", self.sales_2.name, "Contract Approval Sheet")
		finally:
			frappe.set_user("Administrator")

	def test_party_assigned_to_the_user_counts_as_own(self):
		self.own_only()
		frappe.db.set_value("Customer", r.CUSTOMER_2, "account_manager", SALES)
		self.assertIn(self.sales_2.name, visible(SALES))
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": PURCHASE,
				"allow": "Supplier",
				"for_value": r.SUPPLIER_2,
				"apply_to_all_doctypes": 0,
				"applicable_for": "Contract",
			}
		).insert()
		other_supplier = make_contract(party_type="Supplier", party_name=r.SUPPLIER_2)
		self.assertIn(other_supplier.name, visible(PURCHASE))

	def test_attachments_follow_the_contract(self):
		self.own_only()
		attachment = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "signed-scan.txt",
				"content": b"signed",
				"is_private": 1,
				"attached_to_doctype": "Contract",
				"attached_to_name": self.sales_2.name,
			}
		).insert()
		self.assertTrue(frappe.has_permission("File", "read", attachment, user=SALES_2))
		self.assertFalse(frappe.has_permission("File", "read", attachment, user=SALES))

	def test_amendments_and_claims_follow_the_contract(self):
		self.own_only()
		signed_1 = signed_contract(cm_responsible=SALES)
		signed_2 = signed_contract(cm_responsible=SALES_2, party_name=r.CUSTOMER_2)
		from frappe.utils import add_days, getdate, nowdate

		later = add_days(getdate(nowdate()), 300)
		amendment_1 = make_amendment(signed_1, new_end_date=later)
		amendment_2 = make_amendment(signed_2, new_end_date=later)
		self.assertIn(amendment_1.name, visible(SALES, "Contract Amendment"))
		self.assertNotIn(amendment_2.name, visible(SALES, "Contract Amendment"))
		self.assertFalse(frappe.has_permission("Contract Amendment", "read", amendment_2, user=SALES))

		from tests.test_claims import make_claim

		claim_2 = make_claim(
			signed_2, party=r.CUSTOMER_2, basis="Other", principal_amount=100, penalty_method="None"
		)
		supplier_claim = make_claim(
			direction="Incoming",
			basis="Other",
			party_type="Supplier",
			party=r.SUPPLIER,
			principal_amount=100,
			penalty_method="None",
		)
		self.assertNotIn(claim_2.name, visible(SALES, "Contract Claim"))
		self.assertIn(claim_2.name, visible(SALES_2, "Contract Claim"))
		self.assertNotIn(supplier_claim.name, visible(SALES, "Contract Claim"), "not the sales side's claim")
		self.assertFalse(frappe.has_permission("Contract Claim", "read", claim_2, user=SALES))

	def test_conditions_are_empty_for_unrestricted_roles_and_escape_the_user(self):
		self.assertEqual(contract_query(MANAGER), "")
		self.assertEqual(claim_query("Administrator"), "")
		self.own_only()
		self.assertIn("'cm.sales@example.com'", contract_query(SALES))
		self.assertEqual(contract_query(NOBODY), "1=0")


class TestCompanyUserPermission(FrappeTestCase):
	def test_a_company_user_permission_restricts_contracts_agreements_and_claims(self):
		rub = signed_contract(cm_responsible=SALES)
		eur = signed_contract(cm_company=r.EUR_COMPANY, party_name=r.EUR_CUSTOMER, cm_responsible=SALES)
		from frappe.utils import add_days, getdate, nowdate

		eur_amendment = make_amendment(eur, new_end_date=add_days(getdate(nowdate()), 300))
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": VIEWER,
				"allow": "Company",
				"for_value": r.RUB_COMPANY,
				"apply_to_all_doctypes": 1,
			}
		).insert()
		seen = visible(VIEWER)
		self.assertIn(rub.name, seen)
		self.assertNotIn(eur.name, seen)
		self.assertFalse(frappe.has_permission("Contract", "read", eur, user=VIEWER))
		self.assertNotIn(eur_amendment.name, visible(VIEWER, "Contract Amendment"))
		from tests.test_claims import make_claim

		eur_claim = make_claim(
			direction="Incoming",
			basis="Other",
			company=r.EUR_COMPANY,
			currency="EUR",
			party=r.EUR_CUSTOMER,
			principal_amount=100,
			penalty_method="None",
		)
		self.assertNotIn(eur_claim.name, visible(VIEWER, "Contract Claim"))


class TestGlobalSearch(FrappeTestCase):
	def test_contracts_stay_out_of_global_search(self):
		from frappe.utils.global_search import search, update_global_search

		hidden = make_contract(cm_responsible=SALES_2, party_name=r.CUSTOMER_2, signee="Hidden Signee")
		update_global_search(hidden)
		frappe.set_user(SALES)
		try:
			self.assertEqual([row for row in search("Hidden Signee") if row.name == hidden.name], [])
		finally:
			frappe.set_user("Administrator")
		settings = frappe.get_single("Global Search Settings")
		settings.append("allowed_in_global_search", {"document_type": "Contract"})
		with self.assertRaisesRegex(frappe.ValidationError, "global"):
			settings.save()


def routed(method: str):
	"""The function the site's request handler runs for `method` (after override_whitelisted_methods)."""
	overrides = frappe.get_hooks("override_whitelisted_methods", {}).get(method, [])
	return frappe.get_attr(overrides[-1] if overrides else method)


def own_only(on=1):
	frappe.db.set_single_value("Contract Management Settings", "own_contracts_only", on)
	frappe.clear_document_cache("Contract Management Settings", "Contract Management Settings")


def form_allows(user, doc) -> bool:
	return bool(frappe.has_permission(doc.doctype, "read", doc.name, user=user))


def make_twin_parties(name: str = "CM Twin Party", account_manager: str | None = None):
	"""A customer and a supplier with the same name: the rule must tell them apart by party type."""
	frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": name,
			"customer_group": "All Customer Groups",
			"territory": "All Territories",
			"account_manager": account_manager,
		}
	).insert()
	frappe.get_doc(
		{"doctype": "Supplier", "supplier_name": name, "supplier_group": "All Supplier Groups"}
	).insert()
	return name


class TestOneRuleForListsAndForms(FrappeTestCase):
	"""The list condition and the document check are one rule: for every record, the list shows it
	exactly when the form opens it."""

	def test_a_claim_without_contract_on_a_supplier_given_by_user_permission(self):
		own_only()
		frappe.get_doc(
			{"doctype": "User Permission", "user": PURCHASE, "allow": "Supplier", "for_value": r.SUPPLIER_2}
		).insert()
		from tests.test_claims import make_claim

		claim = make_claim(
			direction="Incoming",
			basis="Other",
			party_type="Supplier",
			party=r.SUPPLIER_2,
			principal_amount=100,
			penalty_method="None",
		)
		self.assertTrue(form_allows(PURCHASE, claim), "the supplier is assigned to the user")
		self.assertIn(claim.name, visible(PURCHASE, "Contract Claim"), "the list shows what the form opens")

	def test_the_account_manager_of_a_customer_is_not_assigned_the_supplier_of_the_same_name(self):
		own_only()
		twin = make_twin_parties(account_manager=PURCHASE)
		from tests.test_claims import make_claim

		supplier_claim = make_claim(
			direction="Incoming",
			basis="Other",
			party_type="Supplier",
			party=twin,
			principal_amount=100,
			penalty_method="None",
		)
		self.assertFalse(form_allows(PURCHASE, supplier_claim))
		self.assertNotIn(supplier_claim.name, visible(PURCHASE, "Contract Claim"))

	def test_link_search_ignoring_user_permissions_still_applies_the_rule(self):
		own_only()
		hidden = make_contract(cm_responsible=SALES_2, party_name=r.CUSTOMER_2)
		own = make_contract(cm_responsible=SALES)
		search_link = routed("frappe.desk.search.search_link")
		frappe.set_user(SALES)
		try:
			found = {
				row["value"]
				for row in search_link("Contract", "", page_length=1000, ignore_user_permissions=1)
			}
		finally:
			frappe.set_user("Administrator")
		self.assertIn(own.name, found)
		self.assertNotIn(hidden.name, found)

	def test_link_search_from_a_field_that_ignores_user_permissions_still_applies_the_rule(self):
		"""The desk asks as v16's does: with the form's doctype and link field (`link_fieldname`)."""
		own_only()
		hidden = make_contract(cm_responsible=SALES_2, party_name=r.CUSTOMER_2)
		own = make_contract(cm_responsible=SALES)
		frappe.make_property_setter(
			{
				"doctype": "Sales Order",
				"fieldname": "cm_contract",
				"property": "ignore_user_permissions",
				"value": "1",
				"property_type": "Check",
			}
		)

		def forget_setter():
			frappe.db.delete(
				"Property Setter",
				{
					"doc_type": "Sales Order",
					"field_name": "cm_contract",
					"property": "ignore_user_permissions",
				},
			)
			frappe.clear_cache(doctype="Sales Order")

		self.addCleanup(forget_setter)
		frappe.clear_cache(doctype="Sales Order")
		search_link = routed("frappe.desk.search.search_link")
		frappe.set_user(SALES)
		try:
			found = {
				row["value"]
				for row in search_link(
					"Contract",
					"",
					page_length=1000,
					ignore_user_permissions=1,
					reference_doctype="Sales Order",
					link_fieldname="cm_contract",
				)
			}
		finally:
			frappe.set_user("Administrator")
		self.assertIn(own.name, found)
		self.assertNotIn(hidden.name, found)

	def test_group_by_counts_of_assignments_count_only_visible_records(self):
		own_only()
		hidden = make_contract(cm_responsible=SALES_2, party_name=r.CUSTOMER_2)
		from frappe.desk.form.assign_to import add as assign

		assign({"assign_to": [SALES_2], "doctype": "Contract", "name": hidden.name})
		get_group_by_count = routed("frappe.desk.listview.get_group_by_count")
		frappe.set_user(SALES)
		try:
			counts = get_group_by_count("Contract", frappe.as_json({"name": hidden.name}), "assigned_to")
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(counts, [], "an assignment of a hidden contract is not counted")

	def test_the_condition_is_fast_plain_lists_no_subquery_per_row(self):
		"""The parties assigned to the user are read once and inlined, so the database does not run a
		subquery for each contract row (issue 12 measured the difference)."""
		own_only()
		frappe.db.set_value("Customer", r.CUSTOMER_2, "account_manager", SALES)
		condition = contract_query(SALES)
		self.assertNotIn("select", condition.lower())
		self.assertIn(frappe.db.escape(r.CUSTOMER_2), condition)
