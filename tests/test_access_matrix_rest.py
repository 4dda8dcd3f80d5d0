"""The whole role × doctype × action matrix of tests/test_access.py, through the REST API of the site
served by the bench. Each consuming action (delete, submit, cancel) gets a fresh document; the
server reads committed data, so the documents are committed and removed afterwards."""

import json

import frappe
import requests
from frappe.utils import add_days, getdate, nowdate

from tests import records as r
from tests.amendments import make_amendment
from tests.contracts import make_contract
from tests.server import ServedSiteTestCase, login
from tests.test_access import ALL, LEGAL, MANAGER, MATRIX, NOBODY, SALES, VIEWER

SUBMITTABLE = ("Contract", "Contract Amendment", "Contract Claim")
SINGLE = "Contract Management Settings"
MARK = "REST matrix"


def make(doctype: str, state: str = "draft"):
	"""A committed document of `doctype` that every role of the matrix may see row by row (a sales
	contract of the rouble company, its agreement, a customer's claim), in the state asked for."""
	if doctype == "Contract":
		doc = make_contract(cm_subject=MARK, cm_responsible=SALES)
	elif doctype == "Contract Amendment":
		contract = make_contract(cm_subject=MARK, cm_responsible=SALES, submit=True)
		doc = make_amendment(contract, new_end_date=add_days(getdate(nowdate()), 400), reason=MARK)
	elif doctype == "Contract Claim":
		doc = frappe.get_doc(
			{
				"doctype": "Contract Claim",
				"direction": "Incoming",
				"basis": "Quality",
				"company": r.RUB_COMPANY,
				"party_type": "Customer",
				"party": r.CUSTOMER,
				"principal_amount": 100,
				"penalty_method": "None",
				"received_on": nowdate(),
				"demand": MARK,
			}
		).insert()
	elif doctype == "Key Rate":
		doc = frappe.get_doc(
			{
				"doctype": "Key Rate",
				"effective_from": add_days("2031-01-01", frappe.db.count("Key Rate")),
				"rate": 10,
				"source": MARK,
			}
		).insert()
	elif doctype == "Contract Approval Route":
		doc = frappe.get_doc(
			{
				"doctype": "Contract Approval Route",
				"route_name": f"{MARK} {frappe.generate_hash(length=6)}",
				"enabled": 0,
				"steps": [{"step_title": "Legal", "role": "Legal Counsel"}],
			}
		).insert()
	if state == "submitted":
		doc.submit()
	frappe.db.commit()
	return doc


def payload(doctype: str) -> dict:
	today = getdate(nowdate())
	if doctype == "Contract":
		return {
			"party_type": "Customer",
			"party_name": r.CUSTOMER,
			"cm_company": r.RUB_COMPANY,
			"contract_terms": MARK,
			"cm_subject": MARK,
			"start_date": str(today),
			"cm_amount": 1000,
			"cm_responsible": SALES,
		}
	if doctype == "Contract Amendment":
		contract = make_contract(cm_subject=MARK, cm_responsible=SALES, submit=True)
		frappe.db.commit()
		return {
			"contract": contract.name,
			"kind": "Prolongation",
			"effective_date": str(today),
			"new_end_date": str(add_days(today, 500)),
			"reason": MARK,
		}
	if doctype == "Contract Claim":
		return {
			"direction": "Incoming",
			"basis": "Quality",
			"company": r.RUB_COMPANY,
			"party_type": "Customer",
			"party": r.CUSTOMER,
			"principal_amount": 50,
			"penalty_method": "None",
			"demand": MARK,
		}
	if doctype == "Key Rate":
		return {
			"effective_from": str(add_days("2032-01-01", frappe.db.count("Key Rate"))),
			"rate": 11,
			"source": MARK,
		}
	return {
		"route_name": f"{MARK} {frappe.generate_hash(length=6)}",
		"enabled": 0,
		"steps": [{"step_title": "Legal", "role": "Legal Counsel"}],
	}


