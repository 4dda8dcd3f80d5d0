"""The measuring: each case's two sides the same number of times, alternating, their figures compared."""

import time

import frappe
from frappe.utils import getdate

from benchmarks.measures.reports.cards import card_cases
from benchmarks.measures.reports.case import Case
from benchmarks.measures.reports.charts import chart_cases
from benchmarks.measures.reports.deadlines import deadlines_case, delivery_plan_case
from benchmarks.measures.reports.debts import debts_against_receivable_case, debts_case, reconciliation_case
from benchmarks.measures.reports.papers import awaited_card_case, awaited_case
from benchmarks.measures.reports.performance import performance_case
from benchmarks.measures.reports.registers import claims_case, fulfilment_case, register_case


def cases(company, day) -> list[Case]:
	day = getdate(day)
	return [
		register_case(company, day),
		deadlines_case(company, day),
		fulfilment_case(company, day),
		debts_case(company, day),
		claims_case(company, day),
		delivery_plan_case(company, day),
		reconciliation_case(company, day),
		awaited_case(company, day),
		performance_case(company, day),
		*card_cases(company, day),
		awaited_card_case(company, day),
		*chart_cases(company, day),
		debts_against_receivable_case(company, day),
	]


def timed(function):
	started = time.perf_counter()
	result = function()
	return time.perf_counter() - started, result


def measure(company, day, repeat: int, figure_class, log=print, only=None) -> list[dict]:
	"""Each case: both sides `repeat` times; their figures compared. Returns plain dicts (picklable).
	A case that fails is written down as failed, and the others are measured."""
	measured = []
	for case in cases(company, day):
		if only and case.name not in only:
			continue
		log(f"{case.group} {case.name} against {case.against}")
		try:
			m = measure_case(case, repeat, figure_class)
		except Exception as error:
			frappe.db.rollback()
			frappe.set_user("Administrator")
			log(f"  failed: {error!r}")
			measured.append(
				{"group": case.group, "name": case.name, "against": case.against, "failed": repr(error)[:300]}
			)
			continue
		measured.append(m)
		agree = "agree" if m["agree"] else "DIFFER: " + m["difference"]
		log(f"  app {m['ours'].s()}; {case.against} {m['theirs'].s()}; figures {agree}")
	return measured


def measure_case(case: Case, repeat: int, figure_class) -> dict:
	frappe.set_user("Administrator")
	ours, theirs = [], []
	our_result = their_result = None
	if case.warm_up:
		case.app()
		case.floor()
	for index in range(repeat):
		order = ("app", "floor") if index % 2 == 0 else ("floor", "app")
		for side in order:
			if side == "app":
				seconds, result = timed(case.app)
				ours.append(seconds)
				our_result = our_result if our_result is not None else result
			else:
				seconds, result = timed(case.floor)
				theirs.append(seconds)
				their_result = their_result if their_result is not None else result
		frappe.db.rollback()  # a report only reads; nothing is kept between runs
	our_figures, their_figures = case.app_figures(our_result), case.floor_figures(their_result)
	same = our_figures == their_figures
	return {
		"group": case.group,
		"name": case.name,
		"against": case.against,
		"note": case.note,
		"ours": figure_class(ours),
		"theirs": figure_class(theirs),
		"agree": same,
		"size": len(our_figures) if hasattr(our_figures, "__len__") else 1,
		"difference": "" if same else describe_difference(our_figures, their_figures),
	}


def describe_difference(ours, theirs) -> str:
	if isinstance(ours, dict) and isinstance(theirs, dict):
		only_ours = [key for key in ours if key not in theirs]
		only_theirs = [key for key in theirs if key not in ours]
		differ = [key for key in ours if key in theirs and ours[key] != theirs[key]]
		parts = [f"{len(ours):,} against {len(theirs):,} keys"]
		if only_ours:
			parts.append(f"only in the app's {len(only_ours):,} (e.g. {only_ours[0]!r})")
		if only_theirs:
			parts.append(f"only in the other's {len(only_theirs):,} (e.g. {only_theirs[0]!r})")
		if differ:
			key = differ[0]
			parts.append(f"{len(differ):,} differ (e.g. {key!r}: {ours[key]!r} against {theirs[key]!r})")
		return "; ".join(parts)
	return f"{ours!r} against {theirs!r}"[:300]
