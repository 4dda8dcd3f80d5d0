"""The daily reminder engine.

For each kind of reminder one set-based query finds the documents whose date falls within reach of
one of the rule's offsets today (or in the catch-up window, for days the scheduler did not run); one
more query reads which of those reminders were already sent. So the work grows with what is due, not
with how many contracts exist. Each reminder is logged under a unique key (document, kind, offset,
date reminded of) in the same transaction as its notifications; a kind's reminders, their log and
the e-mails (one per person and kind: a digest with a link to each document) are committed
together. Running the job twice, or again after a crash, sends nothing twice.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import add_days, cint, date_diff, get_url_to_form, getdate, now_datetime, nowdate

from contract_management.services.reminder_kinds import KINDS, Due, candidates
from contract_management.services.settings import get_settings


def parse_days(days: str) -> list[int]:
	try:
		return sorted(
			{int(part) for part in (days or "").replace(";", ",").split(",") if part.strip()}, reverse=True
		)
	except ValueError:
		frappe.throw(
			_(
				"Reminder days must be whole numbers separated by commas, such as 60, 30, 7, 0; not {0}."
			).format(frappe.bold(days)),
			title=_("Invalid Reminder Days"),
		)


# ---------------------------------------------------------------- the job


def run_daily():
	"""Scheduled on the long queue."""
	if get_settings().reminders_enabled:
		send_reminders()


def send_reminders(on_date=None, publish_progress: bool = False) -> list[str]:
	"""Send every reminder due on `on_date` (or missed within the catch-up window). Returns the log
	entries made."""
	on_date = getdate(on_date or nowdate())
	settings = get_settings()
	window = cint(settings.reminder_catch_up_days)
	rules = rules_by_kind(settings)
	frappe.flags.cm_email_ready = email_ready()
	sent = []
	for index, kind in enumerate(KINDS, start=1):
		if kind in rules:
			mail = defaultdict(list)
			for due in due_reminders(kind, rules[kind], on_date, window):
				sent.append(send(due, rule_for(rules[kind], due.company), on_date, mail))
			send_digests(kind, mail)
			_commit()
		if publish_progress:
			frappe.publish_progress(
				index * 100 / len(KINDS), title=_("Sending contract reminders"), description=_(kind)
			)
	return sent


def _commit():
	# A kind's reminders, their log and their e-mails are one unit of work; tests roll back instead.
	if not frappe.flags.in_test:
		frappe.db.commit()


def email_ready() -> bool:
	"""Reminders by e-mail need an outgoing account; without one the other channels still work."""
	if frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		return True
	frappe.log_error(
		title=_("Contract reminders were not e-mailed"),
		message=_("There is no default outgoing Email Account; reminders went to the desk and ToDo only."),
	)
	return False


def rules_by_kind(settings) -> dict[str, dict]:
	"""{kind: {company or "": rule}} of the enabled rules."""
	rules = {}
	for rule in settings.reminder_rules:
		if rule.enabled:
			rules.setdefault(rule.kind, {})[rule.company or ""] = rule
	return rules


def rule_for(rules: dict, company: str):
	return rules.get(company) or rules.get("")


def due_reminders(kind: str, rules: dict, on_date, window: int) -> list[Due]:
	"""Reminders of one kind due today or missed within the window, not yet sent."""
	all_offsets = sorted({day for rule in rules.values() for day in parse_days(rule.days)})
	if not all_offsets:
		return []
	# A reminder with offset d for date t is due when t − d falls in (on_date − window, on_date].
	low, high = add_days(on_date, all_offsets[0] - window), add_days(on_date, all_offsets[-1])
	due = []
	for row in candidates(kind, low, high, on_date):
		rule = rule_for(rules, row.company)
		if not rule:
			continue
		offsets = parse_days(rule.days)
		if kind == "Contract End" and row.own_days:
			offsets = sorted({cint(row.own_days), 0}, reverse=True)  # the contract's own setting
		target = getdate(row.target_date)
		for offset in offsets:
			reminder_date = add_days(target, -offset)
			if add_days(on_date, -window) < reminder_date <= on_date:
				due.append(
					Due(
						kind,
						row.doctype,
						row.name,
						target,
						offset,
						row.company,
						row.contract,
						row.party,
						row.responsible,
						row.department,
						row.get("amount") or 0,
					)
				)
	return _not_yet_sent(due)


def _not_yet_sent(due: list[Due]) -> list[Due]:
	if not due:
		return []
	log = frappe.qb.DocType("Contract Reminder Log")
	sent = {
		(row.reference_doctype, row.reference_name, row.kind, row.offset_days, getdate(row.target_date))
		for row in (
			frappe.qb.from_(log)
			.select(log.reference_doctype, log.reference_name, log.kind, log.offset_days, log.target_date)
			.where(log.reference_name.isin(list({d.name for d in due})))
		).run(as_dict=True)
	}
	# Only the latest missed offset of a document is worth sending: «7 days left» after «30 days left».
	latest = {}
	for d in due:
		if (d.doctype, d.name, d.kind, d.offset, d.target_date) in sent:
			continue
		key = (d.doctype, d.name, d.kind, d.target_date)
		if key not in latest or d.offset < latest[key].offset:
			latest[key] = d
	return list(latest.values())


# ---------------------------------------------------------------- sending


def recipients(due: Due, rule) -> list[str]:
	users = []
	if rule.to_responsible and due.responsible:
		users.append(due.responsible)
	if rule.to_department_head and due.department:
		head = frappe.get_cached_value("Department", due.department, "cm_head_user")
		if head:
			users.append(head)
	roles = [role.strip() for role in (rule.to_roles or "").splitlines() if role.strip()]
	if roles:
		users += _holders_of(tuple(roles))
	# Cached per user: no query per reminder.
	return [user for user in dict.fromkeys(users) if frappe.get_cached_value("User", user, "enabled")]


def _holders_of(roles: tuple) -> list[str]:
	if not hasattr(frappe.local, "cm_role_holders"):
		frappe.local.cm_role_holders = {}
	cache = frappe.local.cm_role_holders
	if roles not in cache:
		has_role = frappe.qb.DocType("Has Role")
		user = frappe.qb.DocType("User")
		cache[roles] = (
			frappe.qb.from_(has_role)
			.join(user)
			.on(has_role.parent == user.name)
			.select(user.name)
			.distinct()
			.where(has_role.parenttype == "User")
			.where(has_role.role.isin(roles))
			.where(user.enabled == 1)
			.where(user.user_type == "System User")
			.where(user.name.notin(("Administrator", "Guest")))
		).run(pluck=True)
	return cache[roles]


def send(due: Due, rule, on_date, mail: dict | None = None) -> str:
	"""Desk notifications and the ToDo now; e-mail lines go into `mail` ({user: [(subject, message,
	doctype, name)]}) for send_digests. Returns the log entry."""
	# The scheduler runs this as the system: the notifications, ToDo and log it writes are addressed by
	# the rule, not by a user's permissions.
	mail = {} if mail is None else mail
	users = recipients(due, rule)
	document_doctype, document_name = _document_of(due)
	for user in users:
		with print_language(
			frappe.get_cached_value("User", user, "language") or frappe.db.get_default("lang") or "en"
		):
			subject, message = compose(due, on_date)
		if rule.by_bell:
			frappe.get_doc(
				{
					"doctype": "Notification Log",
					"for_user": user,
					"type": "Alert",
					"subject": subject,
					"email_content": message,
					"document_type": document_doctype,
					"document_name": document_name,
					"from_user": "Administrator",
				}
			).insert(ignore_permissions=True)
		if rule.by_email and frappe.flags.cm_email_ready:
			mail.setdefault(user, []).append((subject, message, document_doctype, document_name))
	if rule.by_todo and due.responsible:
		with print_language(frappe.get_cached_value("User", due.responsible, "language") or "en"):
			subject, message = compose(due, on_date)
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": due.responsible,
				"description": message,
				"reference_type": document_doctype,
				"reference_name": document_name,
				"date": due.target_date if due.offset >= 0 else on_date,
				"priority": "High" if due.offset <= 0 else "Medium",
			}
		).insert(ignore_permissions=True)
	log = frappe.get_doc(
		{
			"doctype": "Contract Reminder Log",
			"kind": due.kind,
			"reference_doctype": due.doctype,
			"reference_name": due.name,
			"contract": due.contract,
			"offset_days": due.offset,
			"target_date": due.target_date,
			"reminder_date": add_days(due.target_date, -due.offset),
			"sent_on": now_datetime(),
			"recipients": "\n".join(users),
		}
	)
	log.insert(ignore_permissions=True)
	return log.name


def send_digests(kind: str, mail: dict):
	"""One e-mail per person for a kind of reminder, through Frappe's queue: rendering an e-mail costs
	far more than the rest of a reminder, and people read one list better than many mails."""
	for user, items in mail.items():
		with print_language(frappe.get_cached_value("User", user, "language") or "en"):
			lines = "".join(
				f"<li>{message} <a href='{get_url_to_form(doctype, name)}'>{_(doctype)} {name}</a></li>"
				for _subject, message, doctype, name in items
			)
			subject = items[0][0] if len(items) == 1 else _("{0}: {1} reminders").format(_(kind), len(items))
		single = items[0] if len(items) == 1 else None
		frappe.sendmail(
			recipients=[user],
			subject=subject,
			message=f"<ul>{lines}</ul>",
			reference_doctype=single[2] if single else None,
			reference_name=single[3] if single else None,
			now=False,
		)


def _document_of(due: Due) -> tuple[str, str]:
	"""The document a person opens: an obligation's contract, the others themselves."""
	if due.doctype == "Contract Obligation":
		return "Contract", due.contract
	return due.doctype, due.name


