"""Delivering reminders: who hears one, the fields of its desk notifications and ToDo (written in bulk by
the engine through common/desk_notices.py), the e-mail digest, and the message, written in each
recipient's language.

E-mails go as one digest per person and kind. The log rows of the reminders sent by e-mail carry
`email_pending` until their digest is queued; the digests are built from those rows, so a run that
stopped before queuing them queues them on the next run, and none twice.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import date_diff, get_url_to_form, getdate

from contract_management.reminders.kinds import (
	PAPER,
	PAPER_KINDS,
	PAPER_MISSING,
	PAPER_NOT_SIGNED,
	PAPER_ORIGINAL_NOT_RECEIVED,
	Due,
	paper_details,
)

LOG = "Contract Reminder Log"
# The lines of one e-mail digest: the earliest dates first, then how many more (each reminder is also in
# the person's notifications and the log). A digest of a catch-up can hold thousands.
DIGEST_LINES = 100


def email_ready() -> bool:
	"""Reminders by e-mail need an outgoing account; without one the other channels still work."""
	if frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		return True
	frappe.log_error(
		title=_("Contract reminders were not e-mailed"),
		message=_("There is no default outgoing Email Account; reminders went to the desk and ToDo only."),
	)
	return False


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


def notices(due: Due, rule, on_date, users: list[str]) -> tuple[list[dict], list[dict]]:
	"""The desk notifications of `users` and the ToDo of the responsible person, as the rule says: their
	fields, for common/desk_notices.py to write with those of the other reminders. A ToDo's person must
	be a user (Frappe's own insert would refuse it)."""
	# The scheduler runs this as the system: the notifications and ToDo are addressed by the rule, not by
	# a user's permissions.
	document_doctype, document_name = document_of(due)
	notifications, todos = [], []
	if rule.by_bell:
		for user in users:
			with print_language(
				frappe.get_cached_value("User", user, "language") or frappe.db.get_default("lang") or "en"
			):
				subject, message = compose(due, on_date)
			notifications.append(
				{
					"for_user": user,
					"type": "Alert",
					"subject": subject,
					"email_content": message,
					"document_type": document_doctype,
					"document_name": document_name,
					"from_user": "Administrator",
				}
			)
	if rule.by_todo and due.responsible:
		if not frappe.get_cached_value("User", due.responsible, "name"):
			raise frappe.LinkValidationError(
				_("The responsible person {0} of {1} {2} is not a user: no ToDo can be made.").format(
					due.responsible, _(document_doctype), document_name
				)
			)
		with print_language(frappe.get_cached_value("User", due.responsible, "language") or "en"):
			subject, message = compose(due, on_date)
		todos.append(
			{
				"allocated_to": due.responsible,
				"description": message,
				"reference_type": document_doctype,
				"reference_name": document_name,
				"date": due.target_date if due.offset >= 0 else on_date,
				"priority": "High" if due.offset <= 0 else "Medium",
			}
		)
	return notifications, todos


# Two runs clearing the same kind's pending rows at once can deadlock on their row locks; the database
# then undoes the loser's transaction, which holds only this work: it goes again, finds the rows cleared
# by the winner, and queues nothing twice.
DEADLOCK_ATTEMPTS = 3


def send_digests(kind: str, on_date) -> int:
	for attempt in range(1, DEADLOCK_ATTEMPTS + 1):
		try:
			return _send_digests(kind, on_date)
		except frappe.QueryDeadlockError:
			frappe.db.rollback()
			if attempt == DEADLOCK_ATTEMPTS:
				raise


def _send_digests(kind: str, on_date) -> int:
	"""Queue one e-mail per person for the reminders of a kind still waiting for theirs, through
	Frappe's queue, and clear their mark. Rendering an e-mail costs far more than the rest of a
	reminder, and people read one list better than many mails. Returns the number of e-mails.

	Each digest goes through frappe.sendmail, not as Email Queue rows written here: there is one per
	person and kind, whatever the number of reminders, and Frappe builds its MIME message (sender and
	Message-Id from the outgoing account, unsubscribed addresses left out) into fields that differ
	between v15 and v16 (unsubscribe_param(s), raw_html), which its queue must still send."""
	log = frappe.qb.DocType(LOG)
	pending = (
		frappe.qb.from_(log)
		.select(
			log.name,
			log.kind,
			log.reference_doctype,
			log.reference_name,
			log.contract,
			log.party,
			log.target_date,
			log.offset_days,
			log.recipients,
		)
		.where(log.email_pending == 1)
		.where(log.kind == kind)
		.orderby(log.creation)
		.orderby(log.name)
		# Locked: a run queuing them at the same moment waits, then finds them queued.
		.for_update()
	).run(as_dict=True)
	papers = _papers_of(pending) if kind in PAPER_KINDS else {}
	mail = defaultdict(list)
	for row in pending:
		due = Due(
			row.kind,
			row.reference_doctype,
			row.reference_name,
			getdate(row.target_date),
			row.offset_days,
			None,
			row.contract,
			row.party,
			None,
			None,
			paper=papers.get(row.reference_name),
		)
		for user in (row.recipients or "").splitlines():
			mail[user].append(due)
	for user, items in mail.items():
		_send_digest(user, kind, items, on_date)
	if pending:
		frappe.qb.update(log).set(log.email_pending, 0).where(
			log.name.isin([row.name for row in pending])
		).run()
	return len(mail)


def _papers_of(pending: list) -> dict[str, dict]:
	"""What the digest names of each primary document of the `pending` log rows: one query for all."""
	names = [row.reference_name for row in pending if row.reference_doctype == PAPER]
	if not names:
		return {}
	paper = frappe.qb.DocType(PAPER)
	rows = (
		frappe.qb.from_(paper)
		.select(
			paper.name,
			paper.kind,
			paper.number,
			paper.document_date,
			paper.reference_doctype,
			paper.reference_name,
		)
		.where(paper.name.isin(names))
	).run(as_dict=True)
	return {
		row.name: paper_details(
			row.kind, row.number, row.document_date, row.reference_doctype, row.reference_name
		)
		for row in rows
	}


def describe_paper(due: Due) -> str:
	"""The primary document as people name it: «УПД № 17 от 01.12.2026», or as much of it as is known."""
	paper = due.paper or {}
	kind = _(paper.get("kind")) if paper.get("kind") else _(PAPER)
	number, date = paper.get("number"), paper.get("date")
	if number and date:
		return _("{0} No. {1} dated {2}").format(kind, number, frappe.format(date, "Date"))
	if number:
		return _("{0} No. {1}").format(kind, number)
	if date:
		return _("{0} dated {1}").format(kind, frappe.format(date, "Date"))
	return f"{kind} ({due.name})"  # no number, no date: the record's name


def _send_digest(user: str, kind: str, items: list[Due], on_date):
	listed = sorted(items, key=lambda due: (due.target_date, due.name))[:DIGEST_LINES]
	with print_language(frappe.get_cached_value("User", user, "language") or "en"):
		lines = []
		for due in listed:
			subject, message = compose(due, on_date)
			doctype, name = document_of(due)
			lines.append(
				f"<li>{message} <a href='{get_url_to_form(doctype, name)}'>{_(doctype)} {name}</a></li>"
			)
		if len(items) > 1:
			subject = _("{0}: {1} reminders").format(_(kind), len(items))
		more = ""
		if len(items) > len(listed):
			more = "<p>{}</p>".format(_("…and {0} more.").format(len(items) - len(listed)))
	single = document_of(items[0]) if len(items) == 1 else (None, None)
	frappe.sendmail(
		recipients=[user],
		subject=subject,
		message=f"<ul>{''.join(lines)}</ul>{more}",
		reference_doctype=single[0],
		reference_name=single[1],
		now=False,
	)


def document_of(due: Due) -> tuple[str, str]:
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
	elif due.kind == PAPER_ORIGINAL_NOT_RECEIVED:
		subject = _(
			"{0} under contract {1} with {2}: the original has not come since the scan of {3}"
		).format(describe_paper(due), due.contract, party, date)
		todo = _("Ask the counterparty for the original and record the date it was received on the document.")
	elif due.kind == PAPER_NOT_SIGNED:
		subject = _("{0} under contract {1} with {2}: sent on {3}, not yet returned signed").format(
			describe_paper(due), due.contract, party, date
		)
		todo = _(
			"Ask the counterparty to sign it and record the date it was signed by both parties on the document."
		)
	elif due.kind == PAPER_MISSING:
		paper = due.paper or {}
		subject = _("{0} under contract {1} with {2}: still expected for {3} {4} of {5}").format(
			describe_paper(due),
			due.contract,
			party,
			_(paper.get("reference_doctype") or ""),
			paper.get("reference_name") or "",
			date,
		)
		todo = _(
			"Issue and send it, or ask the counterparty for it, and record its number, date and step on the document."
		)
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
