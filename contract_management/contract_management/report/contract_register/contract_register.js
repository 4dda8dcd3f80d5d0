// Copyright (c) 2026, contract_management developers
// For license information, please see license.txt

// Wrapped: report scripts share the page's global scope.
(() => {
	const cm_select_options = (values) => [
		{ value: "", label: "" },
		...values.map((value) => ({ value: value, label: __(value) })),
	];

	frappe.query_reports["Contract Register"] = {
		filters: [
			{
				fieldname: "company",
				label: __("Company"),
				fieldtype: "Link",
				options: "Company",
				default: frappe.defaults.get_user_default("Company"),
			},
			{
				fieldname: "direction",
				label: __("Direction"),
				fieldtype: "Select",
				options: cm_select_options(["Sales", "Purchase", "Other"]),
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
				label: __("Contract Status"),
				fieldtype: "Select",
				options: cm_select_options([
					"Draft",
					"On Approval",
					"Approved",
					"Rejected",
					"Not Started",
					"Active",
					"Expired",
					"Terminated",
					"Fulfilled",
					"Cancelled",
				]),
			},
			{ fieldname: "currency", label: __("Currency"), fieldtype: "Link", options: "Currency" },
			{ fieldname: "from_date", label: __("Contract Date From"), fieldtype: "Date" },
			{ fieldname: "to_date", label: __("Contract Date To"), fieldtype: "Date" },
			{
				fieldname: "on_date",
				label: __("Figures As On"),
				fieldtype: "Date",
				default: frappe.datetime.get_today(),
			},
		],
	};
})();
