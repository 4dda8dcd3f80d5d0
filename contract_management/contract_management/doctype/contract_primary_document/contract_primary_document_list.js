// A primary document shows the step it has reached, in its own words (option context: the doctype).
frappe.listview_settings["Contract Primary Document"] = {
	add_fields: ["status", "flow", "original_required"],
	get_indicator(doc) {
		const colour = {
			Expected: "orange",
			Sent: "blue",
			Received: "blue",
			"Signed by Both": "cyan",
			"Original Sent": "cyan",
			"Original Received": "green",
			Cancelled: "gray",
		}[doc.status];
		const label = __(doc.status || "Expected", null, "Contract Primary Document");
		return [label, colour || "gray", `status,=,${doc.status}`];
	},
};