def compose(due: Due, on_date) -> tuple[str, str]:
	"""Subject and message in the current language: what, which document, with whom, what date, what
	to do."""
	date = frappe.format(due.target_date, "Date")
	days = date_diff(due.target_date, on_date)
	party = due.party or ""
	if due.kind == "Contract End":
		subject = _("Contract {0} with {1} ends on {2}").format(due.name, party, date)
		todo = _("Decide whether to prolong it, prepare a supplementary agreement, or let it end.")
	elif due.kind == "Notice Deadline":
		subject = _("Contract {0} with {1}: the prolongation can be refused until {2}").format(
			due.name, party, date
		)
		todo = _(
			"If the contract should not be prolonged, send the refusal and record it on the contract by then."
		)
	elif due.kind == "Obligation Due":
		subject = _("Contract {0} with {1}: an obligation is due on {2}").format(due.contract, party, date)
		todo = _("Check that the obligation is fulfilled and record the documents that fulfilled it.")
	elif due.kind == "Incoming Claim Response Due":
		subject = _("Claim {0} of {1}: our answer is due on {2}").format(due.name, party, date)
		todo = _("Prepare a reasoned answer and record it on the claim.")
	elif due.kind == "Outgoing Claim Court Date":
		subject = _("Claim {0} to {1}: the dispute may go to court from {2}").format(due.name, party, date)
		todo = _("The claim period has passed: decide whether to file a lawsuit.")
	elif due.kind == "Overdue Invoice":
		subject = _("Invoice {0} under contract {1} with {2} was due on {3}").format(
			due.name, due.contract, party, date
		)
		todo = _("Remind the counterparty of the debt; consider a claim.")
	elif due.kind == "Original Not Returned":
		subject = _("Contract {0} with {1}: the signed original has not come back since {2}").format(
			due.name, party, date
		)
		todo = _("Ask the counterparty for the signed original and mark it received on the contract.")
	else:
		subject = _("Contract {0} with {1} has been on approval since {2}").format(due.name, party, date)
		todo = _("Remind the approvers, or withdraw the contract from approval.")
	if days > 0:
		when = _("{0} days left.").format(days)
	elif days == 0:
		when = _("That is today.")
	else:
		when = _("{0} days ago.").format(-days)
	return subject, f"{subject}. {when} {todo}"
