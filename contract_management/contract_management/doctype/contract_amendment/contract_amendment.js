// Supplementary agreement: approval actions as on the contract, and the refresh of the old values
// (taken from the contract when drafted and when sent for approval, never silently at signing).

frappe.ui.form.on("Contract Amendment", {
	setup(frm) {
		frm.set_query("contract", () => ({ filters: { docstatus: 1 } }));
	},

	refresh(frm) {
		// The values it changes are stored as text, dates as YYYY-MM-DD: shown as the user reads dates.
		for (const fieldname of ["old_value", "new_value"]) {
			frm.fields_dict.changes.grid.update_docfield_property(fieldname, "formatter", (value) =>
				frappe.form.formatters.SmallText(
					/^\d{4}-\d{2}-\d{2}$/.test(value || "") ? frappe.datetime.str_to_user(value) : value
				)
			);
		}
		if (!frm.is_new()) {
			// Titled as the agreement it is, not as its contract (the title field, shown in links).
			frm.page.set_title(
				__("Supplementary agreement No. {0} to contract {1}", [frm.doc.amendment_no, frm.doc.contract])
			);
		}
		if (frm.is_new() || frm.doc.docstatus !== 0) return;
		const approve = (method, args = {}) =>
			frappe
				.call({
					method: `contract_management.api.${method}`,
					args: { contract: frm.doc.name, doctype: frm.doctype, ...args },
					freeze: true,
				})
				.then(() => frm.reload_doc());

		if (["Draft", "Rejected"].includes(frm.doc.cm_status) && !frm.is_dirty()) {
			frm.add_custom_button(__("Send for Approval"), () => approve("send_for_approval"));
		}
		if (!frm.is_dirty()) {
			frm.add_custom_button(__("Refresh Old Values"), () => refresh_old_values(frm));
		}
		const pending = (frm.doc.cm_visas || []).find(
			(row) => row.approval_round === frm.doc.cm_approval_round && row.visa === "Pending"
		);
		if (frm.doc.cm_status !== "On Approval" || !pending || !frappe.user.has_role(pending.role)) return;
		const group = __("Visa: {0}", [pending.step_title]);
		frm.add_custom_button(__("Approve"), () => approve("give_visa", { decision: "Approved" }), group);
		for (const [decision, label] of [
			["Approved with Remarks", __("Approve with Remarks")],
			["Rejected", __("Reject")],
		]) {
			frm.add_custom_button(
				label,
				() =>
					frappe.prompt(
						{ fieldname: "remarks", fieldtype: "Small Text", label: __("Remarks"), reqd: 1 },
						({ remarks }) => approve("give_visa", { decision, remarks }),
						label
					),
				group
			);
		}
	},

	contract(frm) {
		if (frm.doc.contract && !frm.doc.effective_date) {
			frm.set_value("effective_date", frm.doc.amendment_date || frappe.datetime.get_today());
		}
	},
});

function refresh_old_values(frm) {
	const refresh = () =>
		frappe
			.call({
				method: "contract_management.api.refresh_amendment_old_values",
				args: { amendment: frm.doc.name },
				freeze: true,
			})
			.then(({ message }) => {
				frappe.show_alert({
					message: message.refreshed.length
						? __("Old values taken from the contract: {0}", [
								message.refreshed.map((term) => __(term)).join(", "),
						  ])
						: __("The old values are the contract's current values already."),
					indicator: message.refreshed.length ? "green" : "blue",
				});
				return frm.reload_doc();
			});
	if (["On Approval", "Approved"].includes(frm.doc.cm_status)) {
		frappe.confirm(
			__(
				"If the contract's values changed, the agreement goes back for approval with the new old values. Continue?"
			),
			refresh
		);
	} else {
		refresh();
	}
}
