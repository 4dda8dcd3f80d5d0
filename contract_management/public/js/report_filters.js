// The filters the app's script reports share: each report's script takes them by name, in its own
// order, changes what is its own through `overrides`, and adds its own filters.
// Each report script includes this file with a Jinja-style include directive, which Frappe renders when it
// loads the report: it needs no built or linked assets.

frappe.provide("contract_management.report_filters");

(() => {
	const report_filters = contract_management.report_filters;

	// A Select's options: an empty choice, then the values with translated labels (in `context`, when
	// the values have one).
	report_filters.select_options = (values, context = null) => [
		{ value: "", label: "" },
		...values.map((value) => ({ value: value, label: __(value, null, context) })),
	];

	// The statuses and bases, as the server defines them once (common/statuses.py, in the boot).
	const lists = frappe.boot.contract_management || {};
	report_filters.CONTRACT_STATUSES = lists.contract_statuses || [];
	// The statuses of a signed contract.
	report_filters.SIGNED_STATUSES = lists.signed_statuses || [];
	report_filters.CLAIM_STATUSES = lists.claim_statuses || [];
	report_filters.CLAIM_BASES = lists.claim_bases || [];
	// A contract status reads as the contract list shows it («Действует», not ERPNext's «Активный»).
	report_filters.contract_status_options = (values = report_filters.CONTRACT_STATUSES) =>
		report_filters.select_options(values, "Contract Status");

	// A date filter with a default. Frappe puts the default into the date picker, whose onSelect then
	// reports it as a change: the report, while being set up, ran once for that "change" and again once
	// set up, drawing its chart twice (the first chart's resize observer then drew into the node the
	// second had replaced, and threw). Only a date picked in the open picker is the user's change; a
	// typed date or a value set by a script reaches the report through the input's own change.
	report_filters.date_with_default = (df) =>
		Object.assign(df, {
			options: {
				onSelect: (formatted, date, picker) => {
					if (picker.visible) picker.$el.trigger("change");
				},
			},
		});

	// A Link filter to `doctype`, its label translated when the filter is made.
	const link_filter = (fieldname, doctype, label) => () => ({
		fieldname: fieldname,
		label: label(),
		fieldtype: "Link",
		options: doctype,
	});

	// A counterparty filter whose doctype another filter decides: suppliers when `filter` holds
	// `supplier_value`, else customers.
	report_filters.party_by = (filter, supplier_value) => ({
		options: null,
		get_options: () =>
			frappe.query_report.get_filter_value(filter) === supplier_value ? "Supplier" : "Customer",
	});

	// Made when asked: labels are translated and defaults read for the user opening the report.
	const catalog = {
		// The user's default company, for a user who may look companies up. Frappe v16 refuses to run a
		// report whose Link filter holds a document the user may neither read nor select (a Contract
		// Viewer without ERPNext roles, for Company); such a user's report shows the contracts they may
		// see, of whatever company.
		company: () => ({
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default:
				frappe.model.can_read("Company") || frappe.model.can_select("Company")
					? frappe.defaults.get_user_default("Company")
					: "",
		}),
		direction: () => ({
			fieldname: "direction",
			label: __("Direction"),
			fieldtype: "Select",
			options: report_filters.select_options(["Sales", "Purchase", "Other"]),
		}),
		party_type: () => ({
			fieldname: "party_type",
			label: __("Counterparty Type"),
			fieldtype: "Select",
			options: report_filters.select_options(["Customer", "Supplier"]),
			on_change: () => {
				frappe.query_report.set_filter_value("party", "");
			},
		}),
		party: () => ({
			fieldname: "party",
			label: __("Counterparty"),
			fieldtype: "Dynamic Link",
			options: "party_type",
		}),
		contract: link_filter("contract", "Contract", () => __("Contract")),
		contract_type: link_filter("contract_type", "Contract Type", () => __("Contract Type")),
		responsible: link_filter("responsible", "User", () => __("Responsible")),
		department: link_filter("department", "Department", () => __("Department")),
		status: (statuses = report_filters.CONTRACT_STATUSES) => ({
			fieldname: "status",
			label: __("Contract Status"),
			fieldtype: "Select",
			options: report_filters.contract_status_options(statuses),
		}),
		// The status filter of the reports on what signed contracts owe and deliver.
		signed_status: () => catalog.status(report_filters.SIGNED_STATUSES),
		currency: link_filter("currency", "Currency", () => __("Currency")),
		on_date: () =>
			report_filters.date_with_default({
				fieldname: "on_date",
				label: __("As On"),
				fieldtype: "Date",
				default: frappe.datetime.get_today(),
			}),
		report_date: () =>
			report_filters.date_with_default({
				fieldname: "report_date",
				label: __("As of Date"),
				fieldtype: "Date",
				default: frappe.datetime.get_today(),
				reqd: 1,
			}),
	};

	// What selects the contracts of a report's rows, in the order the reports show it.
	report_filters.CONTRACT = [
		"company",
		"direction",
		"party_type",
		"party",
		"contract",
		"contract_type",
		"responsible",
		"department",
	];

	// The named common filters, in the order given; `overrides` maps a fieldname to the keys that
	// report sets differently.
	report_filters.common = (names, overrides = {}) =>
		names.map((name) => {
			if (!catalog[name]) {
				throw new Error(`contract_management.report_filters: no common filter "${name}"`);
			}
			return Object.assign(catalog[name](), overrides[name] || {});
		});

	// The filters of a report with a row per contract: the contract's, its status, currency and date,
	// and the date its figures are taken on.
	report_filters.contract_rows = () => [
		...report_filters.common([...report_filters.CONTRACT, "status", "currency"]),
		{ fieldname: "from_date", label: __("Contract Date From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Contract Date To"), fieldtype: "Date" },
		...report_filters.common(["on_date"], { on_date: { label: __("Figures As On") } }),
	];
})();
