// The ERPNext documents a primary document accompanies: those under its contract.
const CM_PRIMARY_DOCUMENT_REFERENCES = ["Delivery Note", "Purchase Receipt", "Sales Invoice", "Purchase Invoice"];

frappe.ui.form.on("Contract Primary Document", {
	setup(frm) {
		frm.set_query("reference_doctype", () => ({
			filters: { name: ["in", CM_PRIMARY_DOCUMENT_REFERENCES] },
		}));
		frm.set_query("reference_name", (doc) => ({
			filters: { cm_contract: doc.contract, docstatus: 1 },
		}));
	},
});
