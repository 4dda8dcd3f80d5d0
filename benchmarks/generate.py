"""Fill a benchmark site with contracts, parties, obligations and claims: fast bulk inserts of the rows
ERPNext and the app would write for signed contracts and registered claims.

Due reminders are planted deterministically: `due` contracts end 30 days after the benchmark day (a
Contract End reminder), `due` more have a notice deadline in 14 days, `due` obligations fall due on the
day. Every other contract's dates are kept clear of every reminder window, so the number due is the
same whatever the total.
"""

import random

import frappe
from frappe.utils import add_days, getdate, now_datetime

PREFIX = "BENCH-"


def ensure_parties(customers: int, suppliers: int, company: str):
	"""Customers and suppliers named BENCH-C-00001 ..., inserted in bulk when missing."""
	now = now_datetime()
	for doctype, count, code, extra in (
		(
			"Customer",
			customers,
			"C",
			{
				"customer_group": "All Customer Groups",
				"territory": "All Territories",
				"customer_type": "Company",
			},
		),
		("Supplier", suppliers, "S", {"supplier_group": "All Supplier Groups", "supplier_type": "Company"}),
	):
		name_field = "customer_name" if doctype == "Customer" else "supplier_name"
		existing = set(frappe.get_all(doctype, filters={"name": ("like", f"{PREFIX}{code}-%")}, pluck="name"))
		rows = []
		for index in range(1, count + 1):
			name = f"{PREFIX}{code}-{index:05d}"
			if name not in existing:
				rows.append((name, name, now, now, "Administrator", "Administrator", *extra.values()))
		if rows:
			frappe.db.bulk_insert(
				doctype,
				["name", name_field, "creation", "modified", "owner", "modified_by", *extra.keys()],
				rows,
				chunk_size=5000,
			)


