"""What the demo makes: its companies, parties, users, items and the plan of its contracts.

Everything here is plain data; contract_management.demo.builder makes the documents. The plan is the
same on every run (nothing random), so a second run finds every step it made by its key. Dates are
days from the day the demo runs, so deadlines and debts always read as due or overdue, and the
contracts were signed over the past year and a half, as a contract department's registry holds them.
"""

from itertools import cycle

COMPANIES = (
	{"key": "company-1", "company_name": "ООО «Демо Торговый дом»", "abbr": "ДТД", "number": 1},
	{"key": "company-2", "company_name": "АО «Демо Производство»", "abbr": "ДПР", "number": 2},
)

CUSTOMERS = (
	"ООО «Вектор Плюс»",
	"АО «Северный ветер»",
	"ООО «Гранит-Строй»",
	"ООО «Медиа Групп»",
	"ПАО «Уральские сети»",
	"ООО «Солнечный берег»",
	"ООО «Альтаир»",
	"АО «Техносфера»",
	"ООО «Кедр»",
	"ООО «Зенит Логистик»",
)

SUPPLIERS = (
	"ООО «ПромСнаб»",
	"АО «Металлург-Сервис»",
	"ООО «Офис Лайн»",
	"ООО «ТрансКарго»",
	"ООО «ИТ Решения»",
	"ООО «Чистый город»",
	"АО «Энергоресурс»",
	"ООО «Типография Формат»",
	"ООО «Спецодежда»",
	"ООО «Охрана-Центр»",
)

# A user per role of the contract department, made only on a site whose setup the demo completed:
# (e-mail, first name, last name, roles, desk language or None for the site's).
USERS = (
	("demo.manager@example.com", "Елена", "Орлова", ("Contract Manager",), None),
	("demo.legal@example.com", "Игорь", "Соколов", ("Legal Counsel",), "ru"),
	("demo.sales@example.com", "Ольга", "Морозова", ("Sales Contract User", "Sales User"), None),
	("demo.purchasing@example.com", "Павел", "Лебедев", ("Purchase Contract User", "Purchase User"), None),
	(
		"demo.accounts@example.com",
		"Татьяна",
		"Новикова",
		("Contract Viewer", "Accounts Manager", "Accounts User"),
		None,
	),
)
# Printed by the demo command: a demo site is for trying the app, never for real work.
USER_PASSWORD = "Demo-Contracts-1"
SALES_USER, PURCHASE_USER = USERS[2][0], USERS[3][0]
LEGAL_USER = USERS[1][0]

# item code: (name, description)
ITEMS = {
	"ДЕМО-ТОВАР": ("Оборудование (демо)", "Поставка оборудования"),
	"ДЕМО-УСЛУГИ": ("Услуги (демо)", "Оказание услуг"),
}
SELLING_PRICE_LIST = "Демо: продажи"
BUYING_PRICE_LIST = "Демо: закупки"

# (contract type, subject of a sales contract, subject of a purchase contract)
SUBJECTS = (
	("Supply", "Поставка оборудования по спецификациям", "Поставка сырья и материалов"),
	("Services", "Техническое обслуживание оборудования", "Клининговые услуги в офисе"),
	("Works", "Монтаж и пусконаладка линии", "Ремонт складского помещения"),
	("Services", "Консультационные услуги", "Охрана объекта"),
	("Lease", "Аренда складских площадей", "Аренда офиса"),
	("Supply", "Поставка запасных частей", "Поставка канцелярских товаров"),
)

TERMS = (
	"<p>1. Предмет договора: {subject}.</p>"
	"<p>2. Цена договора указана в спецификации и включает НДС.</p>"
	"<p>3. Оплата в течение 30 календарных дней с даты выставления счёта.</p>"
	"<p>4. Споры разрешаются в претензионном порядке, срок ответа на претензию — 30 дней.</p>"
)

DISAGREEMENTS = (
	("п. 3.1 Срок оплаты", "30 календарных дней", "60 календарных дней"),
	("п. 7.2 Неустойка", "0,1 % в день", "0,05 % в день, не более 5 %"),
	("п. 9.1 Подсудность", "Арбитражный суд г. Москвы", "Арбитражный суд по месту ответчика"),
)

# How many contracts of each status the full demo makes (60 in all), in the order a smaller demo
# takes them: one of each status first, then the next of each, and so on.
STATUS_COUNTS = (
	("Active", 24),
	("Draft", 5),
	("On Approval", 5),
	("Expired", 6),
	("Approved", 3),
	("Rejected", 3),
	("Not Started", 4),
	("Terminated", 4),
	("Fulfilled", 4),
	("Cancelled", 2),
)
FULL_SIZE = sum(count for _status, count in STATUS_COUNTS)

