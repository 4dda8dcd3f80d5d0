// Copyright (c) 2026, contract_management developers
// For license information, please see license.txt

{% include "contract_management/public/js/report_filters.js" %}

frappe.query_reports["Primary Documents Awaited"] = {
	filters: [
		...contract_management.report_filters.common([
			"on_date",
			"company",
			"party_type",
			"party",
			"contract",
			"responsible",
		]),
		{
			fieldname: "kind",
			label: __("Kind of Primary Document"),
			fieldtype: "Link",
			options: "Contract Primary Document Kind",
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: contract_management.report_filters.select_options(
				["Expected", "Sent", "Received", "Signed by Both"],
				"Contract Primary Document"
			),
		},
		{
			fieldname: "min_days",
			label: __("Min Days Waiting"),
			fieldtype: "Int",
			default: 0,
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_waiting" && data && data.days_waiting > 30) {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},

	onload() {
		contract_management.breadcrumbs.lead_back_to_workspace();
	},
};
