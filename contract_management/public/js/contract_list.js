// The list shows the one status people read, the app's Contract Status.

{% include "contract_management/public/js/status_indicator.js" %}

frappe.listview_settings["Contract"] = Object.assign(frappe.listview_settings["Contract"] || {}, {
	add_fields: ["cm_status", "cm_registry_number", "party_name", "end_date"],
	has_indicator_for_draft: true,
	onload() {
		contract_management.breadcrumbs.show_contracts_sidebar();
	},
	// The status column as the status pill reads it (Отклонён), not the shared «Отклоненные».
	formatters: {
		cm_status: (value) => __(value || "Draft", null, "Contract Status"),
	},
	get_indicator(doc) {
		return contract_management.status_indicator(doc.cm_status, "Contract Status", {
			"Not Started": "light-blue",
			Active: "green",
			Expired: "gray",
			Terminated: "gray",
			Fulfilled: "darkgrey",
		});
	},
});
