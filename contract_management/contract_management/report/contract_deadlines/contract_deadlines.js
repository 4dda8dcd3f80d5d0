// Copyright (c) 2026, contract_management developers
// For license information, please see license.txt

{% include "contract_management/public/js/report_filters.js" %}

frappe.query_reports["Contract Deadlines"] = {
	filters: [
		{
			fieldname: "within_days",
			label: __("Within (Days)"),
			fieldtype: "Int",
			default: 30,
		},
		{
			fieldname: "show_overdue",
			label: __("Show Overdue"),
			fieldtype: "Check",
			default: 1,
		},
		...contract_management.report_filters.common(["on_date"]),
		{
			fieldname: "kind",
			label: __("Kind"),
			fieldtype: "Select",
			options: contract_management.report_filters.select_options([
				"Contract End",
				"Prolongation Notice Deadline",
				"Obligation Due",
				"Answer to Claim Due",
				"Claim May Go to Court",
			]),
		},
		...contract_management.report_filters.common(contract_management.report_filters.CONTRACT),
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_left" && data && data.days_left < 0) {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},

	onload() {
		contract_management.breadcrumbs.lead_back_to_workspace();
	},
};
