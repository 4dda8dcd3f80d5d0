"""The Contracts workspace's charts read at the desk's usual widths, in English and in Russian: no label
is cut to "…".

frappe-charts (2.0, Frappe v15) cuts an x-axis label longer than (plot width / labels) x 0.6 / 7
letters, and a legend entry longer than 18 letters. At 1280 px, the narrowest width the desk is used
at, the workspace's content is about 1000 px wide: a full-width chart plots about 900 px, a half-width
one about 420 px."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management.reporting import workspace

PLOT_WIDTH = {12: 900, 6: 420}
LEGEND_LETTERS = 18
# A donut's legend entry: about 150 px at 1280 px, the dot and some 10 px a letter in the widget's font.
DONUT_LEGEND_LETTERS = 13
DONUT_SLICES = 6  # Frappe's chart widget shows a donut's five largest slices and the rest as one


def axis_letters(col: int, labels: int) -> float:
	return PLOT_WIDTH[col] / labels * 0.6 / 7


def workspace_charts() -> dict[str, int]:
	"""Each chart of the workspace with its width in the 12-column grid."""
	content = json.loads(frappe.db.get_value("Workspace", "Contracts", "content"))
	return {
		block["data"]["chart_name"]: block["data"]["col"] for block in content if block["type"] == "chart"
	}


class TestWorkspaceCharts(FrappeTestCase):
	def tearDown(self):
		frappe.local.lang = "en"

	def figures(self, chart: str) -> dict:
		"""The chart's labels and series names, with every bucket or status there is."""
		if chart == "Debt Aging under Contracts":
			data = workspace.debt_aging(None)
			return {"labels": data["labels"], "series": [d["name"] for d in data["datasets"]]}
		if chart == "Claims by Status":
			from contract_management.common.statuses import claim_statuses

			return {"labels": [workspace.status_label(s, "Contract Claim") for s in claim_statuses()]}
		from contract_management.common.statuses import CONTRACT_STATUSES

		return {"labels": [workspace.status_label(s, "Contract Status") for s in CONTRACT_STATUSES]}

	def test_no_label_is_cut_at_1280_px_in_english_or_russian(self):
		charts = workspace_charts()
		for lang in ("en", "ru"):
			frappe.local.lang = lang
			for chart in ("Debt Aging under Contracts", "Claims by Status", "Contracts by Status"):
				doc = frappe.get_doc("Dashboard Chart", chart)
				figures = self.figures(chart)
				if doc.type in ("Bar", "Line"):
					budget = axis_letters(charts[chart], len(figures["labels"]))
					for label in figures["labels"]:
						self.assertLessEqual(len(label), budget, f"{lang}: {chart}: {label}")
					legends = figures.get("series", []) if len(figures.get("series", [])) > 1 else []
				else:
					# A donut names its slices in one row of legend entries 150 px apart (a second
					# row falls outside the chart): up to six slices, the sixth "the rest".
					legends = figures["labels"]
					self.assertGreaterEqual(PLOT_WIDTH[charts[chart]] // 150 + 1, DONUT_SLICES, chart)
				letters = LEGEND_LETTERS if doc.type in ("Bar", "Line") else DONUT_LEGEND_LETTERS
				for legend in legends:
					self.assertLessEqual(len(legend), letters, f"{lang}: {chart}: {legend}")

	def test_signed_per_month_spans_a_year_month_by_month_across_the_workspace(self):
		doc = frappe.get_doc("Dashboard Chart", "Contracts Signed per Month")
		self.assertEqual((doc.timespan, doc.time_interval), ("Last Year", "Monthly"))
		# 13 months' labels ("Dec 2025") need the full width to be read every other month at least.
		self.assertEqual(workspace_charts()["Contracts Signed per Month"], 12)


class TestReportChartLegends(FrappeTestCase):
	"""The reports' charts name their series or slices in a legend, cut over 18 letters."""

	def tearDown(self):
		frappe.local.lang = "en"

	def test_legends_fit_in_english_and_russian(self):
		from contract_management.contract_management.report.contract_fulfilment import contract_fulfilment
		from contract_management.contract_management.report.delivery_plan_fulfilment import (
			delivery_plan_fulfilment,
		)

		for lang in ("en", "ru"):
			frappe.local.lang = lang
			fulfilment = contract_fulfilment.get_chart(
				[frappe._dict(side=_side, invoiced=1, paid=1, outstanding=1) for _side in self.sides()]
			)
			names = [dataset["name"] for dataset in fulfilment["data"]["datasets"]]
			plan = delivery_plan_fulfilment.chart([frappe._dict(on_time_qty=1, late_qty=1, shortfall_qty=1)])
			for legend in names + plan["data"]["labels"]:
				self.assertLessEqual(len(legend), LEGEND_LETTERS, f"{lang}: {legend}")

	def sides(self):
		return [frappe._("Receivable"), frappe._("Payable", context="Debt")]