class TestRestMatrix(ServedSiteTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Key Rates made through the API move how far the table counts as complete: put it back after.
		cls.complete_until = frappe.db.get_single_value(SINGLE, "key_rates_complete_until")

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.db.set_single_value(SINGLE, "key_rates_complete_until", cls.complete_until)
		for doctype, field in (
			("Contract Claim", "demand"),
			("Key Rate", "source"),
		):
			names = frappe.get_all(doctype, filters={field: ("like", f"%{MARK}%")}, pluck="name")
			frappe.db.delete(doctype, {"name": ("in", names or [""])})
		routes = frappe.get_all(
			"Contract Approval Route", filters={"route_name": ("like", f"{MARK}%")}, pluck="name"
		)
		frappe.db.delete("Contract Approval Route Step", {"parent": ("in", routes or [""])})
		frappe.db.delete("Contract Approval Route", {"name": ("in", routes or [""])})
		contracts = frappe.get_all("Contract", filters={"cm_subject": MARK}, pluck="name")
		amendments = frappe.get_all(
			"Contract Amendment", filters={"contract": ("in", contracts or [""])}, pluck="name"
		)
		frappe.db.delete("Contract Amendment Change", {"parent": ("in", amendments or [""])})
		frappe.db.delete("Contract Amendment", {"name": ("in", amendments or [""])})
		frappe.db.delete("Contract", {"name": ("in", contracts or [""])})
		frappe.db.commit()
		super().tearDownClass()

	def login(self, user):
		return login(self.url, user, r.PASSWORD)

	def attempt(self, session, doctype: str, action: str) -> bool:
		"""Try one action through the API; True when the server did it, False when it refused."""
		base = f"{self.url}/api/resource/{doctype}"
		if doctype == SINGLE:
			name = SINGLE
		elif action in ("create",):
			name = None
		else:
			name = make(doctype, "submitted" if action == "cancel" else "draft").name
		if action == "read":
			response = session.get(f"{base}/{name}", timeout=30)
		elif action == "report":
			response = session.post(
				f"{self.url}/api/method/frappe.desk.reportview.get",
				data={"doctype": doctype, "fields": json.dumps([f"`tab{doctype}`.`name`"]), "page_length": 1},
				timeout=30,
			)
		elif action == "export":
			response = session.post(
				f"{self.url}/api/method/frappe.desk.reportview.export_query",
				data={
					"doctype": doctype,
					"file_format_type": "CSV",
					"fields": json.dumps([f"`tab{doctype}`.`name`"]),
				},
				timeout=30,
			)
		elif action == "print":
			response = session.get(
				f"{self.url}/api/method/frappe.www.printview.get_html_and_style",
				params={"doc": doctype, "name": name, "print_format": "Standard"},
				timeout=60,
			)
		elif action == "create":
			response = session.post(base, json=payload(doctype), timeout=30)
		elif action == "write":
			field = {
				"Contract": "cm_subject",
				"Contract Amendment": "reason",
				"Contract Claim": "demand",
				"Key Rate": "source",
				"Contract Approval Route": "enabled",
				SINGLE: "reminder_catch_up_days",
			}[doctype]
			value = {"enabled": 0, "reminder_catch_up_days": 7}.get(field, MARK)
			response = session.put(f"{base}/{name}", json={field: value}, timeout=30)
		elif action == "delete":
			response = session.delete(f"{base}/{name}", timeout=30)
		elif action in ("submit", "cancel"):
			doc = frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)
			if action == "submit":
				response = session.post(
					f"{self.url}/api/method/frappe.client.submit", json={"doc": doc}, timeout=30
				)
			else:
				response = session.post(
					f"{self.url}/api/method/frappe.client.cancel",
					data={"doctype": doctype, "name": name},
					timeout=30,
				)
		frappe.db.rollback()  # a fresh snapshot: see what the server committed
		if response.status_code in (200, 202):
			return True
		self.assertIn(
			response.status_code, (403,), f"{doctype} {action}: {response.status_code} {response.text[:300]}"
		)
		return False

	def test_the_matrix_through_the_api(self):
		differences = []
		for user in (MANAGER, LEGAL, SALES, VIEWER, NOBODY):
			session = self.login(user)
			for doctype, allowed in MATRIX[user].items():
				for action in ALL:
					if doctype == SINGLE and action in (
						"create",
						"delete",
						"submit",
						"cancel",
						"report",
						"export",
					):
						continue
					if action in ("submit", "cancel") and doctype not in SUBMITTABLE:
						continue
					done = self.attempt(session, doctype, action)
					if done != (action in allowed):
						differences.append(f"{user} {doctype} {action}: {'done' if done else 'refused'}")
		self.assertEqual(differences, [])

	def test_guest_gets_nothing(self):
		guest = requests.Session()
		for doctype in MATRIX[NOBODY]:
			self.assertEqual(
				guest.get(f"{self.url}/api/resource/{doctype}", timeout=30).status_code, 403, doctype
			)
