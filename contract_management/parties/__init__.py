"""Customers, suppliers and the company as parties to a contract: their Russian requisites (ИНН, КПП,
ОГРН, the bank's БИК and accounts), checked when a party is saved and listed in prints.

May import: common and setup.
"""
