"""Old dotted paths, kept where something outside the code may still name them.

The services were split into domain packages (common, access, parties, contracts, claims, reminders,
onboarding, reporting). Only paths that a stored record or a client may still call stay here, each a
thin alias that says where the code went.
"""
