frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Contract Claim Status Counts"] = {
	method: "contract_management.contract_management.dashboard_chart_source.contract_claim_status_counts.contract_claim_status_counts.get",
	filters: [],
};
