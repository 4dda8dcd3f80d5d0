// A supplementary agreement shows its own status (On Approval, Approved, Signed), not the desk's
// Draft / Submitted.
frappe.listview_settings["Contract Amendment"] = {
	add_fields: ["cm_status", "contract", "amendment_no"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const colour = {
			Draft: "red",
			"On Approval": "orange",
			Approved: "blue",
			Rejected: "red",
			Signed: "green",
			Cancelled: "red",
		}[doc.cm_status];
		const label = __(doc.cm_status || "Draft", null, "Contract Amendment");
		return [label, colour || "gray", `cm_status,=,${doc.cm_status}`];
	},
};
