// The app's pages lead back to the Contracts workspace. ERPNext keeps Contract in its CRM module, so
// the desk's breadcrumb on a contract, and on a report about contracts, pointed to the CRM workspace.

frappe.provide("contract_management.breadcrumbs");

// v15: a contract (list, form, print) names the app's module, whose workspace is Contracts.
frappe.breadcrumbs.preferred["Contract"] = "Contract Management";

// v16: the desk shows a page with a workspace sidebar, chosen by the module's app when the open one
// does not list the page (ERPNext's CRM for a contract), and the breadcrumb names that sidebar. The
// app's pages take the Contracts sidebar, where the user has it; v15 has no such sidebar.
contract_management.breadcrumbs.show_contracts_sidebar = () => {
	const sidebar = frappe.app && frappe.app.sidebar;
	const sidebars = frappe.boot.workspace_sidebar_item;
	if (!sidebar || !sidebars || !sidebars.contracts || sidebar.sidebar_title === "Contracts") return;
	sidebar.setup("Contracts");
	frappe.breadcrumbs.update();
};

// A report's breadcrumb follows the module of the doctype it reports on (Contract: CRM). Each of the
// app's reports calls this from its onload, which comes after the desk set that breadcrumb.
contract_management.breadcrumbs.lead_back_to_workspace = () => {
	frappe.breadcrumbs.add("Contract Management");
	contract_management.breadcrumbs.show_contracts_sidebar();
};
