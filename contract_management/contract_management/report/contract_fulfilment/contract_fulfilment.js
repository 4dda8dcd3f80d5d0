// Copyright (c) 2026, contract_management developers
// For license information, please see license.txt

{% include "contract_management/public/js/report_filters.js" %}

frappe.query_reports["Contract Fulfilment"] = {
	filters: contract_management.report_filters.contract_rows(),

	onload() {
		contract_management.breadcrumbs.lead_back_to_workspace();
	},
};
