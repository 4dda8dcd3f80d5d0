"""Figures: repeated timings of one thing, written as their median with min and max."""

import statistics


class Figure:
	"""Repeated timings (seconds) of one thing."""

	def __init__(self, values: list[float]):
		self.values = list(values)

	@property
	def median(self) -> float:
		return statistics.median(self.values)

	def ms(self) -> str:
		return (
			f"{self.median * 1000:,.1f} ms (min {min(self.values) * 1000:,.1f}, "
			f"max {max(self.values) * 1000:,.1f}; n={len(self.values)})"
		)

	def s(self) -> str:
		return (
			f"{self.median:,.3f} s (min {min(self.values):,.3f}, max {max(self.values):,.3f}; "
			f"n={len(self.values)})"
		)


def seconds_or_ms(figure: Figure) -> str:
	return figure.ms() if figure.median < 1 else figure.s()


def verdict(ok: bool) -> str:
	return "met" if ok else "**NOT MET**"
