// The list shows the one status people read, the app's Contract Status.
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
		const colour = {
			Draft: "red",
			"On Approval": "orange",
			Approved: "blue",
			Rejected: "red",
			"Not Started": "light-blue",
			Active: "green",
			Expired: "gray",
			Terminated: "gray",
			Fulfilled: "darkgrey",
			Cancelled: "red",
		}[doc.cm_status];
		const label = __(doc.cm_status || "Draft", null, "Contract Status");
		return [label, colour || "gray", `cm_status,=,${doc.cm_status}`];
	},
});
