"""Every whitelisted method of the app and every Frappe endpoint it overrides, called over HTTP with
arguments `hypothesis` makes up (missing, of the wrong type, not JSON, dates of thirty digits, names of
what does not exist or of what the user may not touch), as three roles: no call may end in a server
error (5xx), and a refused call (4xx) writes nothing.

The methods are found, not listed: every function of the app's modules in `frappe.whitelisted`, and
the targets of the app's `override_whitelisted_methods` under Frappe's own names. A new endpoint joins
by being whitelisted."""

import importlib
import inspect
import json
import pkgutil

import frappe
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import contract_management
from contract_management.compat import LINK_VALIDATION
from tests import records as r
from tests.amendments import signed_contract
from tests.server import ServedSiteTestCase, login
from tests.test_access import LEGAL, MANAGER, SALES

ROLES = (SALES, LEGAL, MANAGER)
EXAMPLES_PER_METHOD = 15
MARK = "fuzz test"
# Tables a refused call must leave as they were: the app's, Contract's and what Frappe writes beside a
# document (files, assignments, comments, versions).
WATCHED_BESIDES_THE_APPS = ("Contract", "Contract Fulfilment Checklist", "File", "ToDo", "Comment", "Version")


def whitelisted_methods() -> dict[str, list[str]]:
	"""{dotted path: parameter names} of every whitelisted function reachable by path in the app, and
	of Frappe's methods the app overrides (called by Frappe's name, as the desk calls them)."""
	found: dict[int, tuple[str, object]] = {}
	for module_info in pkgutil.walk_packages(contract_management.__path__, "contract_management."):
		if ".patches." in module_info.name:
			continue
		module = importlib.import_module(module_info.name)
		for attribute, value in vars(module).items():
			if not callable(value) or value not in frappe.whitelisted:
				continue
			path = f"{module_info.name}.{attribute}"
			# An endpoint imported into another module is called where it is defined.
			if id(value) not in found or value.__module__ == module_info.name:
				found[id(value)] = (path, value)
	methods = {path: parameters(function) for path, function in found.values()}
	overrides = frappe.get_hooks("override_whitelisted_methods", app_name="contract_management")
	for frappe_method, targets in overrides.items():
		methods[frappe_method] = parameters(frappe.get_attr(targets[-1]))
	return dict(sorted(methods.items()))


def parameters(function) -> list[str]:
	return [
		name
		for name, parameter in inspect.signature(function).parameters.items()
		if parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
	]


def bad_values(names: list[str]):
	"""Values no endpoint should choke on: wrong types, malformed text, names of other kinds of record
	and of records that are not there or may not be touched."""
	texts = [
		"",
		" ",
		"x' OR '1'='1",
		"`name`",
		"0000-00-00",
		"2099-12-31",
		"1" * 30,
		"-1",
		"null",
		"not json",
		"[",
		"{}",
		"[]",
		'{"company": ["x"]}',
		'[["Contract", "no_such_field", "=", 1]]',
		'{"contract": {"a": 1}}',
		"Contract",
		"Contract Management Settings",
		"Contract Obligation",
		"No Such DocType",
		"no_such_field",
		"assigned_to",
		"Customer",
		"Outgoing",
		"CM-NO-SUCH-CONTRACT",
		"é" * 200,
		*names,
	]
	scalars = st.one_of(
		st.none(),
		st.booleans(),
		st.integers(min_value=-(10**30), max_value=10**30),
		st.floats(allow_nan=False, allow_infinity=False),
		st.sampled_from(texts),
		st.text(max_size=20),
	)
	containers = st.one_of(
		st.lists(st.sampled_from(texts), max_size=3),
		st.dictionaries(
			st.sampled_from(["company", "contract", "name", "party", "from_date"]), scalars, max_size=3
		),
	)
	return st.one_of(scalars, containers, containers.map(json.dumps))


def snapshot(doctypes) -> dict:
	"""Each watched table's row count and last change, as committed."""
	frappe.db.rollback()
	return {
		doctype: frappe.db.sql(f"select count(*), max(modified) from `tab{doctype}`")[0]
		for doctype in doctypes
	}


def watched_doctypes() -> list[str]:
	ours = frappe.get_all(
		"DocType", filters={"module": "Contract Management", "issingle": 0, "is_virtual": 0}, pluck="name"
	)
	return sorted({*ours, *WATCHED_BESIDES_THE_APPS})


class TestFuzzEveryEndpoint(ServedSiteTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		# A contract whose every action is refused (cancelled), named among the made-up values, so that
		# the calls reach past the name checks without changing anything.
		cls.cancelled = signed_contract(cm_subject=MARK, cm_responsible=SALES)
		cls.cancelled.cancel()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.db.delete("Contract Approval Visa", {"parent": cls.cancelled.name})
		frappe.db.delete("Contract", {"name": cls.cancelled.name})
		frappe.db.commit()
		super().tearDownClass()

	def test_no_endpoint_answers_bad_arguments_with_a_server_error_or_a_write(self):
		methods = whitelisted_methods()
		sessions = {user: login(self.url, user, r.PASSWORD) for user in ROLES}
		watched = watched_doctypes()
		values = bad_values([self.cancelled.name, r.RUB_COMPANY, r.CUSTOMER, SALES])
		failures = []

		def fuzz(method: str, names: list[str]):
			@settings(
				max_examples=EXAMPLES_PER_METHOD,
				deadline=None,
				derandomize=True,
				database=None,
				# failures are collected with their arguments: shrinking would only cost time
				phases=[Phase.explicit, Phase.generate],
				suppress_health_check=list(HealthCheck),
			)
			@given(args=st.fixed_dictionaries({}, optional={name: values for name in names}))
			def call(args):
				for user, session in sessions.items():
					before = snapshot(watched)
					response = session.post(f"{self.url}/api/method/{method}", json=args, timeout=120)
					if response.status_code >= 500:
						failures.append(
							f"{user} {method} {args!r}: {response.status_code} {response.text[:300]}"
						)
					elif response.status_code >= 400:
						changed = {
							doctype: (before[doctype], now)
							for doctype, now in snapshot(watched).items()
							if now != before[doctype]
						}
						if changed:
							failures.append(f"{user} {method} {args!r}: refused but wrote {changed}")

			call()

		for method, names in methods.items():
			fuzz(method, names)

		self.assertEqual(failures, [], "\n".join(failures[:30]))
		# the endpoints the issue names, as a floor for the discovery
		for expected in (
			"contract_management.api.mark_fulfilled",
			"contract_management.reporting.workspace.get_overdue_debt_card",
			"contract_management.contract_management.report.reconciliation_act.reconciliation_act.get_print_html",
			"contract_management.contract_management.dashboard_chart_source.contract_debt_aging.contract_debt_aging.get",
			"frappe.client.get_count",
			LINK_VALIDATION.method,
			"frappe.desk.listview.get_group_by_count",
			"frappe.desk.search.search_link",
		):
			self.assertIn(expected, methods)
		self.assertGreaterEqual(len(methods), 20, sorted(methods))
