"""The daily reminder engine: which reminders are due, their log, and the run.

For each kind of reminder one set-based query (reminders/kinds.py) finds the documents whose
date falls within reach of one of the rule's offsets today, or within the catch-up window for days the
scheduler did not run; one more query reads which of those reminders are logged already. So the work
grows with what is due, not with how many contracts exist. Delivery is reminders/delivery.py.

Delivery is set-based too: the due reminders of a kind go in chunks of whole documents (CHUNK_SIZE
reminders), and each chunk is one unit of work: one INSERT of its log entries, one SELECT of which of
them are this run's, one INSERT each of their desk notifications and ToDos, one UPDATE each of the bells
and of the documents' assignees (common/desk_notices.py), then one commit; the open desks' bells are
refreshed after it. E-mails go after the chunks, one digest per person and kind (delivery.py).

What the run guarantees:
- Exactly once. Each reminder is logged under a unique key (document, kind, offset, date reminded of).
  A chunk's log entries are inserted first, skipping those whose key is logged already (by an earlier
  run, or by one at the same moment: its uncommitted entry makes the insert wait for its end); only the
  reminders whose entries this run wrote are notified, in the same transaction. A run that dies
  mid-chunk leaves nothing of the chunk, and the next run sends it.
- Never stale. Of a document's missed offsets only the latest is sent; the earlier ones are logged as
  Skipped, and an offset earlier than one already logged is skipped too, so none arrives later.
- Never all-or-nothing. Each chunk is committed on its own. A document whose notices cannot be made
  (the person of its ToDo is no user) is left out of its chunk and goes to the Error Log with its name;
  a chunk whose writing fails (a lock wait, a deadlock) is undone and its documents go again one by
  one, so that only the failing ones go to the Error Log. Those are tried again on the next run; the
  run goes on with the other documents and kinds.
- Shared by workers. The scheduler's run (run_daily) only splits each kind's due reminders into chunks,
  each a job of its own on the long queue (common/daily_chunks.py), which workers run in parallel or one
  worker in turn; the chunks take no lock of the run, the log's unique key keeps them exact.
  *Send Reminders Now* (send_reminders) runs the whole day in one job under a named database lock, so
  that two of them run one after the other.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.query_builder import CustomFunction
from frappe.utils import add_days, cint, getdate, now_datetime, nowdate

from contract_management.common import daily_chunks
from contract_management.common.desk_notices import update_assignees, write_notices
from contract_management.common.settings import get_settings
from contract_management.reminders.delivery import (
	document_of,
	email_ready,
	notices,
	recipients,
	send_digests,
)
from contract_management.reminders.kinds import KINDS, Due, candidates

LOG = "Contract Reminder Log"
CHUNK_JOB = "contract_management.reminders.engine.send_chunk"
# How long a second run waits for the first before it gives up (the long queue allows 1500 seconds).
RUN_LOCK_WAIT_SECONDS = 600
SAVEPOINT = "cm_reminder"
# Reminders of a kind written per statement and commit (whole documents: a chunk may run a little over).
CHUNK_SIZE = 500
# The log's unique key (contract_reminder_log.py): one reminder per document, kind, offset and date.
KEY = ("reference_doctype", "reference_name", "kind", "offset_days", "target_date")
GetLock = CustomFunction("GET_LOCK", ["name", "timeout"])
ReleaseLock = CustomFunction("RELEASE_LOCK", ["name"])


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


def run_daily(on_date=None, now: bool | None = None, chunk_size: int = CHUNK_SIZE):
	"""Scheduled on the long queue: the day's reminders shared by the workers. Per kind, the due reminders
	are split into chunks of whole documents, each a job of its own on the long queue (or, with `now`,
	run here in turn: common/daily_chunks.py). The chunks take no lock of the run: two at once, or a
	chunk beside *Send Reminders Now*, send each reminder once by the log's unique key."""
	if not get_settings().reminders_enabled:
		return
	on_date = getdate(on_date or nowdate())
	settings = get_settings()
	window = cint(settings.reminder_catch_up_days)
	rules = rules_by_kind(settings)
	frappe.flags.cm_email_ready = email_ready()
	for kind in KINDS:
		if kind not in rules:
			continue
		try:
			due = due_reminders(kind, rules[kind], on_date, window)
		except Exception:
			_log_failure(_("Contract reminders about {0} could not be found").format(_(kind)))
			continue
		chunks = _chunks(due, chunk_size)
		if chunks:
			daily_chunks.run_plan(kind, on_date, chunks, CHUNK_JOB, now=now, kind=kind)
		else:
			_send_digests(kind, on_date)  # those a stopped run left waiting


