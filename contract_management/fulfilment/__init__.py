"""Fulfilment control: the primary documents that prove a contract was performed (акт, УПД, товарная
накладная, счёт-фактура), one Contract Primary Document per paper.

- primary_document: the rules of one paper: its contract, party and company, the obligation it proves,
  the ERPNext document it accompanies, and its steps (sent or received, signed by both, original), each
  with its date; the status follows the dates.
- expected: the papers a delivery, receipt or invoice under a contract expects, made as Expected when it
  is submitted (the settings' Primary Documents Expected decide), and cancelled with it; each keeps the
  date of its document, which the reminder of an expected paper counts from.
- awaited: which papers are awaited, since when.
- card: what the contract card's Fulfilment tab shows: the money summary and the papers, each figure
  through the papers' own permission.
- obligations: each obligation (stage) of a contract computed from the documents under it (linked, or
  matched by kind, item and due date) and its papers: what is done, days late, papers awaited, status.

Owns the doctypes Contract Primary Document, Contract Primary Document Kind and Contract Primary Document
Rule (the settings' table). May import: contracts, access, parties, common, setup and compat.
Independent of claims, reminders and onboarding; reminders read its table by query only.
"""
