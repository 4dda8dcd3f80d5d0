// Copyright (c) 2026, contract_management developers
// For license information, please see license.txt

{% include "contract_management/public/js/report_filters.js" %}

(() => {
	const report_filters = contract_management.report_filters;

	frappe.query_reports["Claims Register"] = {
		filters: [
			...report_filters.common(["company"]),
			{
				fieldname: "claim_direction",
				label: __("Claim Direction"),
				fieldtype: "Select",
				options: report_filters.select_options(["Outgoing", "Incoming"]),
			},
			// The contract's filters; the company comes first, before the claim's direction.
			...report_filters.common(
				report_filters.CONTRACT.filter((name) => name !== "company"),
				{ direction: { options: report_filters.select_options(["Sales", "Purchase"]) } }
			),
			{
				fieldname: "status",
				label: __("Status"),
				fieldtype: "Select",
				options: report_filters.select_options(report_filters.CLAIM_STATUSES),
			},
			{
				fieldname: "basis",
				label: __("Basis"),
				fieldtype: "Select",
				options: report_filters.select_options(report_filters.CLAIM_BASES),
			},
			...report_filters.common(["currency"]),
			{ fieldname: "from_date", label: __("Sent or Received From"), fieldtype: "Date" },
			{ fieldname: "to_date", label: __("Sent or Received To"), fieldtype: "Date" },
			...report_filters.common(["on_date"]),
		],

		onload() {
			contract_management.breadcrumbs.lead_back_to_workspace();
		},
	};
})();
