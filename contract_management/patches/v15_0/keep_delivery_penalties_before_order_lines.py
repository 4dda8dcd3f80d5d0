"""Goods claims saved before the delivery penalty was counted per order line keep their figures.

*Count the Delivery Penalty by Order Line* came on by default, and the new column gave every stored
claim that default too. A draft claim recomputes its penalty on each save, so a claim about goods not
delivered, delivered late or short that rests on orders or deliveries would have moved from the
order's flat undelivered share to the per-line base on its next save, whatever was edited. Those
claims get the setting off and keep their figures until the user ticks it; the others (other bases,
or no order or delivery among their documents: nothing of theirs moves) keep it on.
"""

import frappe

from contract_management.claims.documents import GOODS_DUE, ORDER_LINES, ORDER_OF_DELIVERY


def execute():
	resting_on_goods = frappe.get_all(
		"Contract Claim Document",
		filters={
			"parenttype": "Contract Claim",
			"reference_doctype": ("in", [*ORDER_LINES, *ORDER_OF_DELIVERY]),
		},
		pluck="parent",
		distinct=True,
	)
	if resting_on_goods:
		frappe.db.set_value(
			"Contract Claim",
			{"name": ("in", resting_on_goods), "basis": ("in", GOODS_DUE)},
			"delivery_penalty_by_line",
			0,
			update_modified=False,
		)
