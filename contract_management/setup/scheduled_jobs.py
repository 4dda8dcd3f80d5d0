"""ERPNext's daily Contract status job, stopped while the app is installed.

ERPNext's `update_status_for_contracts` sets `status` on every signed contract each night, one UPDATE and
a new `modified` per contract, whether it changed or not. The app's daily move
(contracts/lifecycle.update_statuses) sets the same field set-based, for the contracts whose status does
change, by ERPNext's own rule for the contracts the app does not keep. So the site stops ERPNext's job the
way Frappe lets a site stop any job (its Scheduled Job Type's `stopped`), and uninstall starts it again.
"""

import frappe

ERPNEXT_CONTRACT_STATUS_JOB = "erpnext.crm.doctype.contract.contract.update_status_for_contracts"


def stop_erpnext_contract_status_job():
	_set_stopped(1)


def start_erpnext_contract_status_job():
	_set_stopped(0)


def _set_stopped(stopped: int):
	# Frappe's migrate makes the job's record from ERPNext's hooks before the app's after_migrate, and
	# leaves `stopped` as the site set it. A second run finds it set and writes nothing.
	for name in frappe.get_all(
		"Scheduled Job Type",
		filters={"method": ERPNEXT_CONTRACT_STATUS_JOB, "stopped": ("!=", stopped)},
		pluck="name",
	):
		frappe.db.set_value("Scheduled Job Type", name, "stopped", stopped)
