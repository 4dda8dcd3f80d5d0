// Delivery Plan Fulfilment: planned deliveries under contracts against what was delivered, by due date.

frappe.query_reports["Delivery Plan Fulfilment"] = {
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
			options: [
				"",
				{ value: "Sales", label: __("Sales") },
				{ value: "Purchase", label: __("Purchase") },
			],
			on_change: () => {
				frappe.query_report.set_filter_value("party", "");
				frappe.query_report.refresh();
			},
		},
		{
			fieldname: "party",
			label: __("Counterparty"),
			fieldtype: "Dynamic Link",
			get_options: () =>
				frappe.query_report.get_filter_value("direction") === "Purchase" ? "Supplier" : "Customer",
		},
		{ fieldname: "contract", label: __("Contract"), fieldtype: "Link", options: "Contract" },
		{ fieldname: "contract_type", label: __("Contract Type"), fieldtype: "Link", options: "Contract Type" },
		{ fieldname: "responsible", label: __("Responsible"), fieldtype: "Link", options: "User" },
		{ fieldname: "department", label: __("Department"), fieldtype: "Link", options: "Department" },
		{
			fieldname: "status",
			label: __("Contract Status"),
			fieldtype: "Select",
			options: ["", "Not Started", "Active", "Expired", "Terminated", "Fulfilled"].map((value) =>
				value ? { value, label: __(value) } : value
			),
		},
		{ fieldname: "from_date", label: __("Due From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Due To"), fieldtype: "Date" },
		{
			fieldname: "report_date",
			label: __("As of Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.overdue && column.fieldname === "shortfall_qty") {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
