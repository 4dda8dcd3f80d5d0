"""Run by .ci/run from the bench's sites folder: `python uninstall_check.py <site> before|after`.

before: with the app installed, register a contract through the app.
after:  with the app uninstalled, check nothing of the app is left on Contract (nor its Supplier
        Scorecard variables), that ERPNext's
        Contract still opens, saves and submits, both the contract made before and a new one, and that
        ERPNext's daily Contract status job runs again.
"""

import sys

import frappe

REGISTERED = "CI uninstall check"
ERPNEXT_STATUS_JOB = "erpnext.crm.doctype.contract.contract.update_status_for_contracts"


def before():
	if "contract_management" not in frappe.get_installed_apps():
		sys.exit("the app is not installed on the scratch site")
	if not frappe.db.get_value("Scheduled Job Type", {"method": ERPNEXT_STATUS_JOB}, "stopped"):
		sys.exit("ERPNext's daily Contract status job runs beside the app's")
	if not frappe.db.exists("Supplier Scorecard Variable", {"path": ("like", "contract_management.%")}):
		sys.exit("the app's Supplier Scorecard variables were not made")
	contract = frappe.get_doc(
		{
			"doctype": "Contract",
			"party_type": "Customer",
			"party_name": "CM Customer Alpha",
			"contract_terms": REGISTERED,
			"start_date": "2026-01-01",
			"cm_amount": 120000,
		}
	).insert()
	if not contract.cm_registry_number or contract.name != contract.cm_registry_number:
		sys.exit("the app did not register the contract")
	frappe.db.commit()
	print(f"registered {contract.name} with the app installed")


def after():
	problems = []
	if "contract_management" in frappe.get_installed_apps():
		problems.append("the app is still in installed apps")
	leftover_fields = frappe.get_all("Custom Field", {"fieldname": ("like", "cm\\_%")}, pluck="name")
	leftover_setters = frappe.get_all("Property Setter", {"module": "Contract Management"}, pluck="name")
	leftover_variables = frappe.get_all(
		"Supplier Scorecard Variable", {"path": ("like", "contract_management.%")}, pluck="name"
	)
	if leftover_fields or leftover_setters or leftover_variables:
		problems.append(f"left behind: {leftover_fields + leftover_setters + leftover_variables}")
	meta = frappe.get_meta("Contract")
	if any(field.fieldname.startswith("cm_") for field in meta.fields):
		problems.append("Contract's meta still has cm_ fields")

	registered = frappe.get_doc("Contract", {"contract_terms": REGISTERED})
	registered.signee = "Signed after uninstall"
	registered.save()
	registered.submit()

	fresh = frappe.get_doc(
		{
			"doctype": "Contract",
			"party_type": "Supplier",
			"party_name": "CM Supplier Alpha",
			"contract_terms": "Made after uninstall",
			"start_date": "2026-01-01",
		}
	).insert()
	fresh.submit()
	frappe.db.commit()
	# The app stops ERPNext's daily Contract status job while installed; uninstall starts it again.
	if frappe.db.get_value("Scheduled Job Type", {"method": ERPNEXT_STATUS_JOB}, "stopped"):
		problems.append("ERPNext's daily Contract status job is still stopped")
	if problems:
		sys.exit("; ".join(problems))
	print(f"after uninstall: {registered.name} saved and submitted; new contract {fresh.name} submitted")


if __name__ == "__main__":
	site, phase = sys.argv[1], sys.argv[2]
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		{"before": before, "after": after}[phase]()
	finally:
		frappe.destroy()
