"""Reminders of contract and claim dates: the daily run (engine), the kinds and the one query each
(kinds), who hears one and how (delivery) and the bounded log (log).

May import: common and setup. Reads the contracts' and claims' tables by query only, so it stays
independent of the contracts and claims packages.
"""
