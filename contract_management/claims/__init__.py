"""Claims work (Contract Claim): a claim's rules, amounts and status (claim), the documents it rests on
(documents), making claims from a contract, a party or overdue debts (flows), the penalty and statutory
interest arithmetic (penalty) and the Civil Code's working-day deadlines (deadlines).

May import: contracts, parties, common and setup. Independent of reminders and onboarding.
"""
