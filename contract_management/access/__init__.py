"""Row-level visibility of contracts, supplementary agreements and claims.

- rule: the rule, written once as an SQL condition; the permission_query_conditions and has_permission
  hooks that apply it to lists and to one document.
- children: the app's child tables' rows, which follow their parent (controllers and auth_hooks).
- endpoints: Frappe's counting, link search and link validation endpoints, routed through the rule by
  override_whitelisted_methods; global search kept away from these doctypes.

May import: common and setup. Independent of the contract and claim domains: they never need to know
who sees what, and the rule reads only the tables' columns.
"""
