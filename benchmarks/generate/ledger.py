"""What the rows of every voucher (invoice, payment, credit note) share: their GL Entries and Payment
Ledger Entry, the fiscal year, and the amount in words."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import frappe
from frappe.utils import in_words as number_in_words

from benchmarks.generate.rows import insert_like

LEDGER_TABLES = ("gl_party", "gl_other", "ple")


@dataclass
class Context:
	"""What the rows of one company's vouchers of one doctype share."""

	sales: bool
	currency: str
	day: date
	now: datetime
	fiscal_year: Callable

	def stamp(self, name: str) -> dict:
		return {"name": name, "creation": self.now, "modified": self.now}

	def party_columns(self, party: str) -> dict:
		customer_or_supplier = "customer" if self.sales else "supplier"
		return {customer_or_supplier: party, f"{customer_or_supplier}_name": party, "title": party}


def new_rows(*tables: str) -> dict[str, list]:
	"""Rows by table, for a kind of voucher's own tables and its ledger's."""
	return {key: [] for key in (*tables, *LEDGER_TABLES)}


def add_ledger_rows(
	rows, context: Context, voucher: str, posting_date, party: str, against: str, amount, **extra
):
	"""The voucher's GL Entries (the party's account, the other account) and its Payment Ledger Entry,
	of `amount` in the GL (`ple_amount` in the Payment Ledger, by default the same); `due_date` and
	`remarks` where the voucher's rows have them."""
	ple_amount = extra.pop("ple_amount", amount)
	due = {"due_date": extra["due_date"]} if "due_date" in extra else {}
	remarks = {"remarks": extra["remarks"]} if "remarks" in extra else {}
	posted = {"posting_date": posting_date, "fiscal_year": context.fiscal_year(posting_date)}
	rows["gl_party"].append(
		{**context.stamp(f"{voucher}-G1"), **posted, **due, "party": party, "voucher_no": voucher}
		| {"against_voucher": against, **remarks, "v_amount": amount}
	)
	rows["gl_other"].append(
		{**context.stamp(f"{voucher}-G2"), **posted, "against": party, "voucher_no": voucher}
		| {**remarks, "v_amount": amount}
	)
	rows["ple"].append(
		{**context.stamp(f"{voucher}-P1"), "posting_date": posting_date, **due, "party": party}
		| {"voucher_no": voucher, "against_voucher_no": against, **remarks, "v_amount": ple_amount}
	)


def insert_ledger_rows(rows, template, amount, ple_amount):
	"""The ledger rows, copies of the template voucher's, whose `amount` (`ple_amount` in the Payment
	Ledger) stands for each row's own."""
	insert_like("GL Entry", rows["gl_party"], template.gl_party, {amount: "v_amount"})
	insert_like("GL Entry", rows["gl_other"], template.gl_other, {amount: "v_amount"})
	insert_like("Payment Ledger Entry", rows["ple"], template.ple, {ple_amount: "v_amount"})


def fiscal_years():
	years = frappe.get_all("Fiscal Year", fields=["name", "year_start_date", "year_end_date"])

	def of(on_date):
		for year in years:
			if year.year_start_date <= on_date <= year.year_end_date:
				return year.name
		frappe.throw(f"No fiscal year for {on_date}")

	return lru_cache(maxsize=4096)(of)


@lru_cache(maxsize=65536)
def in_words(amount: int, currency: str) -> str:
	"""What frappe.utils.money_in_words says of a whole amount, without its per-call lookups (a
	million of them would take most of the build)."""
	currency_words, only, in_million = _words_of(currency)
	return f"{currency_words} {number_in_words(abs(amount), in_million).title()} {only}"


@lru_cache(maxsize=16)
def _words_of(currency: str):
	from frappe import _

	number_format = (
		frappe.db.get_value("Currency", currency, "number_format", cache=True)
		or frappe.db.get_default("number_format")
		or "#,###.##"
	)
	return _(currency, context="Currency"), _("only."), number_format != "#,##,###.##"
