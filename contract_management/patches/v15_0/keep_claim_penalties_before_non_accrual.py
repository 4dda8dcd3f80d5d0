"""Claims saved before non-accrual periods were counted keep their figures.

*Leave Out Non-Accrual Periods (Moratorium)* came on by default, and the new column gave every stored
claim that default too. A draft claim recomputes its penalty on each save, so a claim whose delay runs
through the shipped 2022 moratorium would have lost those days' penalty on its next save, whatever was
edited. Those claims get the setting off and keep their figures until the user ticks it; the others
(no row in the moratorium: nothing of theirs moves) keep it on, as new claims have it.
"""

import frappe

from contract_management.setup.defaults import MORATORIUM_2022


def execute():
	claim = frappe.qb.DocType("Contract Claim")
	row = frappe.qb.DocType("Contract Claim Penalty")
	in_the_moratorium = (
		frappe.qb.from_(row)
		.select(row.parent)
		.where(row.parenttype == "Contract Claim")
		.where(row.period_from <= MORATORIUM_2022["to_date"])
		.where(row.period_to >= MORATORIUM_2022["from_date"])
	)
	frappe.qb.update(claim).set(claim.leave_out_non_accrual, 0).where(
		claim.name.isin(in_the_moratorium)
	).run()
