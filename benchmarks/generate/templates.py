"""The template documents: one invoice, payment and credit note of each kind made through ERPNext,
whose rows every generated row copies."""

from dataclasses import dataclass

import frappe

from benchmarks.generate.common import add_days, party_name
from benchmarks.generate.rows import TEMPLATE_NAMES

# The tables an invoice, a payment or a credit note writes, with the column naming the document.
VOUCHER_TABLES = (
	("GL Entry", "voucher_no"),
	("Payment Ledger Entry", "voucher_no"),
	("Sales Invoice Item", "parent"),
	("Purchase Invoice Item", "parent"),
	("Payment Schedule", "parent"),
	("Payment Entry Reference", "parent"),
	("Sales Invoice", "name"),
	("Purchase Invoice", "name"),
	("Payment Entry", "name"),
)


@dataclass
class Voucher:
	header: dict
	items: dict | None = None
	schedule: dict | None = None
	references: dict | None = None
	gl_party: dict | None = None
	gl_other: dict | None = None
	ple: dict | None = None


class Templates:
	"""One sales invoice (3 × 1237), a payment of 1000 against it and a credit note of one unit, and one
	purchase invoice with a payment of 1000, made through ERPNext in `company`; their rows are what the
	generated rows copy. The amounts are chosen so that each stands for one quantity only. The rows are
	read, the documents removed at once, and the rows kept for the process's later batches."""

	made: dict = {}

	@classmethod
	def of(cls, company: str, day):
		key = (frappe.local.site, company)
		if key not in cls.made:
			cls.made[key] = cls(company, day)
		return cls.made[key]

	def __init__(self, company: str, day):
		from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
		from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

		self.company = company
		self.currency = frappe.get_cached_value("Company", company, "default_currency")
		self.names = []
		posting, due = add_days(day, -40), add_days(day, -10)
		self.invoice, self.payment = {}, {}
		for doctype, party_field, party in (
			("Sales Invoice", "customer", party_name("C", 1)),
			("Purchase Invoice", "supplier", party_name("S", 1)),
		):
			invoice = frappe.get_doc(
				{
					"doctype": doctype,
					party_field: party,
					"company": company,
					"currency": self.currency,
					"posting_date": posting,
					"set_posting_time": 1,
					"due_date": due,
					"items": [{"item_code": _template_item(), "qty": 3, "rate": 1237}],
				}
			)
			invoice.insert(ignore_permissions=True)
			invoice.submit()
			payment = get_payment_entry(doctype, invoice.name)
			payment.posting_date = add_days(day, -5)
			payment.paid_amount = payment.received_amount = 1000
			payment.references[0].allocated_amount = 1000
			payment.reference_no, payment.reference_date = "BENCH", add_days(day, -5)
			payment.insert(ignore_permissions=True)
			payment.submit()
			self.names += [invoice.name, payment.name]
			self.invoice[doctype] = self._read(doctype, invoice.name)
			self.payment[doctype] = self._read("Payment Entry", payment.name)
		credit_note = make_sales_return(self.invoice["Sales Invoice"].header["name"])
		credit_note.posting_date = add_days(day, -3)
		credit_note.set_posting_time = 1
		credit_note.items[0].qty = -1
		credit_note.insert(ignore_permissions=True)
		credit_note.submit()
		self.names.append(credit_note.name)
		self.credit_note = self._read("Sales Invoice", credit_note.name)
		TEMPLATE_NAMES.update(self.names)
		self.remove()

	def _read(self, doctype: str, name: str) -> Voucher:
		def one(table, filters):
			rows = frappe.get_all(table, filters=filters, fields=["*"])
			if len(rows) != 1:
				frappe.throw(f"Template {name}: expected one {table} row for {filters}, found {len(rows)}")
			return rows[0]

		voucher = Voucher(header=one(doctype, {"name": name}))
		if doctype == "Payment Entry":
			voucher.references = one("Payment Entry Reference", {"parent": name})
		else:
			voucher.items = one(f"{doctype} Item", {"parent": name})
			if not voucher.header.is_return:
				voucher.schedule = one("Payment Schedule", {"parent": name})
		gl = {"voucher_no": name, "is_cancelled": 0}
		voucher.gl_party = one("GL Entry", {**gl, "party": ("is", "set")})
		voucher.gl_other = one("GL Entry", {**gl, "party": ("is", "not set")})
		voucher.ple = one("Payment Ledger Entry", {"voucher_no": name, "delinked": 0})
		return voucher

	def remove(self):
		for name in self.names:
			for table, column in (*VOUCHER_TABLES, ("Version", "docname")):
				frappe.db.delete(table, {column: name})


def _template_item() -> str:
	from tests.records import SERVICE_ITEM

	return SERVICE_ITEM