def send_chunk(day, number: int, items: list[list[Due]], kind: str):
	"""One chunk of a kind's reminders (its documents' reminders), as a job on the long queue. The last
	chunk of the kind to finish queues its e-mails, one digest per person."""
	day = getdate(day)
	rules = rules_by_kind(get_settings()).get(kind)
	frappe.flags.cm_email_ready = email_ready()
	daily_chunks.start(kind, day, number)
	try:
		if rules:
			_deliver_chunk(items, rules, day)
	except Exception:
		_undo()
		_log_failure(_("Contract reminders about {0} failed").format(_(kind)))
		last = daily_chunks.finish(kind, day, number, error=True)
	else:
		last = daily_chunks.finish(kind, day, number)
	if last:
		_send_digests(kind, day)


def send_reminders(on_date=None, publish_progress: bool = False) -> list[str]:
	"""Send every reminder due on `on_date` (or missed within the catch-up window). Returns the log
	entries of the reminders sent."""
	on_date = getdate(on_date or nowdate())
	with _one_run_at_a_time() as running:
		if not running:
			frappe.logger("contract_management").warning(
				"Contract reminders: another run held the lock for %s seconds; this run skipped.",
				RUN_LOCK_WAIT_SECONDS,
			)
			return []
		return _send_all(on_date, publish_progress)


@contextmanager
def _one_run_at_a_time():
	"""A named MariaDB lock, held by this connection across its commits and released at the end (or
	by the server when the connection dies). Yields whether it was acquired."""
	lock = f"{frappe.conf.db_name}:contract_reminders"
	acquired = frappe.qb.select(GetLock(lock, RUN_LOCK_WAIT_SECONDS)).run()[0][0] == 1
	try:
		if acquired:
			# A fresh snapshot: one read before the wait would not show what the other run committed.
			_commit()
		yield acquired
	finally:
		if acquired:
			frappe.qb.select(ReleaseLock(lock)).run()


def _send_all(on_date, publish_progress: bool) -> list[str]:
	settings = get_settings()
	window = cint(settings.reminder_catch_up_days)
	rules = rules_by_kind(settings)
	frappe.flags.cm_email_ready = email_ready()
	_commit()
	sent = []
	for index, kind in enumerate(KINDS, start=1):
		if kind in rules:
			sent += _send_kind(kind, rules[kind], on_date, window)
		if publish_progress:
			frappe.publish_progress(
				index * 100 / len(KINDS), title=_("Sending contract reminders"), description=_(kind)
			)
	return sent


def _send_kind(kind: str, rules: dict, on_date, window: int) -> list[str]:
	try:
		due = due_reminders(kind, rules, on_date, window)
	except Exception:
		_log_failure(_("Contract reminders about {0} could not be found").format(_(kind)))
		return []
	sent = deliver(due, rules, on_date)
	_send_digests(kind, on_date)
	return sent


def _send_digests(kind: str, on_date):
	if not frappe.flags.cm_email_ready:
		return
	frappe.db.savepoint(SAVEPOINT)
	try:
		send_digests(kind, on_date)
	except Exception:
		_undo()
		_log_failure(_("Contract reminder e-mails about {0} could not be queued").format(_(kind)))
	_commit()


def deliver(due: list[Due], rules: dict, on_date) -> list[str]:
	"""Log and deliver the reminders `due` (of one kind, with its rules by company) in chunks of whole
	documents, each chunk committed on its own. Returns the log entries of the reminders sent."""
	sent = []
	for chunk in _chunks(due):
		sent += _deliver_chunk(chunk, rules, on_date)
	return sent