def generate(
	total: int,
	day,
	companies: list[str],
	responsible: str,
	due: int = 100,
	customers: int = 2500,
	suppliers: int = 2500,
	start_index: int = 1,
	seed: int = 7,
) -> int:
	"""Insert contracts BENCH-000001 ... up to `total` (from `start_index`), return how many were made."""
	day = getdate(day)
	rng = random.Random(seed + start_index)
	ensure_parties(customers, suppliers, companies[0])
	now = now_datetime()
	contract_fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"party_type",
		"party_name",
		"is_signed",
		"signed_on",
		"status",
		"fulfilment_status",
		"start_date",
		"end_date",
		"contract_terms",
		"cm_status",
		"cm_registry_number",
		"cm_contract_date",
		"cm_company",
		"cm_direction",
		"cm_customer",
		"cm_supplier",
		"cm_currency",
		"cm_amount",
		"cm_vat_mode",
		"cm_vat_rate",
		"cm_vat_amount",
		"cm_amount_with_vat",
		"cm_claim_period_days",
		"cm_responsible",
		"cm_auto_prolongation",
		"cm_notice_period_days",
		"cm_notice_deadline",
		"cm_original_received",
		"cm_prolongation_refused",
	]
	obligation_fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"parent",
		"parenttype",
		"parentfield",
		"idx",
		"obligor",
		"kind",
		"description",
		"due_date",
		"amount",
		"status",
	]
	claim_fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"naming_series",
		"direction",
		"status",
		"basis",
		"company",
		"party_type",
		"party",
		"contract",
		"currency",
		"principal_amount",
		"penalty_method",
		"penalty_amount",
		"total_claimed",
		"drafted_on",
		"sent_on",
		"received_on",
		"claim_period_days",
		"response_due",
		"court_from",
		"response_date",
		"decision",
		"responsible",
	]
	contracts, obligations, claims = [], [], []
	for index in range(start_index, start_index + total):
		name = f"{PREFIX}{index:06d}"
		company = companies[index % len(companies)]
		sales = index % 3 != 0
		party = f"{PREFIX}{'C' if sales else 'S'}-{rng.randint(1, customers if sales else suppliers):05d}"
		start = add_days(day, -rng.randint(60, 1800))
		# Clear of every reminder window: ends at least 70 days ahead or more than 10 days ago.
		end = add_days(day, rng.choice([rng.randint(70, 900), -rng.randint(11, 700)]))
		auto = 0
		deadline = None
		if index - start_index < due:
			end = add_days(day, 30)  # Contract End, 30 days before
		elif index - start_index < 2 * due:
			end, auto = add_days(day, 44), 1  # Notice deadline in 14 days (30-day notice)
		elif index % 5 == 0:
			auto = 1
		if auto:
			deadline = add_days(end, -30)
			if deadline < start:
				auto, deadline = 0, None
		status = "Active" if end >= day else "Expired"
		amount = rng.randint(10, 5000) * 1000
		contracts.append(
			(
				name,
				now,
				now,
				"Administrator",
				"Administrator",
				1,
				"Customer" if sales else "Supplier",
				party,
				1,
				now,
				"Active" if status == "Active" else "Inactive",
				"N/A",
				start,
				end,
				"Benchmark contract",
				status,
				name,
				start,
				company,
				"Sales" if sales else "Purchase",
				party if sales else None,
				None if sales else party,
				"RUB",
				amount,
				"Included",
				20,
				round(amount * 20 / 120, 2),
				amount,
				30,
				responsible,
				auto,
				30 if auto else 0,
				deadline,
				1,
				0,
			)
		)
		if index % 10 == 0 or index - start_index < due:
			obligation_due = (
				day
				if index - start_index < due
				else add_days(day, rng.choice([rng.randint(30, 400), -rng.randint(10, 400)]))
			)
			obligations.append(
				(
					f"{name}-O1",
					now,
					now,
					"Administrator",
					"Administrator",
					1,
					name,
					"Contract",
					"cm_obligations",
					1,
					"Counterparty",
					"Payment",
					"Payment for the stage",
					obligation_due,
					amount / 2,
					"Fulfilled" if obligation_due < day and index % 2 else "Pending",
				)
			)
		if index % 100 == 0:
			# One claim per hundred contracts, answered or long past its deadline: none is due.
			incoming = index % 200 == 0
			sent = add_days(day, -rng.randint(60, 700))
			due_on = add_days(sent, 30)
			claims.append(
				(
					f"{PREFIX}CL-{index:06d}",
					now,
					now,
					"Administrator",
					"Administrator",
					1,
					"ПР-.YYYY.-.####",
					"Incoming" if incoming else "Outgoing",
					"Answered" if incoming else "No Answer",
					"Quality" if incoming else "Overdue Payment",
					company,
					"Customer" if sales else "Supplier",
					party,
					name,
					"RUB",
					amount / 10,
					"None",
					0,
					amount / 10,
					sent,
					None if incoming else sent,
					sent if incoming else None,
					30,
					due_on,
					due_on,
					add_days(sent, 10) if incoming else None,
					"Rejected" if incoming else None,
					responsible,
				)
			)
	frappe.db.bulk_insert("Contract", contract_fields, contracts, chunk_size=10000)
	frappe.db.bulk_insert("Contract Claim", claim_fields, claims, chunk_size=10000)
	frappe.db.bulk_insert("Contract Obligation", obligation_fields, obligations, chunk_size=10000)
	frappe.db.commit()
	return len(contracts)


def remove():
	"""Remove everything the generator made, and the reminder logs of it."""
	frappe.db.delete("Contract Obligation", {"parent": ("like", f"{PREFIX}%")})
	frappe.db.delete("Contract Reminder Log", {"contract": ("like", f"{PREFIX}%")})
	frappe.db.delete("Notification Log", {"document_name": ("like", f"{PREFIX}%")})
	frappe.db.delete("Email Queue", {"reference_name": ("like", f"{PREFIX}%")})
	frappe.db.delete("ToDo", {"reference_name": ("like", f"{PREFIX}%")})
	frappe.db.delete("Contract Claim", {"name": ("like", f"{PREFIX}CL-%")})
	frappe.db.delete("Contract", {"name": ("like", f"{PREFIX}%")})
	frappe.db.commit()
