// Copyright (c) 2026, contract_management developers
// For license information, please see license.txt

// Wrapped: report scripts share the page's global scope.
(() => {
	const cm_select_options = (values) => [
		{ value: "", label: "" },
		...values.map((value) => ({ value: value, label: __(value) })),
	];

	frappe.query_reports["Claims Register"] = {
		filters: [
			{
				fieldname: "company",
				label: __("Company"),
				fieldtype: "Link",
				options: "Company",
				default: frappe.defaults.get_user_default("Company"),
			},
			{
				fieldname: "claim_direction",
				label: __("Claim Direction"),
				fieldtype: "Select",
				options: cm_select_options(["Outgoing", "Incoming"]),
			},
			{
				fieldname: "direction",
				label: __("Direction"),
				fieldtype: "Select",
				options: cm_select_options(["Sales", "Purchase"]),
			},
			{
				fieldname: "party_type",
				label: __("Counterparty Type"),
				fieldtype: "Select",
				options: cm_select_options(["Customer", "Supplier"]),
				on_change: () => {
					frappe.query_report.set_filter_value("party", "");
				},
			},
			{
				fieldname: "party",
				label: __("Counterparty"),
				fieldtype: "Dynamic Link",
				options: "party_type",
			},
			{ fieldname: "contract", label: __("Contract"), fieldtype: "Link", options: "Contract" },
			{ fieldname: "contract_type", label: __("Contract Type"), fieldtype: "Link", options: "Contract Type" },
			{ fieldname: "responsible", label: __("Responsible"), fieldtype: "Link", options: "User" },
			{ fieldname: "department", label: __("Department"), fieldtype: "Link", options: "Department" },
			{
				fieldname: "status",
				label: __("Status"),
				fieldtype: "Select",
				options: cm_select_options([
					"Draft",
					"Sent",
					"Received",
					"Answered",
					"Satisfied",
					"Partly Satisfied",
					"Rejected",
					"No Answer",
					"In Court",
					"Closed",
					"Cancelled",
				]),
			},
			{
				fieldname: "basis",
				label: __("Basis"),
				fieldtype: "Select",
				options: cm_select_options([
					"Overdue Payment",
					"Non-Delivery",
					"Late Delivery",
					"Shortage",
					"Quality",
					"Other",
				]),
			},
			{ fieldname: "currency", label: __("Currency"), fieldtype: "Link", options: "Currency" },
			{ fieldname: "from_date", label: __("Sent or Received From"), fieldtype: "Date" },
			{ fieldname: "to_date", label: __("Sent or Received To"), fieldtype: "Date" },
			{
				fieldname: "on_date",
				label: __("As On"),
				fieldtype: "Date",
				default: frappe.datetime.get_today(),
			},
		],
	};
})();
