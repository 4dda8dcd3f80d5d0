"""The demo's registry: every document the demo makes is written down in Contract Demo Record under
the key of the step that made it, in the same transaction; a step whose key is there is not made again.
What the site holds besides (its real business) is found here too."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

REGISTRY = "Contract Demo Record"
STEP_SAVEPOINT = "cm_demo_step"
# The key of the fiscal year the setup wizard made when the demo completed it: the demo set the site up,
# so it is a site for trying the app, where the demo's users with a printed password belong.
SETUP_WIZARD_KEY = "setup-wizard"
ADMINISTRATOR = "Administrator"
# Submitted documents of these doctypes, when the demo did not make them, are a site's real business.
TRANSACTION_DOCTYPES = (
	"Sales Order",
	"Sales Invoice",
	"Delivery Note",
	"Purchase Order",
	"Purchase Invoice",
	"Purchase Receipt",
	"Payment Entry",
	"Journal Entry",
	"Stock Entry",
	"Contract",
	"Contract Amendment",
	"Contract Claim",
)


class RealTransactionsFound(frappe.ValidationError):
	pass


class DemoNameTaken(frappe.ValidationError):
	pass


def registry() -> dict[str, tuple[str, str]]:
	"""Every step the demo made: key -> (doctype, name)."""
	return {
		row.key: (row.reference_doctype, row.reference_name)
		for row in frappe.get_all(REGISTRY, fields=["key", "reference_doctype", "reference_name"])
	}


def real_transactions() -> dict[str, int]:
	"""Submitted transactions the demo did not make, by doctype (one query per doctype)."""
	record = frappe.qb.DocType(REGISTRY)
	found = {}
	for doctype in TRANSACTION_DOCTYPES:
		table = frappe.qb.DocType(doctype)
		made_by_demo = (
			frappe.qb.from_(record).select(record.reference_name).where(record.reference_doctype == doctype)
		)
		count = (
			frappe.qb.from_(table)
			.select(Count(table.name))
			.where(table.docstatus == 1)
			.where(table.name.notin(made_by_demo))
		).run()[0][0]
		if count:
			found[doctype] = count
	return found


def check_site(force: bool = False):
	"""Refuse a site that already holds real transactions, unless forced."""
	found = real_transactions()
	if found and not force:
		frappe.throw(
			_(
				"This site already holds transactions the demo did not make ({0}). The demo is meant for a new site; run it with --force to add it anyway."
			).format(", ".join(f"{_(doctype)}: {count}" for doctype, count in found.items())),
			exc=RealTransactionsFound,
			title=_("Site Not Empty"),
		)


def in_own_transaction(make):
	"""`make()` in a transaction of its own: kept when it is done, rolled back to where it began when it
	fails. Returns what `make` returns."""
	frappe.db.savepoint(STEP_SAVEPOINT)
	try:
		result = make()
	except Exception:
		frappe.db.rollback(save_point=STEP_SAVEPOINT)
		raise
	commit()
	return result


def commit():
	# Each step of the demo is its own transaction, so a run that stops keeps what it made and the
	# next run goes on from there. Tests run the demo inside the transaction they roll back.
	if not frappe.flags.in_test:
		# nosemgrep: frappe-manual-commit
		frappe.db.commit()
