// A supplementary agreement shows its own status (On Approval, Approved, Signed), not the desk's
// Draft / Submitted.

{% include "contract_management/public/js/status_indicator.js" %}

frappe.listview_settings["Contract Amendment"] = {
	add_fields: ["cm_status", "contract", "amendment_no"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		return contract_management.status_indicator(doc.cm_status, "Contract Amendment", { Signed: "green" });
	},
};
