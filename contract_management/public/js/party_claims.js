// Customer and Supplier: start a claim against them from their form, with a basis that fits its
// direction (the bases come from the server).
for (const doctype of ["Customer", "Supplier"]) {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (frm.is_new() || !frappe.model.can_create("Contract Claim")) return;
			for (const [direction, label] of [
				["Outgoing", __("Outgoing Claim")],
				["Incoming", __("Incoming Claim")],
			]) {
				frm.add_custom_button(label, () => make_party_claim(doctype, frm.doc.name, direction, label), __("Create"));
			}
		},
	});
}

function make_party_claim(party_type, party, direction, title) {
	// frappe.call, not xcall: a refusal is shown by the desk's error dialog and leaves no unhandled
	// promise rejection behind.
	frappe.call({ method: "contract_management.api.claim_bases", args: { direction, party_type } }).then(({ message: bases }) =>
		frappe.prompt(
			{ fieldname: "basis", fieldtype: "Select", label: __("Basis"), options: bases, default: bases[0].value, reqd: 1 },
			({ basis }) =>
				frappe
					.call({
						method: "contract_management.api.make_claim_from_party",
						args: { party_type, party, direction, basis },
						freeze: true,
					})
					.then(({ message: claim }) => {
						const doc = frappe.model.sync(claim)[0];
						frappe.set_route("Form", doc.doctype, doc.name);
					}),
			title,
			__("Create")
		)
	);
}