def _chunks(due: list[Due], size: int = CHUNK_SIZE) -> list[list[list[Due]]]:
	"""The reminders by document, in chunks of whole documents of about `size` reminders."""
	chunks, chunk = [], []
	for reminders_of_document in _by_document(due):
		chunk.append(reminders_of_document)
		if sum(len(reminders) for reminders in chunk) >= size:
			chunks.append(chunk)
			chunk = []
	if chunk:
		chunks.append(chunk)
	return chunks


def _deliver_chunk(documents: list[list[Due]], rules: dict, on_date) -> list[str]:
	"""One unit of work: the chunk's log entries, desk notifications, ToDos and assignees, one statement
	each, then one commit. A document whose notices cannot be made (its ToDo's person is no user) is left
	out and logged. A chunk whose writing fails is undone and its documents go again one by one, so that
	only the failing ones wait for the next run."""
	ready = []
	for reminders_of_document in documents:
		try:
			ready.append([_prepare(reminder, rules, on_date) for reminder in reminders_of_document])
		except Exception:
			_log_document_failure(reminders_of_document)
	if not ready:
		return []
	frappe.db.savepoint(SAVEPOINT)
	try:
		sent = _write([item for prepared in ready for item in prepared])
	except Exception:
		_undo()
		if len(ready) == 1:
			_log_document_failure([ready[0][0].due])
			_commit()
			return []
		sent = []
		for prepared in ready:
			sent += _deliver_chunk([[item.due for item in prepared]], rules, on_date)
		return sent
	_commit()
	return sent


def _prepare(due: Due, rules: dict, on_date) -> frappe._dict:
	"""A reminder's log entry and, unless it is stale, its desk notifications and ToDo: fields only."""
	if due.stale:
		return frappe._dict(due=due, entry=_log_entry(due, "Skipped"), notifications=[], todos=[])
	rule = rule_for(rules, due.company)
	users = recipients(due, rule)
	notifications, todos = notices(due, rule, on_date, users)
	email_pending = bool(rule.by_email and frappe.flags.cm_email_ready and users)
	return frappe._dict(
		due=due,
		entry=_log_entry(due, "Sent", users, email_pending),
		notifications=notifications,
		todos=todos,
	)


def _write(prepared: list[frappe._dict]) -> list[str]:
	"""Insert the log entries in one statement that skips those whose key (document, kind, offset, date)
	is logged already, by another run at the same moment or before; read back which of them are this
	run's; write the notices of those only. Returns the log entries sent."""
	prepared = sorted(prepared, key=lambda item: _key(item.entry))  # one order for every run: no deadlock
	fields = list(prepared[0].entry)
	frappe.db.bulk_insert(
		LOG,
		fields,
		[tuple(item.entry[field] for field in fields) for item in prepared],
		ignore_duplicates=True,
		chunk_size=len(prepared),
	)
	to_send = {item.entry["name"]: item for item in prepared if item.entry["status"] == "Sent"}
	if not to_send:
		return []
	log_table = frappe.qb.DocType(LOG)
	written = (
		frappe.qb.from_(log_table)
		.select(log_table.name, *(log_table[column] for column in KEY))
		.where(log_table.name.isin(list(to_send)))
	).run(as_dict=True)
	# By name and key: a name another entry had already (a hash drawn twice) is not this reminder's.
	sent = [to_send[row.name] for row in written if _key(row) == _key(to_send[row.name].entry)]
	write_notices(
		[todo for item in sent for todo in item.todos],
		[notification for item in sent for notification in item.notifications],
	)
	assigned = {}
	for item in sent:
		for todo in item.todos:
			assigned.setdefault(todo["reference_type"], set()).add(todo["reference_name"])
	for doctype, names in assigned.items():
		update_assignees(doctype, list(names))
	return [item.entry["name"] for item in sent]


