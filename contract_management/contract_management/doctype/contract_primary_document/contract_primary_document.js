// The ERPNext documents a primary document accompanies: those under its contract; the obligations it may
// prove: its contract's.
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
	refresh(frm) {
		cm_offer_obligations(frm);
	},
	contract(frm) {
		cm_offer_obligations(frm);
	},
	after_save(frm) {
		// The paper's save computes its contract's obligations again on the server, which no realtime
		// update announces: the desk's cached copy of the contract would show them as they were when the
		// user comes back to the card, so it is fetched anew.
		cm_forget_contract(frm.doc.contract);
	},
});

function cm_forget_contract(contract) {
	if (contract && locals.Contract && locals.Contract[contract]) {
		frappe.model.remove_from_locals("Contract", contract);
	}
}

function cm_offer_obligations(frm) {
	if (!frm.doc.contract) {
		frm.set_df_property("obligation", "options", []);
		return;
	}
	frappe.model.with_doc("Contract", frm.doc.contract).then((contract) => {
		const options = (contract?.cm_obligations || []).map((row) => ({
			value: row.name,
			label: `${row.idx}. ${row.description || ""}${row.due_date ? " — " + frappe.datetime.str_to_user(row.due_date) : ""}`,
		}));
		frm.set_df_property("obligation", "options", options);
	});
}
