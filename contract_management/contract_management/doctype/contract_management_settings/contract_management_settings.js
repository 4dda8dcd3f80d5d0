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
		frm.add_custom_button(__("Daily Work"), () =>
			frappe.set_route("List", "Contract Daily Chunk", { day: frappe.datetime.get_today() })
		);
		frappe
			.call({
				method:
					"contract_management.contract_management.doctype.contract_management_settings.contract_management_settings.daily_work_progress",
			})
			.then(({ message }) => {
				if (!message) return;
				frm.dashboard.set_headline(
					__("Daily work today: {0} chunks done, {1} failed, {2} waiting or running.", [
						message.Done,
						message.Failed,
						message.Queued + message.Running,
					])
				);
			});
	},
});
