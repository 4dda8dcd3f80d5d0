"""ERPNext's Supplier Scorecard scores a supplier on contract performance through the app's variables:
a real scorecard whose criteria name them, its monthly periods made by ERPNext, the values checked by
hand (Saturdays and Sundays the only non-working days)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from contract_management import install
from contract_management.setup.scorecard_variables import SCORECARD_VARIABLES, remove_scorecard_variables
from tests.contracts import make_contract
from tests.test_report_contract_performance import ORDERED_ON, claim, new_party, purchase_order

SUPPLIER = "CM Scorecard Supplier"
# criteria name -> (its formula, its weight)
CRITERIA = {
	"CM Contract Deliveries": ("{cm_on_time_delivery_share}", 40),
	"CM Contract Shortfall": ("100 - {cm_shortfall_share}", 30),
	"CM Contract Claims": ("max(0, 100 - 10 * {cm_claims_to_supplier})", 20),
	"CM Contract Penalties": ("max(0, 100 - {cm_penalties_claimed} / 100)", 10),
}


def variable_values(period) -> dict:
	return {row.param_name: row.value for row in period.variables}


class TestSupplierScorecard(FrappeTestCase):
	def setUp(self):
		from tests.factories import make_purchase_receipt

		self.supplier = new_party("Supplier", SUPPLIER)
		# ERPNext scores a supplier month by month from the day it was made.
		frappe.db.set_value(
			"Supplier", self.supplier, "creation", "2026-03-01 00:00:00", update_modified=False
		)
		contract = make_contract(submit=True, party_type="Supplier", party_name=self.supplier)
		# March: 10 × 500 due Monday 16 March, on time; 10 × 300 due the same day, 4 of them late;
		# 5 × 200 due Saturday 28 March, received Monday 30 March: on time.
		make_purchase_receipt(purchase_order(contract, 10, 500, ORDERED_ON, "2026-03-16"), date="2026-03-13")
		two_parts = purchase_order(contract, 10, 300, ORDERED_ON, "2026-03-16")
		make_purchase_receipt(two_parts, date="2026-03-16", qty=6)
		make_purchase_receipt(two_parts, date="2026-03-20", qty=4)
		make_purchase_receipt(purchase_order(contract, 5, 200, ORDERED_ON, "2026-03-28"), date="2026-03-30")
		# April: 8 × 100 due 15 April, 3 received, 5 never.
		make_purchase_receipt(
			purchase_order(contract, 8, 100, ORDERED_ON, "2026-04-15"), date="2026-04-15", qty=3
		)
		# Our claims to the supplier: March, penalty 400; April, penalty 1,500; theirs to us in March.
		claim(contract, "Outgoing", "2026-03-25", penalty=400)
		claim(contract, "Outgoing", "2026-04-20", penalty=1500)
		claim(contract, "Incoming", "2026-03-26")
		for name, (formula, _weight) in CRITERIA.items():
			if not frappe.db.exists("Supplier Scorecard Criteria", name):
				frappe.get_doc(
					{
						"doctype": "Supplier Scorecard Criteria",
						"criteria_name": name,
						"max_score": 100,
						"formula": formula,
						"weight": 25,
					}
				).insert()
		if not frappe.db.exists("Supplier Scorecard Standing", "CM Any Score"):
			frappe.get_doc(
				{
					"doctype": "Supplier Scorecard Standing",
					"standing_name": "CM Any Score",
					"standing_color": "Green",
					"min_grade": 0,
					"max_grade": 100,
				}
			).insert()

	def make_scorecard(self):
		return frappe.get_doc(
			{
				"doctype": "Supplier Scorecard",
				"supplier": self.supplier,
				"period": "Per Month",
				"weighting_function": "{total_score}",
				"standings": [{"standing_name": "CM Any Score", "min_grade": 0, "max_grade": 100}],
				"criteria": [
					{"criteria_name": name, "weight": weight} for name, (_formula, weight) in CRITERIA.items()
				],
			}
		).insert()

	def periods(self, scorecard):
		return {
			str(row.start_date): frappe.get_doc("Supplier Scorecard Period", row.name)
			for row in frappe.get_all(
				"Supplier Scorecard Period",
				filters={"scorecard": scorecard.name, "docstatus": 1},
				fields=["name", "start_date"],
			)
		}

	def test_erpnext_scores_each_month_with_the_variables(self):
		periods = self.periods(self.make_scorecard())
		march, april, may = periods["2026-03-01"], periods["2026-04-01"], periods["2026-05-01"]
		self.assertEqual(str(march.end_date), "2026-03-31")
		# March: 3 lines due, 2 on time: 66.67 %; all delivered by 31 March: 0 % short; 1 claim, 400.
		self.assertEqual(
			variable_values(march),
			{
				"cm_on_time_delivery_share": 66.67,
				"cm_shortfall_share": 0,
				"cm_claims_to_supplier": 1,
				"cm_penalties_claimed": 400,
			},
		)
		# April: 1 line of 800, not on time, 5 × 100 short: 500 / 800 = 62.5 %; 1 claim, 1,500.
		self.assertEqual(
			variable_values(april),
			{
				"cm_on_time_delivery_share": 0,
				"cm_shortfall_share": 62.5,
				"cm_claims_to_supplier": 1,
				"cm_penalties_claimed": 1500,
			},
		)
		# May: nothing due, no claim: on time 100 %, as ERPNext's own criteria score a month without shipments.
		self.assertEqual(variable_values(may)["cm_on_time_delivery_share"], 100)
		self.assertEqual(variable_values(may)["cm_claims_to_supplier"], 0)
		# March's score: 66.67 × 40 % + 100 × 30 % + 90 × 20 % + 96 × 10 % = 26.668 + 30 + 18 + 9.6.
		self.assertAlmostEqual(march.total_score, 84.27, places=2)
		# April's: 0 + 37.5 × 30 % + 90 × 20 % + 85 × 10 % = 11.25 + 18 + 8.5.
		self.assertAlmostEqual(april.total_score, 37.75, places=2)

	def test_the_variables_are_made_once_and_removed_on_uninstall(self):
		labels = [variable["label"] for variable in SCORECARD_VARIABLES]
		stored = frappe.get_all(
			"Supplier Scorecard Variable",
			filters={"name": ("in", labels)},
			fields=["name", "modified"],
			order_by="name",
		)
		self.assertEqual(len(stored), 4)
		install.apply_app_setup()
		self.assertEqual(
			frappe.get_all(
				"Supplier Scorecard Variable",
				filters={"name": ("in", labels)},
				fields=["name", "modified"],
				order_by="name",
			),
			stored,
			"a second migrate writes nothing",
		)
		remove_scorecard_variables()  # what before_uninstall runs for them
		self.assertFalse(frappe.db.exists("Supplier Scorecard Variable", {"name": ("in", labels)}))
		self.assertTrue(frappe.db.exists("Supplier Scorecard Variable", "Total Accepted Items"))
