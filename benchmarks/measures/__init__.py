"""The measured areas, one module each: the daily work as scheduled (daily), a day with nothing due
against the set-based floor (nothing_due), ERPNext's own job (erpnext), the invoices' hot path
(hot_path), memory, EXPLAIN of the daily work's queries (explain), the REST API and load (api), and
the reports, number cards and charts against their floors (reports/). run.py composes them."""
