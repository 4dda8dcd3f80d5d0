frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Contract Debt Aging"] = {
	method: "contract_management.contract_management.dashboard_chart_source.contract_debt_aging.contract_debt_aging.get",
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
	],
};