def _key(entry) -> tuple:
	doctype, name, kind, offset, target_date = (entry[column] for column in KEY)
	return doctype, name, kind, cint(offset), getdate(target_date)


def _by_document(due: list[Due]) -> list[list[Due]]:
	grouped = {}
	for reminder in due:
		grouped.setdefault((reminder.doctype, reminder.name), []).append(reminder)
	return list(grouped.values())


def _commit():
	# Each chunk of reminders and their log are one unit of work, committed on their own so that one
	# failing chunk undoes nothing of the others; tests roll back instead.
	if not frappe.flags.in_test:
		# nosemgrep: frappe-manual-commit
		frappe.db.commit()


def _undo():
	try:
		frappe.db.rollback(save_point=SAVEPOINT)
	except Exception:
		# The server ended the transaction itself (a deadlock): nothing of it is left to undo.
		frappe.db.rollback()


def _log_failure(title: str, doctype: str | None = None, name: str | None = None):
	frappe.log_error(title=title, reference_doctype=doctype, reference_name=name)


def _log_document_failure(reminders_of_document: list[Due]):
	doctype, name = document_of(reminders_of_document[0])
	_log_failure(
		_("Contract reminder about {0} for {1} {2} failed").format(
			_(reminders_of_document[0].kind), _(doctype), name
		),
		doctype,
		name,
	)


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
	"""Reminders of one kind due today or missed within the window, not yet logged; those to skip are
	marked `stale`."""
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
						paper=row.get("paper"),
					)
				)
	return _not_yet_logged(due)


def _not_yet_logged(due: list[Due]) -> list[Due]:
	"""Drop what is logged already, and mark stale every reminder of a document but its latest: the
	earlier offsets of those missed, and any offset earlier than one logged."""
	if not due:
		return []
	log_table = frappe.qb.DocType(LOG)
	logged = {}
	for row in (
		frappe.qb.from_(log_table)
		.select(*(log_table[column] for column in KEY))
		# Both columns: the log's unique key starts with the doctype, so it is read through that index.
		.where(log_table.reference_doctype.isin(list({d.doctype for d in due})))
		.where(log_table.reference_name.isin(list({d.name for d in due})))
	).run(as_dict=True):
		key = (row.reference_doctype, row.reference_name, row.kind, getdate(row.target_date))
		logged.setdefault(key, set()).add(row.offset_days)
	fresh = {}
	for d in due:
		key = (d.doctype, d.name, d.kind, d.target_date)
		if d.offset not in logged.get(key, ()):
			fresh.setdefault(key, []).append(d)
	result = []
	for key, reminders in fresh.items():
		# A smaller offset is a later reminder: «7 days left» comes after «30 days left».
		latest = min(reminders, key=lambda d: d.offset)
		latest_logged = min(logged.get(key, ()), default=None)
		for d in reminders:
			d.stale = d is not latest or (latest_logged is not None and d.offset > latest_logged)
		result += reminders
	return result


# ---------------------------------------------------------------- the log and sending


def send(due: Due, rule, on_date) -> str | None:
	"""Log and deliver one reminder, as a run does (without its commit). Returns the log entry, or None
	when the reminder was logged already."""
	rules = {due.company or "": rule}
	sent = _write([_prepare(due, rules, on_date)])
	return sent[0] if sent else None


def _log_entry(due: Due, status: str, users: list[str] | None = None, email_pending: bool = False) -> dict:
	"""A log entry's row, as its document's insert would write it."""
	now, user = now_datetime(), frappe.session.user
	return {
		"name": frappe.generate_hash(length=10),
		"creation": now,
		"modified": now,
		"owner": user,
		"modified_by": user,
		"docstatus": 0,
		"status": status,
		"kind": due.kind,
		"reference_doctype": due.doctype,
		"reference_name": due.name,
		"contract": due.contract,
		"party": due.party,
		"offset_days": due.offset,
		"target_date": due.target_date,
		"reminder_date": add_days(due.target_date, -due.offset),
		"sent_on": now if status == "Sent" else None,
		"recipients": "\n".join(users or []),
		"email_pending": 1 if email_pending else 0,
	}
