frappe.listview_settings["Contract Claim"] = {
	add_fields: ["status", "direction", "response_due"],
	// A claim's direction in the claim's own words (Исходящая / Входящая), not the shared «Исходящие».
	formatters: {
		direction: (value) => __(value, null, "Contract Claim"),
	},
	get_indicator(doc) {
		const colour = {
			Draft: "red", Sent: "blue", Received: "orange", Answered: "blue", Satisfied: "green",
			"Partly Satisfied": "yellow", Rejected: "red", "No Answer": "orange", "In Court": "purple",
			Closed: "darkgrey", Cancelled: "red",
		}[doc.status];
		// In the claim's words (Направлена, Отклонена: setup/option_wording.py), not the shared «Отклоненные».
		return [__(doc.status, null, "Contract Claim"), colour || "gray", `status,=,${doc.status}`];
	},
	onload(listview) {
		const company = { fieldname: "company", fieldtype: "Link", options: "Company", label: __("Company") };
		// A bulk job of claims: a button, a dialog of its filters, the job queued.
		const bulk = (label, title, method, fields) =>
			listview.page.add_inner_button(label, () =>
				frappe.prompt(
					fields,
					(values) =>
						frappe
							.call({ method, args: values })
							.then(() => frappe.show_alert(__("Claims are being made in the background; the list refreshes when done."))),
					title,
					__("Make")
				)
			);
		bulk(__("Claims for Overdue Debts"), __("Make Claims for Overdue Debts"), "contract_management.api.make_claims_for_overdue_debts", [
			{ fieldname: "min_days_overdue", fieldtype: "Int", label: __("Overdue More Than (Days)"), default: 30, reqd: 1 },
			company,
		]);
		bulk(__("Claims for Late Deliveries"), __("Make Claims for Late Deliveries"), "contract_management.api.make_claims_for_late_deliveries", [
			company,
		]);
	},
};
