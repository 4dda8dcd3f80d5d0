"""The app's bench commands (Frappe finds them through `commands` in this module)."""

import sys
from contextlib import contextmanager

import click
from frappe.commands import get_site, pass_context


@click.command("contract-management-demo")
@click.option("--remove", is_flag=True, default=False, help="Delete what the demo made, and nothing else.")
@click.option("--force", is_flag=True, default=False, help="Add the demo to a site that has transactions.")
@click.option("--size", type=int, default=None, help="How many contracts (default: all 60).")
@pass_context
def contract_management_demo(context, remove=False, force=False, size=None):
	"""Fill the site with a demo: companies, parties, contracts in every status, money, claims, and on a
	site the demo set up, a user per role."""
	import frappe
	from frappe import _

	from contract_management.demo import builder, data

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		frappe.local.lang = frappe.get_system_settings("language") or "en"
		if remove:
			with _progress(len(builder.registry()), _("Removing the demo")) as step:
				removed = builder.remove(progress=step)
			click.secho(_("Removed {0} documents the demo made.").format(removed), fg="green")
			return
		try:
			builder.check_site(force=force)
		except builder.RealTransactionsFound as error:
			click.secho(frappe.utils.strip_html(str(error)), fg="red")
			raise click.exceptions.Exit(1) from error
		demo = builder.Demo(size=data.FULL_SIZE if size is None else size)
		with _progress(demo.total_steps, _("Making the demo")) as step:
			demo.progress = step
			result = demo.run()
		click.secho(
			_("Made {0} documents; the demo has {1} in all.").format(result["created"], result["records"]),
			fg="green",
		)
		click.echo(
			_(
				"Open {0} (the Contracts workspace), a contract On Approval from the Contract list, and the reports: Contract Register, Contract Deadlines, Debts by Contract, Claims Register."
			).format(f"http://{site}/app/contracts")
		)
		if demo.with_users:
			click.echo(
				_("Log in as any of the demo's users, each with the password {0}:").format(data.USER_PASSWORD)
			)
			for email, first_name, last_name, roles, _language in data.USERS:
				click.echo(f"  {email:<30} {first_name} {last_name}: {', '.join(_(role) for role in roles)}")
	finally:
		frappe.destroy()


@contextmanager
def _progress(total: int, label: str):
	"""A progress bar on a terminal; elsewhere (a log, CI) one line per step."""
	if sys.stdout.isatty():
		with click.progressbar(length=total, label=label, show_pos=True, item_show_func=str) as bar:
			yield lambda done, total, key: bar.update(1, current_item=key)
	else:
		click.echo(label)
		yield lambda done, total, key: click.echo(f"[{done}/{total}] {key}")


commands = [contract_management_demo]
