// Delivery Plan Fulfilment: planned deliveries under contracts against what was delivered, by due date.

{% include "contract_management/public/js/report_filters.js" %}

frappe.query_reports["Delivery Plan Fulfilment"] = {
	filters: [
		...contract_management.report_filters.common(
			[
				"company",
				"direction",
				"party",
				"contract",
				"contract_type",
				"responsible",
				"department",
				"signed_status",
			],
			{
				direction: {
					options: contract_management.report_filters.select_options(["Sales", "Purchase"]),
					on_change: () => {
						frappe.query_report.set_filter_value("party", "");
						frappe.query_report.refresh();
					},
				},
				party: contract_management.report_filters.party_by("direction", "Purchase"),
			}
		),
		{ fieldname: "from_date", label: __("Due From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Due To"), fieldtype: "Date" },
		...contract_management.report_filters.common(["report_date"]),
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.overdue && column.fieldname === "shortfall_qty") {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},

	onload() {
		contract_management.breadcrumbs.lead_back_to_workspace();
	},
};
