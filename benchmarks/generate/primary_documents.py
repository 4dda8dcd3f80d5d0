"""The contracts' primary documents (акты, УПД, накладные): five papers to a contract, at every step of
their exchange, for the Primary Documents Awaited report and its number card.

A sales contract's papers are ours to issue (Expected, Sent, Signed by Both, Original Sent), a purchase
contract's the supplier's (Expected, Received as a scan or by EDI, Signed by Both, Original Received);
about half of them wait for a step. Every step is dated at least `STEPS_CLEAR` days before the benchmark
day, outside the window of any reminder of papers, so the papers add no reminder to the day's work.
A contract that starts too late for that has none.
"""

from benchmarks.generate.common import STANDARD_COLUMNS, add_days

PAPERS_PER_CONTRACT = 5
# The last step of a paper falls at least this many days before the benchmark day.
STEPS_CLEAR = 60
# The longest a paper's steps run after its own date (see `steps`).
STEPS_SPAN = 45
KINDS = {
	True: ("UPD (Universal Transfer Document)", "Act of Services Rendered", "VAT Invoice (Schet-Faktura)"),
	False: ("UPD (Universal Transfer Document)", "Act of Works Performed", "Waybill (TORG-12)"),
}
# (status, share in a hundred) of each direction's papers, in the order of their steps.
STATUSES = {
	True: (("Expected", 10), ("Sent", 15), ("Signed by Both", 35), ("Original Sent", 40)),
	False: (("Expected", 10), ("Received", 20), ("Signed by Both", 30), ("Original Received", 40)),
}

PAPER_COLUMNS = [
	*STANDARD_COLUMNS,
	"docstatus",
	"kind",
	"flow",
	"number",
	"document_date",
	"status",
	"original_required",
	"responsible",
	"contract",
	"company",
	"party_type",
	"party",
	"currency",
	"amount",
	"vat_amount",
	"sent_on",
	"received_on",
	"received_via",
	"signed_on",
	"original_sent_on",
	"original_received_on",
]


def paper_rows(contract, responsible: str, currency: str, day, rng, now) -> list[list]:
	"""The contract's papers, dated within its term and clear of the day's reminders."""
	first, last = contract.start, min(contract.end, add_days(day, -(STEPS_CLEAR + STEPS_SPAN)))
	if first > last:
		return []
	rows = []
	for number in range(1, PAPERS_PER_CONTRACT + 1):
		dated = add_days(first, rng.randint(0, (last - first).days))
		status = _status(contract.sales, rng.randint(1, 100))
		amount = round(contract.amount / (2 * PAPERS_PER_CONTRACT), 2)
		rows.append(
			[
				f"{contract.name}-P{number}",
				now,
				now,
				"Administrator",
				"Administrator",
				0,
				rng.choice(KINDS[contract.sales]),
				"We Issue" if contract.sales else "We Receive",
				f"{number}/{contract.name[-6:]}",
				dated,
				status,
				1,
				responsible,
				contract.name,
				contract.company,
				"Customer" if contract.sales else "Supplier",
				contract.party,
				currency,
				amount,
				round(amount / 6, 2),
				*steps(contract.sales, status, dated),
			]
		)
	return rows


def _status(sales: bool, share: int) -> str:
	for status, weight in STATUSES[sales]:
		share -= weight
		if share <= 0:
			return status
	return STATUSES[sales][-1][0]


def steps(sales: bool, status: str, dated) -> list:
	"""sent_on, received_on, received_via, signed_on, original_sent_on, original_received_on: each step up
	to `status` dated after the one before, the last within STEPS_SPAN days of the paper's date."""
	order = [name for name, _weight in STATUSES[sales]]
	reached = order.index(status)
	sent_or_received = add_days(dated, 3) if reached >= 1 else None
	signed = add_days(dated, 15) if reached >= 2 else None
	original = add_days(dated, STEPS_SPAN) if reached >= 3 else None
	if sales:
		return [sent_or_received, None, None, signed, original, None]
	return [None, sent_or_received, "Scan" if sent_or_received else None, signed, None, original]
