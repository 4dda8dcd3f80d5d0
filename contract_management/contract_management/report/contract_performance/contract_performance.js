// Contract Performance: how each customer and supplier kept its contracts over a period.

{% include "contract_management/public/js/report_filters.js" %}

frappe.query_reports["Contract Performance"] = {
	filters: [
		...contract_management.report_filters.common(["company"], { company: { reqd: 1 } }),
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
		},
		contract_management.report_filters.date_with_default({
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		}),
		...contract_management.report_filters.common(["party_type", "party", "direction", "contract"], {
			direction: { options: contract_management.report_filters.select_options(["Sales", "Purchase"]) },
		}),
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname === "short" && data.short) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},

	onload() {
		contract_management.breadcrumbs.lead_back_to_workspace();
	},
};