# Money under active contracts, by turn: "overdue" invoices are due 100 days ago (claims rest on them),
# "recent" 15 days ago (an overdue-invoice reminder is due today), "not due" in 25 days.
ACTIVE_PLANS = ("overdue", "paid", "partly paid", "overdue", "recent", "overdue", "not due", "ordered")
# Claims under contracts with an overdue debt, by turn: an outgoing claim on a sales contract, an
# incoming one (the supplier claims our debt) on a purchase contract.
OUTGOING_CLAIMS = (
	"Sent",
	"No Answer",
	"Draft",
	"Satisfied",
	"In Court",
	"Partly Satisfied",
	"Answered",
	"Rejected",
	"Closed",
	"Cancelled",
)
INCOMING_CLAIMS = ("Received", "Rejected", "Answered")
# Supplementary agreements under active contracts, by turn: (kind, what becomes of it).
AMENDMENTS = (
	("Prolongation", "Signed"),
	("Change of Amount", "Signed"),
	("Prolongation", "On Approval"),
	("Change of Terms", "Draft"),
	None,
	None,
)


def contract_plan(size: int) -> list[dict]:
	"""The first `size` contracts of the full plan, each a dict of what to make."""
	queues = {status: [f"{status}-{n}" for n in range(count)] for status, count in STATUS_COUNTS}
	order = []
	while any(queues.values()):
		for status, _count in STATUS_COUNTS:
			if queues[status]:
				order.append((status, len(order), int(queues[status].pop(0).rsplit("-", 1)[1])))
	plans = []
	outgoing, incoming, amendments, active_plans = (
		cycle(OUTGOING_CLAIMS),
		cycle(INCOMING_CLAIMS),
		cycle(AMENDMENTS),
		cycle(ACTIVE_PLANS),
	)
	for status, index, nth in order[:size]:
		sales = (nth + index) % 3 != 1  # two sales contracts to one purchase contract
		plan = {
			"key": f"contract-{index + 1:02d}",
			"status": status,
			"direction": "Sales" if sales else "Purchase",
			"company": COMPANIES[index % len(COMPANIES)]["key"] if index % 5 != 4 else COMPANIES[0]["key"],
			"party": (index * 3) % len(CUSTOMERS),
			"subject": SUBJECTS[index % len(SUBJECTS)],
			"amount": (12 + (index * 7) % 40) * 100_000,
			"penalty": 0.1 if index % 2 == 0 else 0,
			"disagreements": index % 3 == 0,
			"money": None,
			"claim": None,
			"amendment": None,
			"auto_prolongation": False,
		}
		plan.update(_dates(status, nth))
		if status == "Active":
			plan["money"] = next(active_plans)
			plan["amendment"] = next(amendments)
			plan["auto_prolongation"] = nth % 3 == 2
		elif status in ("Expired", "Terminated", "Fulfilled"):
			plan["money"] = "overdue" if status == "Expired" or (status == "Terminated" and sales) else "paid"
		if plan["money"] in ("overdue", "partly paid"):
			plan["claim"] = next(outgoing) if sales else next(incoming)
		plan["signed"] = _signed(status, nth, plan["money"])
		if plan["signed"] is not None and status != "Not Started":
			plan["start"] = plan["signed"] + 5
		plans.append(plan)
	return plans


# The first order under a contract with money of each kind, in days from today (builder.make_money):
# the contract is signed before it.
FIRST_ORDER = {
	"overdue": -135,
	"paid": -125,
	"partly paid": -135,
	"recent": -50,
	"not due": -10,
	"ordered": -10,
}


def _signed(status: str, nth: int, money: str | None) -> int | None:
	"""The day a contract is signed, from 18 months ago to last week, so every month of the last year
	has its signings; the first contracts of each status (those a small demo makes) within the last
	year. None for a contract never signed."""
	if status == "Expired":
		return -540 + 15 * nth
	if status == "Terminated":
		return -480 + 60 * nth
	if status == "Fulfilled":
		return -135 - 60 * nth
	if status == "Not Started":
		return -10 - 25 * nth
	if status == "Cancelled":
		return -100 - 40 * nth
	if status == "Active":
		return min(-140 - 16 * nth, FIRST_ORDER.get(money, 0) - 5)
	return None


def _dates(status: str, nth: int) -> dict:
	"""Start and end as days from today."""
	if status == "Not Started":
		return {"start": 15 + 15 * nth, "end": 380 + 15 * nth}
	if status == "Expired":
		return {"start": -720 + 20 * nth, "end": -30 - 20 * nth}
	if status in ("Active", "Terminated", "Fulfilled"):
		# Two active contracts that no agreement prolongs end in 7 and 30 days: their end reminders
		# (7 and 30 days before, by the default rule) are due today.
		ends = {1: 7, 4: 30}
		return {"start": -300 - 5 * nth, "end": ends.get(nth, 45 + 20 * nth)}
	return {"start": 10 + 3 * nth, "end": 375 + 3 * nth}


# Who signs the demo's contracts: for us, and (by the contract's number) for the counterparty.
OUR_SIGNATORY = ("Петров Сергей Николаевич", "Генеральный директор")
THEIR_SIGNATORIES = (
	("Смирнова Анна Викторовна", "Генеральный директор"),
	("Кузнецов Дмитрий Олегович", "Коммерческий директор"),
	("Волков Андрей Петрович", "Директор"),
)
