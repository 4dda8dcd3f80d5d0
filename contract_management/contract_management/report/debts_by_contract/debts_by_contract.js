// Debts by Contract: receivable or payable per party and contract, aged as of a date.

{% include "contract_management/public/js/report_filters.js" %}

frappe.query_reports["Debts by Contract"] = {
	filters: [
		...contract_management.report_filters.common(["company"], { company: { reqd: 1 } }),
		{
			fieldname: "debt_type",
			label: __("Debt"),
			fieldtype: "Select",
			options: [
				{ value: "Receivable", label: __("Receivable") },
				{ value: "Payable", label: __("Payable", null, "Debt") },
			],
			default: "Receivable",
			reqd: 1,
			on_change: () => {
				frappe.query_report.set_filter_value("party", "");
				frappe.query_report.refresh();
			},
		},
		...contract_management.report_filters.common(["report_date"]),
		{
			fieldname: "range",
			label: __("Ageing Ranges (Days)"),
			fieldtype: "Data",
			default: "30, 60, 90, 180",
			reqd: 1,
		},
		...contract_management.report_filters.common(
			["party", "contract", "direction", "contract_type", "responsible", "department", "signed_status"],
			{ party: contract_management.report_filters.party_by("debt_type", "Payable") }
		),
		{
			fieldname: "min_days_overdue",
			label: __("Claims for Debts Overdue More Than (Days)"),
			fieldtype: "Int",
			default: 0,
		},
	],

	tree: true,
	name_field: "row_id",
	parent_field: "parent_row",
	initial_depth: 1,

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && !data.parent_row) {
			value = value.bold();
		}
		return value;
	},

	get_datatable_options(options) {
		return Object.assign(options, { checkboxColumn: true });
	},

	onload(report) {
		contract_management.breadcrumbs.lead_back_to_workspace();
		report.page.add_inner_button(__("Create Claims"), () => create_claims(report));
	},
};

function create_claims(report) {
	if (frappe.query_report.get_filter_value("debt_type") !== "Receivable") {
		frappe.msgprint(__("Claims for overdue payment are made for receivables under sales contracts."));
		return;
	}
	const checked = report.datatable.rowmanager.getCheckedRows().map((index) => report.data[index]);
	const contracts = [
		...new Set(checked.filter((row) => row && row.contract && row.overdue > 0).map((row) => row.contract)),
	];
	if (!contracts.length) {
		frappe.msgprint(__("Select the contract rows with overdue debt to claim."));
		return;
	}
	frappe.confirm(
		__("Make a draft claim for each of {0} selected contracts with overdue debt?", [contracts.length]),
		() =>
			frappe
				.call({
					method: "contract_management.api.make_claims_for_overdue_debts",
					args: {
						company: frappe.query_report.get_filter_value("company"),
						min_days_overdue: frappe.query_report.get_filter_value("min_days_overdue") || 0,
						contracts: contracts,
					},
				})
				.then(() =>
					frappe.show_alert({
						message: __("Claims are being made in the background; progress is shown here."),
						indicator: "blue",
					})
				)
	);
}
