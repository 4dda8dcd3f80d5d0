// The app's Select values in the words of its own catalogue everywhere the desk shows them: translated
// with the field's doctype as the context, as Frappe's Select box on a form already does
// (setup/option_wording.py). Frappe's formatter (a read-only field, a grid, a list's column) and the
// list's standard filters translate them without it. Only for the app's doctypes and Contract; a value
// with no translation in context reads as the shared catalogues translate it.
(() => {
	const is_own = (doctype) =>
		doctype === "Contract" || (locals.DocType[doctype] || {}).module === "Contract Management";

	const format = frappe.form.formatters.Select;
	frappe.form.formatters.Select = function (value, df, ...rest) {
		const doctype = df && (df.context || df.parent);
		if (typeof value === "string" && value && doctype && is_own(doctype)) {
			value = __(value, null, doctype);
		}
		return format.call(this, value, df, ...rest);
	};

	// A role (a translated doctype) in the app's grids, for a user who may not open roles: Frappe's
	// formatter then shows the name untranslated («Legal Counsel», not «Юрисконсульт»).
	const format_link = frappe.form.formatters.Link;
	frappe.form.formatters.Link = function (value, df, options, doc) {
		const formatted = format_link.call(this, value, df, options, doc);
		const doctype = df && (df._options || df.options);
		if (
			typeof value === "string" &&
			value &&
			formatted === value &&
			is_own(df.parent) &&
			(frappe.boot.translated_doctypes || []).includes(doctype)
		) {
			return frappe.utils.escape_html(__(value));
		}
		return formatted;
	};

	// v16 draws a list's Select column as a pill of its own, translated with no context («Купить» for a
	// contract's "Purchase"); v15 draws it through the Select formatter above. The app's lists get a column
	// formatter of the list's own (Frappe's listview_settings.formatters) that draws it as v15 does, on both.
	const column_html = frappe.views.ListView.prototype.get_column_html;
	frappe.views.ListView.prototype.get_column_html = function (col, doc, ...rest) {
		const df = (col && col.df) || {};
		if (df.fieldtype === "Select" && col.type === "Field" && is_own(this.doctype)) {
			const formatters = (this.settings.formatters = this.settings.formatters || {});
			formatters[df.fieldname] = formatters[df.fieldname] || select_column;
		}
		return column_html.call(this, col, doc, ...rest);
	};
	function select_column(value, df, doc) {
		const filter = frappe.utils.escape_html(`${df.fieldname},=,${value || ""}`);
		return `<a class="filterable ellipsis" data-filter="${filter}">${frappe.format(value, df, null, doc)}</a>`;
	}

	// A list's standard filter is made from the field with no doctype: its Select box gets the list's.
	const add_field = frappe.ui.Page.prototype.add_field;
	frappe.ui.Page.prototype.add_field = function (df, parent) {
		const [view, doctype] = frappe.get_route() || [];
		if (df && df.is_filter && df.fieldtype === "Select" && view === "List" && doctype && is_own(doctype)) {
			df.context = df.context || doctype;
		}
		return add_field.call(this, df, parent);
	};
})();
