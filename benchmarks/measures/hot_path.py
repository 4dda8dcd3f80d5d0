"""The hot path: Sales Invoice, Purchase Invoice and Payment Entry insert + submit with the app's
doc_events against without them, for a document with a contract and one without."""

import time
from contextlib import contextmanager, nullcontext

import frappe
from frappe.utils import add_days

from benchmarks.figures import Figure
from benchmarks.generate.common import PREFIX
from benchmarks.measures.daily import APP


@contextmanager
def without_app_doc_events():
	"""Every doc_event of the app left out, for this process, as if the app had none."""
	from frappe import get_doc_hooks

	hooks = get_doc_hooks()
	frappe.local.doc_events_hooks = {
		doctype: {
			event: [method for method in methods if not method.startswith(APP)]
			for event, methods in events.items()
		}
		for doctype, events in hooks.items()
	}
	try:
		yield
	finally:
		frappe.local.doc_events_hooks = hooks


def measure_hot_path(day, repeat: int) -> dict[tuple[str, bool, bool], Figure]:
	"""{(doctype, with contract, with the app's hooks): insert + submit time}. Every document is rolled
	back after it is timed, so each repetition meets the same site."""
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	from tests.records import CUSTOMER, RUB_COMPANY, SERVICE_ITEM, SUPPLIER

	contract = frappe.qb.DocType("Contract")

	def contract_in_force(direction):
		return (
			frappe.qb.from_(contract)
			.select(contract.name, contract.party_name)
			.where(contract.name.like(f"{PREFIX}%"))
			.where(contract.cm_company == RUB_COMPANY)
			.where(contract.cm_direction == direction)
			.where(contract.cm_status == "Active")
			.where(contract.end_date > add_days(day, 30))
			.limit(1)
		).run(as_dict=True)[0]

	under = {"Sales Invoice": contract_in_force("Sales"), "Purchase Invoice": contract_in_force("Purchase")}

	def invoice(doctype, with_contract):
		party_field = "customer" if doctype == "Sales Invoice" else "supplier"
		party = CUSTOMER if doctype == "Sales Invoice" else SUPPLIER
		fields = {}
		if with_contract:
			party = under[doctype].party_name
			fields["cm_contract"] = under[doctype].name
		return frappe.get_doc(
			{
				"doctype": doctype,
				party_field: party,
				"company": RUB_COMPANY,
				"currency": "RUB",
				"posting_date": day,
				"due_date": add_days(day, 30),
				"items": [{"item_code": SERVICE_ITEM, "qty": 1, "rate": 1000}],
				**fields,
			}
		)

	def timed(doc):
		started = time.perf_counter()
		doc.insert()
		doc.submit()
		return time.perf_counter() - started

	def one_round(hooks_on: bool, results):
		for doctype in ("Sales Invoice", "Purchase Invoice", "Payment Entry"):
			for with_contract in (True, False):
				with nullcontext() if hooks_on else without_app_doc_events():
					if doctype == "Payment Entry":
						paid = invoice("Sales Invoice", with_contract)
						paid.insert()
						paid.submit()
						payment = get_payment_entry("Sales Invoice", paid.name)
						payment.reference_no, payment.reference_date = "BENCH", day
						if with_contract:
							payment.cm_contract = paid.cm_contract
						seconds = timed(payment)
					else:
						seconds = timed(invoice(doctype, with_contract))
				frappe.db.rollback()
				if results is not None:
					results.setdefault((doctype, with_contract, hooks_on), []).append(seconds)

	one_round(True, None)  # warm-up: imports and caches
	one_round(False, None)
	results = {}
	for index in range(repeat):
		order = (True, False) if index % 2 == 0 else (False, True)
		for hooks_on in order:
			one_round(hooks_on, results)
	return {key: Figure(values) for key, values in results.items()}
