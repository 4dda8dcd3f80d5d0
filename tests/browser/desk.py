"""What a person does in Frappe's desk, as steps a browser test reads like a script.

Every step waits for the desk to settle (no request of the desk's own under way, no freeze, no save
in progress) instead of sleeping; the locators are Playwright's, which wait for what they find."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

# The desk is idle: none of its requests is under way and no form is saving. (Frappe's freeze count is
# no sign: an open grid row's form keeps the page behind it frozen.)
IDLE = """() => window.frappe && frappe.request && frappe.request.ajax_count === 0
	&& !(frappe.ui.form && frappe.ui.form.is_saving)"""


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")


class Desk:
	def __init__(self, page: Page, user: str, shots: Path):
		self.page, self.user, self.shots = page, user, shots
		# Console errors a step expects: the server's traceback of a refusal the step provokes.
		self.expected_console: list[re.Pattern] = []

	def expect_console_error(self, pattern: str):
		"""The desk logs the traceback of a refused request to the console; a step that provokes the
		refusal on purpose names it here, and only it is tolerated."""
		self.expected_console.append(re.compile(pattern))

	# Navigation -----------------------------------------------------------------------------------

	def go(self, path: str):
		"""Opens a desk URL and waits for the desk to be up. Once the desk is loaded in the page, its
		router follows the URL, as it does for a link clicked in the desk, without reloading it."""
		if path.startswith("/app") and self.page.evaluate(
			"() => !!(window.frappe && frappe.boot && frappe.router)"
		):
			self.page.evaluate("(path) => frappe.router.push_state(path)", self.desk_path(path))
		else:
			self.page.goto(path, wait_until="domcontentloaded")
		# Up: a page is shown, or the message saying why it is not (no permission, not found).
		self.page.wait_for_function(
			"""() => window.frappe && frappe.boot && frappe.router && frappe.container
				&& (frappe.container.page || $('.modal.show:visible').length)"""
		)
		self.settle()

	def title(self):
		"""The title of the page shown: v15 heads the page with it; v16 shows it as the last crumb of
		the breadcrumb in the page's head."""
		return self.page.locator(
			".page-head:visible h3.title-text, .page-head:visible .navbar-breadcrumbs li:last-child > a"
		).first

	def desk_path(self, path: str) -> str:
		"""`path` (written /app/...) under the desk's own prefix: v15's desk lives under /app, v16's
		under /desk (its /app answers with a redirect there, but its router reads only /desk)."""
		base = self.page.evaluate("() => window.location.pathname.startsWith('/desk') ? '/desk' : '/app'")
		return base + path[len("/app") :] if path.startswith("/app") else path

	def open_notifications(self):
		"""Clicks the bell: in v15's navbar; on v16's desk home (its app icons) in the header above them,
		elsewhere in the sidebar."""
		self.page.locator(
			".navbar .notifications-icon:visible, .desktop-notifications [data-toggle=dropdown]:visible,"
			" .standard-items-sections .sidebar-notification:visible"
		).first.click()

	def settle(self):
		self.page.wait_for_function(IDLE)

	def open_form(self, doctype: str, name: str):
		self.go(f"/app/{slug(doctype)}/{name}")
		self.wait_form(doctype, name)

	def wait_form(self, doctype: str, name: str | None = None):
		"""The form of `doctype` (named `name`, when given) is shown and has finished refreshing."""
		self.page.wait_for_function(
			"""([doctype, name]) => window.cur_frm && cur_frm.doctype === doctype && cur_frm.doc
				&& (!name || cur_frm.docname === name) && cur_frm.layout && !cur_frm.refreshing
				&& $(cur_frm.wrapper).is(':visible')""",
			arg=[doctype, name],
		)
		self.settle()

	def doc(self) -> dict:
		return self.page.evaluate("() => JSON.parse(JSON.stringify(cur_frm.doc))")

	def __(self, message: str, context: str | None = None) -> str:
		"""The message in the user's language, as the desk translates it."""
		return self.page.evaluate("([m, c]) => __(m, null, c)", [message, context])

	# Fields -------------------------------------------------------------------------------------

	def field(self, fieldname: str, parent: str = ".form-layout"):
		"""A field of the form (shown first: its tab clicked, its section opened), or of `parent`."""
		if parent == ".form-layout":
			self.show_tab_of(fieldname)
		return self.page.locator(f'{parent} .frappe-control[data-fieldname="{fieldname}"]:visible').first

	def show_tab_of(self, fieldname: str):
		"""Clicks the tab holding a field of the form, when the form has tabs, and opens the field's
		section when it is collapsed."""
		tab, section = self.page.evaluate(
			"""(fieldname) => {
				const field = window.cur_frm && cur_frm.fields_dict[fieldname];
				const tab = field && field.tab;
				const section = field && field.section;
				return [
					tab && tab.df ? tab.df.fieldname : null,
					section && section.is_collapsed && section.is_collapsed() ? section.df.fieldname : null,
				];
			}""",
			fieldname,
		)
		if tab and not self.page.locator(f'.form-tabs [data-fieldname="{tab}"].active').count():
			self.page.locator(f'.form-tabs [data-fieldname="{tab}"]').first.click()
		if section:
			self.page.locator(
				f'.form-layout .form-section[data-fieldname="{section}"] .section-head'
			).first.click()

	def show_connections(self):
		"""Opens the tab showing the form's Connections (Dashboard on some ERPNext forms)."""
		tab = self.page.evaluate(
			"() => ((cur_frm.layout.tabs || []).find((tab) => tab.df.show_dashboard) || {df: {}}).df.fieldname || null"
		)
		if tab:
			self.page.locator(f'.form-tabs [data-fieldname="{tab}"]').first.click()
		links = self.page.locator(".form-links:visible").first
		expect(links).to_be_visible()
		return links

	def type_into(self, fieldname: str, value: str, parent: str = ".form-layout", leave: str = "Tab"):
		"""Types into a Data, Int, Currency, Small Text or Text field, then leaves it with Tab (or, with
		leave="blur", as a click elsewhere does: Tab from a field before an empty table adds a row to
		the table)."""
		control = self.field(fieldname, parent)
		box = control.locator("input:visible, textarea:visible").first
		box.click()
		box.fill("")
		box.press_sequentially(str(value))
		if leave == "Tab":
			box.press("Tab")
		else:
			box.evaluate("(element) => element.blur()")
		self.settle()

	def pick(self, fieldname: str, value: str, parent: str = ".form-layout"):
		"""Types into a Link field and chooses the value from the list the desk offers."""
		control = self.field(fieldname, parent)
		box = control.locator("input").first
		box.click()
		box.fill("")
		box.press_sequentially(value)
		option = control.locator(".awesomplete [role=option]", has_text=value).first
		expect(option).to_be_visible()
		option.click()
		self.settle()
		expect(box).to_have_value(re.compile(re.escape(value)))

	def choose(self, fieldname: str, value: str, parent: str = ".form-layout"):
		"""Chooses an option of a Select field by its stored value."""
		self.field(fieldname, parent).locator("select").first.select_option(value)
		self.settle()

	def tick(self, fieldname: str, parent: str = ".form-layout"):
		self.field(fieldname, parent).locator("input[type=checkbox]").first.check()
		self.settle()

	def date(self, fieldname: str, iso_date: str, parent: str = ".form-layout"):
		"""Types a date in the user's date format; leaving the field closes the date picker. (Escape
		would close a grid row's form too.) The date picker can swallow a date typed while it opens,
		so the date is typed again, as a person would, when the field does not show it."""
		shown = self.page.evaluate("(d) => frappe.datetime.str_to_user(d)", iso_date)
		box = self.field(fieldname, parent).locator("input").first
		for _attempt in range(2):
			box.click()
			# Typed all at once: the date picker reads a half-typed date as another one.
			box.fill(shown)
			box.press("Tab")
			self.settle()
			if box.input_value() == shown and (
				parent != ".form-layout" or self.doc().get(fieldname) == iso_date
			):
				break
		expect(box).to_have_value(shown)

	def text_editor(self, fieldname: str, text: str):
		"""Types into a Text Editor field; the editor hands its text to the form a moment later, which
		is waited for (a save at once would go without it)."""
		editor = self.field(fieldname).locator(".ql-editor").first
		editor.click()
		editor.press_sequentially(text)
		self.page.wait_for_function(
			"([fieldname, text]) => (cur_frm.doc[fieldname] || '').includes(text)", arg=[fieldname, text]
		)
		self.settle()

	# Child tables ---------------------------------------------------------------------------------

	def add_row(self, table: str) -> str:
		"""Adds a row to a child table and opens its full form; returns the selector of that form."""
		self.show_tab_of(table)
		grid = self.field(table)
		rows = grid.locator(".grid-body .grid-row").count()
		grid.locator(".grid-add-row").first.click()
		row = grid.locator(".grid-body .grid-row").nth(rows)
		expect(row).to_be_visible()
		self.settle()
		# A grid whose columns do not fit opens the new row's form at once; another shows the row,
		# whose pencil (shown under the pointer) opens it.
		if not self.page.locator(".grid-row-open").count():
			row.hover()
			row.locator(".btn-open-row").first.click()
		expect(self.page.locator(".grid-row-open").first).to_be_visible()
		# The opened row's form focuses its first input 500 ms after it opens (Frappe's
		# GridRowForm.set_focus, v15 and v16): typing before that lands partly in that first field.
		self.page.wait_for_timeout(600)
		return ".grid-row-open"

	def close_row(self):
		self.page.locator(".grid-row-open .grid-collapse-row").first.click()
		expect(self.page.locator(".grid-row-open")).to_have_count(0)
		self.settle()

	# Actions ------------------------------------------------------------------------------------

	def save(self):
		"""Ctrl+S, then waits until the saved document is back in the form."""
		self.page.keyboard.press("Control+s")
		self.page.wait_for_function("() => window.cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty()")
		self.wait_form(self.page.evaluate("() => cur_frm.doctype"))
		return self.doc()

	def button(self, label: str, group: str | None = None):
		"""Clicks a button of the form's toolbar: a custom button, one in a group, or the primary one."""
		toolbar = self.page.locator(".page-head:visible")
		if group:
			toolbar.locator(".inner-group-button button", has_text=group).first.click()
			toolbar.locator(".inner-group-button .dropdown-item", has_text=label).first.click()
		else:
			toolbar.get_by_role("button", name=label, exact=True).first.click()

	def dialog(self):
		"""The dialog on top, once shown."""
		dialog = self.page.locator(".modal.show:visible").last
		expect(dialog).to_be_visible()
		return dialog

	def shot(self, name: str, full_page: bool = True):
		"""A screenshot of the page as it is now, into the run's screenshot folder. A full page's
		screenshot resizes the window for a moment: pages with charts are taken as the window shows
		them, since frappe-charts redraws on a resize into nodes a report refresh has replaced."""
		self.settle()
		safe = re.sub(r"[^\w.-]+", "-", name).strip("-")
		self.page.screenshot(path=str(self.shots / f"{safe}.png"), full_page=full_page)
