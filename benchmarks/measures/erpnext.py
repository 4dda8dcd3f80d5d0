"""ERPNext's own daily Contract status job, on the same contracts."""

import json
import time

import frappe

from benchmarks.figures import Figure
from benchmarks.generate.rows import JSON_ROWS_PER_STATEMENT
from benchmarks.site import commit


def measure_erpnext(repeat: int) -> Figure:
	"""ERPNext's daily Contract status job; the statuses it writes are put back after each run."""
	from erpnext.crm.doctype.contract.contract import update_status_for_contracts

	contract = frappe.qb.DocType("Contract")
	before = frappe.qb.from_(contract).select(contract.name, contract.status, contract.modified).run()
	times = []
	for _ in range(repeat):
		started = time.perf_counter()
		update_status_for_contracts()
		commit()
		times.append(time.perf_counter() - started)
		put_back_status(before)
	return Figure(times)


def erpnext_job_stopped() -> bool:
	"""Whether the site runs ERPNext's job at night: the app stops it (setup/scheduled_jobs.py)."""
	from contract_management.setup.scheduled_jobs import ERPNEXT_CONTRACT_STATUS_JOB

	return bool(frappe.db.get_value("Scheduled Job Type", {"method": ERPNEXT_CONTRACT_STATUS_JOB}, "stopped"))


def put_back_status(rows):
	for start in range(0, len(rows), JSON_ROWS_PER_STATEMENT):
		chunk = json.dumps(rows[start : start + JSON_ROWS_PER_STATEMENT], default=str)
		frappe.db.sql(
			"""update `tabContract` c join json_table(%s, '$[*]' columns (
				name varchar(140) path '$[0]', status varchar(140) path '$[1]',
				modified datetime(6) path '$[2]')) j on c.name = j.name
			set c.status = j.status, c.modified = j.modified""",
			chunk,
		)
	commit()
