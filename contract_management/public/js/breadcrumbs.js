// The app's pages lead back to the Contracts workspace. ERPNext keeps Contract in its CRM module, so
// the desk's breadcrumb on a contract, and on a report about contracts, pointed to the CRM workspace.

frappe.provide("contract_management.breadcrumbs");

// A contract (list, form, print) names the app's module, whose workspace is Contracts.
frappe.breadcrumbs.preferred["Contract"] = "Contract Management";

// A report's breadcrumb follows the module of the doctype it reports on (Contract: CRM). Each of the
// app's reports calls this from its onload, which comes after the desk set that breadcrumb.
contract_management.breadcrumbs.lead_back_to_workspace = () => frappe.breadcrumbs.add("Contract Management");
