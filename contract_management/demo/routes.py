"""The approval routes of each demo company: contracts of each direction, supplementary agreements."""

import frappe


def make_routes(demo, plan: dict):
	company = demo.name_of(plan["key"])
	routes = (
		("Contract", "Sales", "Sales Manager"),
		("Contract", "Purchase", "Purchase Manager"),
		("Supplementary Agreement", "", None),
	)
	for applies_to, direction, head in routes:
		steps = [
			{"step_title": "Юридическая экспертиза", "role": "Legal Counsel"},
			{"step_title": "Финансовый контроль", "role": "Accounts Manager"},
		]
		if head:
			steps.append({"step_title": "Руководитель направления", "role": head})
		kind = {"Sales": "продажи", "Purchase": "закупки", "": "доп. соглашения"}[direction]
		route = frappe.get_doc(
			{
				"doctype": "Contract Approval Route",
				"route_name": f"Демо {plan['abbr']}: {kind}",
				"applies_to": applies_to,
				"company": company,
				"direction": direction,
				"steps": steps,
			}
		).insert()
		demo.record(f"route-{plan['key']}-{direction.lower() or 'agreements'}", route)
