// Customer and Supplier: start a claim against them from their form.
for (const doctype of ["Customer", "Supplier"]) {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (frm.is_new() || !frappe.model.can_create("Contract Claim")) return;
			frm.add_custom_button(
				__("Claim"),
				() =>
					frappe
						.call({
							method: "contract_management.api.make_claim_from_party",
							args: { party_type: doctype, party: frm.doc.name },
						})
						.then(({ message }) => {
							const doc = frappe.model.sync(message)[0];
							frappe.set_route("Form", doc.doctype, doc.name);
						}),
				__("Create")
			);
		},
	});
}
