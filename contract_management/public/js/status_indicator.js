// The status pill of the app's lists (contracts, supplementary agreements). Both pass through the same
// approval route and may be cancelled, so those statuses have one colour here; each list adds its own.
// A list script includes this file with a Jinja-style include directive, rendered when the desk loads
// the doctype's scripts: it needs no built or linked assets.

frappe.provide("contract_management");

contract_management.status_indicator = (status, context, own_colours) => {
	const colour = {
		Draft: "red",
		"On Approval": "orange",
		Approved: "blue",
		Rejected: "red",
		Cancelled: "red",
		...own_colours,
	}[status];
	// `context` words the status as its own doctype does (a contract's «Отклонён», an agreement's «Отклонено»).
	const label = __(status || "Draft", null, context);
	return [label, colour || "gray", `cm_status,=,${status}`];
};
