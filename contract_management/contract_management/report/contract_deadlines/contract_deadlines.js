// Copyright (c) 2026, contract_management developers
// For license information, please see license.txt

// Wrapped: report scripts share the page's global scope.
(() => {
	const cm_select_options = (values) => [
		{ value: "", label: "" },
		...values.map((value) => ({ value: value, label: __(value) })),
	];

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
			{
				fieldname: "on_date",
				label: __("As On"),
				fieldtype: "Date",
				default: frappe.datetime.get_today(),
			},
			{
				fieldname: "kind",
				label: __("Kind"),
				fieldtype: "Select",
				options: cm_select_options([
					"Contract End",
					"Prolongation Notice Deadline",
					"Obligation Due",
					"Answer to Claim Due",
					"Claim May Go to Court",
				]),
			},
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
		],
		formatter(value, row, column, data, default_formatter) {
			value = default_formatter(value, row, column, data);
			if (column.fieldname === "days_left" && data && data.days_left < 0) {
				value = `<span style="color: var(--red-500)">${value}</span>`;
			}
			return value;
		},
	};
})();
