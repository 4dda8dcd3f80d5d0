"""Papers made before they kept the date of the ERPNext document they accompany get it: the reminder of
an expected paper counts from it (reminders/kinds.py). One UPDATE per kind of document, set-based."""

import frappe

from contract_management.fulfilment.primary_document import DOCTYPE, REFERENCE_DOCTYPES


def execute():
	paper = frappe.qb.DocType(DOCTYPE)
	for doctype in REFERENCE_DOCTYPES:
		reference = frappe.qb.DocType(doctype)
		(
			frappe.qb.update(paper)
			.join(reference)
			.on(reference.name == paper.reference_name)
			.set(paper.reference_date, reference.posting_date)
			.where(paper.reference_doctype == doctype)
			.where(paper.reference_date.isnull())
		).run()
