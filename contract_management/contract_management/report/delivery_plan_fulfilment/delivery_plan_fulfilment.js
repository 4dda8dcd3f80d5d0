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

	get_datatable_options(options) {
		return Object.assign(options, { checkboxColumn: true });
	},

	onload(report) {
		contract_management.breadcrumbs.lead_back_to_workspace();
		report.page.add_inner_button(__("Claims for Late Deliveries"), () => claim_late_deliveries(report));
	},
};

// The chosen rows' contracts: the server makes a claim for each purchase contract among them with a
// line delivered late (claims/flows.py make_claims_for_late_deliveries) and leaves the others out.
function claim_late_deliveries(report) {
	const rows = report.datatable.rowmanager.getCheckedRows().map((index) => report.data[index]);
	const contracts = [...new Set(rows.filter((row) => row && row.contract).map((row) => row.contract))];
	if (!contracts.length) {
		frappe.msgprint(__("Select the rows of the purchase contracts whose deliveries were late."));
		return;
	}
	frappe.confirm(__("Make a draft claim for late deliveries under each of {0} selected contracts?", [contracts.length]), () =>
		frappe
			.call({
				method: "contract_management.api.make_claims_for_late_deliveries",
				args: { company: frappe.query_report.get_filter_value("company"), contracts },
			})
			.then(() => frappe.show_alert(__("Claims are being made in the background; progress is shown here.")))
	);
}
