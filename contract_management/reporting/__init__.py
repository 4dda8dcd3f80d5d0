"""What the reports, number cards and charts share: the contracts a user may see, as a subquery, with
the reports' columns and money by contract (scope), the ageing of debts (debt_aging), the order lines
under contracts against their deliveries (order_lines) and each counterparty's performance
(performance), the workspace figures (workspace), the primary documents awaited (awaited) and which heavy reports run in the
background (background_reports).

May import: claims (the working-day calendar), fulfilment, access, common and setup (and frappe/erpnext). The reports under
contract_management/contract_management/report and the dashboard chart sources build on it.
"""
