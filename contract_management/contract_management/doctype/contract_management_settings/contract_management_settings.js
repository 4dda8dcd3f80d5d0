frappe.ui.form.on("Contract Management Settings", {
	refresh(frm) {
		frm.add_custom_button(__("Send Reminders Now"), () =>
			frappe
				.call({
					method:
						"contract_management.contract_management.doctype.contract_management_settings.contract_management_settings.send_reminders_now",
				})
				.then(() => frappe.show_alert(__("Reminders are being sent in the background.")))
		);
	},
});
