"""The contract itself, from draft to the end: its registry number (registry), terms (terms), status
(lifecycle), approval route and visas (approval), supplementary agreements (amendments, with the terms
they change in amendment_terms), auto-prolongation (prolongation), what was ordered, delivered,
invoiced and paid under it (summary), the ERPNext documents made under it (documents) and what its
print formats need (printing).

May import: parties, common and setup. Claims, reminders, onboarding and reporting build on it; it
imports none of them.
"""
