"""The reports, number cards and charts of the Contracts workspace on the benchmark dataset, each against
a hand-written raw-SQL floor that gives the same figures, in the same run; Debts by Contract against
ERPNext's own Accounts Receivable on the same data and date.

Each case runs the app's entry point as the desk calls it (a report's `execute` with the filters it
opens with, a card's `get_result` or method, a chart's source) and its floor: the least SQL a person
would write for the same figures, one statement where one can do it. The figures of both are compared
(each contract's, party's or status's numbers, rounded to the kopeck) before the times are written.
Both sides run the same number of times, alternating which goes first; the first run of each side is
a warm-up that is not counted (Accounts Receivable excepted: it is too long to run one more time).
All run as Administrator, who sees every contract: the app's permission-aware subqueries are then what
Frappe builds for a user without restrictions.
"""

from benchmarks.measures.reports.case import FLOOR_TARGET
from benchmarks.measures.reports.measuring import measure

__all__ = ["FLOOR_TARGET", "measure"]
