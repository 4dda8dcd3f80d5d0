"""A worker process for the tests of the daily work shared by workers (tests/test_daily_chunks.py): its
own interpreter, Frappe and database connection. Imports nothing that needs a site before it connects,
as a process started by `spawn` imports this module first."""

import frappe

from contract_management import jobs


def run_prolongation_chunks(site, sites_path, day, numbers, chunks, at_once):
	"""Run the chunks numbered `numbers` of the day's prolongation plan, as an RQ worker runs their jobs."""
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	try:
		at_once.wait()
		for number in numbers:
			jobs.prolong_chunk_job(day, number, chunks[number - 1])
	finally:
		frappe.destroy()
