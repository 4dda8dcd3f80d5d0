// The contract card: approval actions, the money summary, and helpers for the registry fields.

frappe.ui.form.on("Contract", {
	setup(frm) {
		frm.set_query("cm_contract_type", () => ({ filters: { disabled: 0 } }));
		frm.set_query("cm_responsible", () => ({ filters: { enabled: 1, user_type: "System User" } }));
		// Connections' "+" and Create: an ERPNext document under this contract, with its party.
		frm.make_methods = Object.fromEntries(
			Object.keys(contract_management.contract.party_fields).map((doctype) => [
				doctype,
				() => contract_management.contract.make_document(frm, doctype),
			])
		);
	},

	onload(frm) {
		// A contract made on the card is kept through the app: its checks apply from the first save
		// (contracts/registry.py). One made by ERPNext's code or through the REST API is not marked.
		if (frm.is_new() && !frm.doc.cm_managed) frm.doc.cm_managed = 1;
		// Made from a Customer's or Supplier's Connections, the new contract has only the plain link the
		// desk fills (cm_customer / cm_supplier): the party it names becomes the contract's party.
		const party = frm.doc.cm_customer ? "Customer" : frm.doc.cm_supplier ? "Supplier" : null;
		if (frm.is_new() && party && !frm.doc.party_name) {
			frm.set_value("party_type", party).then(() =>
				frm.set_value("party_name", frm.doc[party === "Customer" ? "cm_customer" : "cm_supplier"])
			);
		}
	},

	refresh(frm) {
		contract_management.breadcrumbs.show_contracts_sidebar();
		contract_management.contract.add_approval_buttons(frm);
		contract_management.contract.render_summary(frm);
		contract_management.contract.render_history(frm);
		if (frm.doc.docstatus === 1 && !["Terminated", "Fulfilled"].includes(frm.doc.cm_status)) {
			frm.add_custom_button(
				__("Supplementary Agreement"),
				() => frappe.new_doc("Contract Amendment", { contract: frm.doc.name }),
				__("Create")
			);
			// Only the claims that fit the contract's direction: the bases come from the server.
			frm.add_custom_button(
				__("Outgoing Claim"),
				() => contract_management.contract.make_claim(frm, "Outgoing"),
				__("Create")
			);
			frm.add_custom_button(
				__("Incoming Claim"),
				() => contract_management.contract.make_claim(frm, "Incoming"),
				__("Create")
			);
		}
		if (frm.doc.docstatus === 1 && !["Terminated", "Fulfilled", "Cancelled"].includes(frm.doc.cm_status)) {
			const made = { Sales: ["Sales Order", "Sales Invoice"], Purchase: ["Purchase Order", "Purchase Invoice"] };
			for (const doctype of made[frm.doc.cm_direction] || []) {
				if (frappe.model.can_create(doctype)) {
					frm.add_custom_button(
						__(doctype),
						() => contract_management.contract.make_document(frm, doctype),
						__("Create")
					);
				}
			}
		}
		if (frm.doc.docstatus === 1 && frm.doc.cm_status === "Active") {
			frm.add_custom_button(__("Mark Fulfilled"), () =>
				contract_management.contract.call(frm, "mark_fulfilled")
			);
		}
		contract_management.contract.offer_fulfilment(frm);
	},

	party_type(frm) {
		const direction = { Customer: "Sales", Supplier: "Purchase" }[frm.doc.party_type] || "Other";
		frm.set_value("cm_direction", direction);
	},

	cm_company(frm) {
		if (frm.doc.cm_company && !frm.doc.cm_currency) {
			frappe.db
				.get_value("Company", frm.doc.cm_company, "default_currency")
				.then(({ message }) => message && frm.set_value("cm_currency", message.default_currency));
		}
	},
});

frappe.provide("contract_management.contract");

