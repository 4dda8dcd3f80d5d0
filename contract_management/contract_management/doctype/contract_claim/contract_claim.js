// A claim: the contract narrows the party's documents; the penalty is recomputed on save.

frappe.ui.form.on("Contract Claim", {
	setup(frm) {
		frm.set_query("contract", () => ({
			filters: { docstatus: 1, party_type: frm.doc.party_type, party_name: frm.doc.party, cm_company: frm.doc.company },
		}));
		frm.set_query("reference_name", "documents", (doc, cdt, cdn) => {
			const row = locals[cdt][cdn];
			const party_field =
				{ "Sales Invoice": "customer", "Sales Order": "customer", "Delivery Note": "customer", "Payment Entry": "party" }[
					row.reference_doctype
				] || "supplier";
			const filters = { docstatus: 1, company: doc.company, [party_field]: doc.party };
			if (doc.contract) filters.cm_contract = doc.contract;
			return { filters };
		});
	},

	received_on(frm) {
		// Drafted On defaults to today; a letter registered days after it came was drafted by that day.
		const { drafted_on, received_on } = frm.doc;
		if (drafted_on && received_on && drafted_on > received_on) frm.set_value("drafted_on", received_on);
	},

	refresh(frm) {
		const recovered = (frm.doc.__onload || {}).amount_recovered_now;
		if (frm.doc.docstatus === 1 && recovered !== undefined && recovered !== frm.doc.amount_recovered) {
			frm.dashboard.add_comment(
				__("Payments after the claim was sent now come to {0}; save to record it.", [
					format_currency(recovered, frm.doc.currency),
				]),
				"blue",
				true
			);
		}
	},
});
