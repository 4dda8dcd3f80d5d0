__version__ = "0.1.0"


def __getattr__(name: str):
	"""ERPNext's Supplier Scorecard finds a variable's function by getattr from this package down
	(supplier_scorecard_period.import_string_path), without importing the module: the scorecard's
	variables (setup/scorecard_variables.py) are found here even in a process that has not imported it."""
	if name == "scorecard":
		import importlib

		return importlib.import_module("contract_management.scorecard")
	raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