Object.assign(contract_management.contract, {
	// The field naming the party on each ERPNext document the card makes (contracts/documents.py,
	// in the boot).
	party_fields: frappe.boot.cm_party_fields || {},

	make_document(frm, doctype) {
		const party_field = this.party_fields[doctype];
		// The party is set on the loaded form, so that ERPNext fetches its currency, price list and terms.
		frappe.route_hooks.after_load = (new_frm) => {
			if (new_frm.doctype !== doctype || !new_frm.is_new()) return;
			const party = () => new_frm.set_value(party_field, frm.doc.party_name);
			if (doctype === "Quotation") new_frm.set_value("quotation_to", frm.doc.party_type).then(party);
			else party();
		};
		frappe.new_doc(doctype, { company: frm.doc.cm_company, cm_contract: frm.doc.name });
	},

	// frappe.call, not xcall: a refusal (say, no access to the invoices a claim rests on) is shown by
	// the desk's error dialog, and leaves no unhandled promise rejection behind.
	make_claim(frm, direction) {
		frappe
			.call({
				method: "contract_management.api.claim_bases",
				args: { direction, party_type: frm.doc.party_type },
			})
			.then(({ message: bases }) =>
				frappe.prompt(
					{
						fieldname: "basis",
						fieldtype: "Select",
						label: __("Basis"),
						options: bases,
						default: bases[0].value,
						reqd: 1,
					},
					({ basis }) =>
						frappe
							.call({
								method: "contract_management.api.make_claim_from_contract",
								args: { contract: frm.doc.name, direction, basis },
								freeze: true,
							})
							.then(({ message: claim }) => {
								const doc = frappe.model.sync(claim)[0];
								frappe.set_route("Form", doc.doctype, doc.name);
							}),
					direction === "Outgoing" ? __("Outgoing Claim") : __("Incoming Claim"),
					__("Create")
				)
			);
	},

	// Every obligation (not cancelled) fulfilled, as the documents and papers showed it
	// (fulfilment/obligations.py): the contract offers to be marked fulfilled.
	offer_fulfilment(frm) {
		const rows = (frm.doc.cm_obligations || []).filter((row) => row.status !== "Cancelled");
		const closed = ["Terminated", "Fulfilled", "Cancelled"].includes(frm.doc.cm_status);
		if (frm.doc.docstatus !== 1 || closed || !rows.length || frm.is_dirty()) return;
		if (rows.some((row) => row.status !== "Fulfilled")) return;
		frm.set_intro(__("Every obligation of the contract is fulfilled: it can be marked fulfilled."), "green");
		// The same action is then the primary one, not a second button beside it.
		frm.remove_custom_button(__("Mark Fulfilled"));
		frm.page.set_primary_action(__("Mark Fulfilled"), () => this.call(frm, "mark_fulfilled"));
	},

	call(frm, method, args = {}) {
		return frappe
			.call({
				method: `contract_management.api.${method}`,
				args: { contract: frm.doc.name, ...args },
				freeze: true,
			})
			.then(() => frm.reload_doc());
	},

	add_approval_buttons(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0) return;
		const status = frm.doc.cm_status;
		const onload = frm.doc.__onload || {};
		if (["Draft", "Rejected"].includes(status) && !frm.is_dirty()) {
			frm.add_custom_button(__("Send for Approval"), () => this.call(frm, "send_for_approval"));
		}
		this.offer_signing_when_allowed(frm);
		const step = onload.cm_current_step;
		if (status !== "On Approval" || !step || !frappe.user.has_role(step.role)) return;

		// The visa awaited from this user is the card's main action.
		const approve = () => this.call(frm, "give_visa", { decision: "Approved" });
		if (!frm.is_dirty()) frm.page.set_primary_action(__("Approve"), approve);
		const group = __("Visa: {0}", [step.step_title]);
		frm.add_custom_button(__("Approve"), approve, group);
		const with_remarks = [
			["Approved with Remarks", __("Approve with Remarks")],
			["Rejected", __("Reject")],
		];
		for (const [decision, label] of with_remarks) {
			frm.add_custom_button(
				label,
				() =>
					frappe.prompt(
						{ fieldname: "remarks", fieldtype: "Small Text", label: __("Remarks"), reqd: 1 },
						({ remarks }) => this.call(frm, "give_visa", { decision, remarks }),
						label
					),
				group
			);
		}
	},

	// ERPNext offers Submit (signing) on every saved draft, with "Submit this document to confirm" above
	// the form. A contract kept through the app is signed once approved: while it awaits visas, was
	// rejected, or is a draft its approval route applies to, the server refuses signing, so the card
	// does not offer it and says what comes first.
	offer_signing_when_allowed(frm) {
		if (!frm.doc.cm_managed || frm.is_dirty()) return;
		const status = frm.doc.cm_status;
		const onload = frm.doc.__onload || {};
		let message = null;
		if (status === "On Approval") {
			const step = onload.cm_current_step;
			message = step
				? __("Awaiting the visa: {0}. The contract can be signed once it is approved.", [
						frappe.utils.escape_html(step.step_title),
				  ])
				: __("The contract can be signed once it is approved.");
		} else if (status === "Rejected") {
			message = __("The contract was rejected: edit it and send it for approval again.");
		} else if (status === "Draft" && onload.cm_needs_approval) {
			message = __("Send the contract for approval: it can be signed once it is approved.");
		}
		if (!message) return;
		frm.page.clear_primary_action();
		frm.dashboard.clear_comment();
		frm.dashboard.add_comment(message, "blue", true);
	},

	render_history(frm) {
		const field = frm.get_field("cm_history_html");
		const rows = (frm.doc.__onload || {}).cm_history || [];
		if (!field) return;
		if (!rows.length) {
			field.$wrapper.html(`<p class="text-muted">${__("No supplementary agreements yet.")}</p>`);
			return;
		}
		const esc = frappe.utils.escape_html;
		const body = rows
			.map(
				(row) => `<tr>
					<td><a href="${frappe.utils.get_form_link("Contract Amendment", row.amendment)}">${esc(
					__("No. {0}", [row.amendment_no])
				)}</a><br><span class="text-muted">${esc(__(row.kind))}${
					row.made_by_system ? " · " + esc(__("by the system")) : ""
				}${row.recorded_from_paper ? " · " + esc(__("recorded from paper")) : ""}</span></td>
					<td>${esc(row.clause ? __("Clause {0}", [row.clause]) : __(row.term))}</td>
					<td>${esc(this.term_value(frm, row.fieldname, row.old_value))}</td>
					<td>${esc(this.term_value(frm, row.fieldname, row.new_value))}</td>
					<td>${frappe.datetime.str_to_user(row.effective_date)}</td>
					<td>${esc(frappe.user.full_name(row.by))}</td>
				</tr>`
			)
			.join("");
		field.$wrapper.html(`<table class="table table-condensed">
			<thead><tr><th>${__("Agreement")}</th><th>${__("Term")}</th><th>${__("Was")}</th>
			<th>${__("Became")}</th><th>${__("Effective From")}</th><th>${__("By")}</th></tr></thead>
			<tbody>${body}</tbody></table>`);
	},

	// An agreement stores the values it changes as text (dates as YYYY-MM-DD): shown as the user
	// reads the contract's field.
	term_value(frm, fieldname, value) {
		if (value === null || value === undefined || value === "") return "";
		const df = fieldname && frappe.meta.get_docfield("Contract", fieldname);
		const fieldtype = df ? df.fieldtype : /^\d{4}-\d{2}-\d{2}$/.test(value) ? "Date" : "Data";
		if (fieldtype === "Date") return frappe.datetime.str_to_user(value);
		if (fieldtype === "Currency") return format_currency(value, frm.doc.cm_currency);
		if (["Float", "Percent", "Int"].includes(fieldtype)) return format_number(value);
		if (fieldtype === "Check") return cint(value) ? __("Yes") : __("No");
		if (fieldtype === "Select") return __(value, null, "Contract");
		return value;
	},

	render_summary(frm) {
		const field = frm.get_field("cm_summary_html");
		const summary = (frm.doc.__onload || {}).cm_summary;
		if (!field) return;
		if (!summary) {
			field.$wrapper.html(
				`<p class="text-muted">${__("Shown once the contract is signed.")}</p>`
			);
			return;
		}
		this.draw_summary(field, summary);
		// The desk keeps a loaded contract in memory: shown again (back from an order or an invoice made
		// under it), its summary is asked for anew.
		if (frm.cm_summary_of === frm.doc.name) {
			frappe
				.xcall("contract_management.api.get_summary", { contract: frm.doc.name })
				.then((fresh) => {
					if (frm.doc.__onload) frm.doc.__onload.cm_summary = fresh;
					this.draw_summary(field, fresh);
				});
		}
		frm.cm_summary_of = frm.doc.name;
	},

	draw_summary(field, summary) {
		const money = (value, currency) => format_currency(value, currency);
		const foreign = summary.currency !== summary.company_currency;
		const rows = [
			[__("Contract Amount"), summary.is_framework ? __("Framework contract") : money(summary.amount, summary.currency), ""],
			[__("Amount Ordered"), money(summary.ordered, summary.currency), money(summary.base_ordered, summary.company_currency)],
			[__("Amount Delivered"), money(summary.delivered, summary.currency), money(summary.base_delivered, summary.company_currency)],
			[__("Amount Invoiced"), money(summary.invoiced, summary.currency), money(summary.base_invoiced, summary.company_currency)],
			[__("Amount Paid"), money(summary.paid, summary.currency), money(summary.base_paid, summary.company_currency)],
			[__("Outstanding Amount"), money(summary.outstanding, summary.currency), money(summary.base_outstanding, summary.company_currency)],
			[__("Overdue"), money(summary.overdue, summary.currency), money(summary.base_overdue, summary.company_currency)],
		];
		if (summary.claims) {
			rows.push([
				__("Claims: {0}", [summary.claims]),
				__("claimed {0}, recovered {1}", [
					money(summary.claimed, summary.currency),
					money(summary.recovered, summary.currency),
				]),
				"",
			]);
		}
		if (summary.remaining !== null) {
			rows.push([__("Remaining to Invoice"), money(summary.remaining, summary.currency), ""]);
		}
		const body = rows
			.map(
				([label, value, base]) =>
					`<tr><td>${label}</td><td class="text-right">${value}</td>${
						foreign ? `<td class="text-right text-muted">${base}</td>` : ""
					}</tr>`
			)
			.join("");
		field.$wrapper.html(
			`<table class="table table-condensed">${body}</table>${this.papers_html(summary)}`
		);
	},

	// The contract's primary documents as the user may read them: how many in each status, and the
	// awaited ones, oldest first, with the days they have waited (fulfilment/card.py).
	papers_html(summary) {
		const papers = summary.primary_documents;
		if (!papers) return "";
		const esc = frappe.utils.escape_html;
		const doctype = "Contract Primary Document";
		const title = `<h5>${__("Primary Documents")}</h5>`;
		if (!papers.total) {
			return `${title}<p class="text-muted">${__("No primary documents yet.")}</p>`;
		}
		const counts = papers.by_status
			.map((row) => `${esc(__(row.status, null, doctype))}: ${row.count}`)
			.join(" · ");
		let awaited = `<p class="text-muted">${__("None awaited.")}</p>`;
		if (papers.awaited.length) {
			const rows = papers.awaited
				.map(
					(row) => `<tr>
						<td><a href="${frappe.utils.get_form_link(doctype, row.name)}">${esc(__(row.kind))}</a></td>
						<td>${esc(row.number || "")}</td>
						<td>${esc(__(row.status, null, doctype))}</td>
						<td>${row.waiting_since ? frappe.datetime.str_to_user(row.waiting_since) : ""}</td>
						<td class="text-right">${row.days_waiting ?? ""}</td>
					</tr>`
				)
				.join("");
			const report = `/app/query-report/${encodeURIComponent(
				"Primary Documents Awaited"
			)}?contract=${encodeURIComponent(summary.contract)}`;
			awaited = `<h6>${__("Primary Documents Awaited")}: ${papers.awaited_count}</h6>
				<table class="table table-condensed">
					<tr><th>${__("Kind of Primary Document")}</th><th>${__("Document Number")}</th>
					<th>${__("Status")}</th><th>${__("Waiting Since")}</th>
					<th class="text-right">${__("Days Waiting")}</th></tr>${rows}
				</table>
				<a href="${report}">${__("Open the report")}</a>`;
		}
		return `${title}<p>${counts}</p>${awaited}`;
	},
});
