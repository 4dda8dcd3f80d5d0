"""The contracts' obligations: payments and deliveries, one in ten contracts, and the ones due on the day."""

from benchmarks.generate.common import STANDARD_COLUMNS, add_days

OBLIGATION_COLUMNS = [
	*STANDARD_COLUMNS,
	"docstatus",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"obligor",
	"kind",
	"description",
	"due_date",
	"amount",
	"status",
]


def obligation_row(index: int, slot, contract, day, rng, now) -> list | None:
	"""The obligation of contract `index`: due on the day for the "obligation" slot, one in ten of the
	others over a year either side; none for the rest."""
	if slot != "obligation" and index % 10:
		return None
	due = day if slot == "obligation" else add_days(day, rng.choice([1, -1]) * rng.randint(30, 400))
	return [
		f"{contract.name}-O1",
		now,
		now,
		"Administrator",
		"Administrator",
		1,
		contract.name,
		"Contract",
		"cm_obligations",
		1,
		*obligation_kind(slot, index, contract.sales),
		due,
		contract.amount / 2,
		"Fulfilled" if due < day and index % 2 else "Pending",
	]


def obligation_kind(slot, index: int, sales: bool) -> tuple[str, str, str]:
	"""(obligor, kind, description): one background obligation in two is a delivery by whoever delivers
	under the contract (us under a sales contract, the counterparty under a purchase one), for the
	Delivery Plan Fulfilment report; the others, and the day's due ones, are the counterparty's payments."""
	if not slot and index % 20 == 0:
		return ("We" if sales else "Counterparty", "Delivery", "Delivery of the stage")
	return ("Counterparty", "Payment", "Payment for the stage")
