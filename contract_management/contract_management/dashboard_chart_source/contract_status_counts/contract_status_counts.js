frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Contract Status Counts"] = {
	method: "contract_management.contract_management.dashboard_chart_source.contract_status_counts.contract_status_counts.get",
	filters: [],
};
