// Reconciliation Act: the mutual settlements with a counterparty over a period, from the General Ledger.

{% include "contract_management/public/js/report_filters.js" %}

frappe.query_reports["Reconciliation Act"] = {
	filters: [
		...contract_management.report_filters.common(["company", "contract", "party_type", "party"], {
			contract: { get_query: () => ({ filters: { docstatus: 1 } }) },
			party: {
				options: null,
				get_options: () => frappe.query_report.get_filter_value("party_type"),
			},
		}),
		contract_management.report_filters.date_with_default({
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
			reqd: 1,
		}),
		contract_management.report_filters.date_with_default({
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		}),
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.bold ? value.bold() : value;
	},

	onload(report) {
		contract_management.breadcrumbs.lead_back_to_workspace();
		const method = "contract_management.contract_management.report.reconciliation_act.reconciliation_act";
		report.page.add_inner_button(__("Print Act"), () => {
			frappe.call(`${method}.get_print_html`, { filters: report.get_values() }).then((r) => {
				const view = window.open();
				view.document.write(r.message);
				view.document.close();
				view.print();
			});
		});
		report.page.add_inner_button(__("Act as PDF"), () => {
			const filters = encodeURIComponent(JSON.stringify(report.get_values()));
			window.open(`/api/method/${method}.download_pdf?filters=${filters}`);
		});
	},
};
