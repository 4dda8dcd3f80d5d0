// A chart's redraw on a resize never throws.
//
// A chart of frappe-charts redraws itself whenever its node or the window changes size, and threw
// ("Failed to execute 'removeChild' on 'Node'") in two cases the desk meets on real data:
// - while it animates new figures, it shows a copy of its drawing for a moment in place of the
//   drawing itself; a resize then (a report's table appearing under its chart, a window resized)
//   looked for the drawing in its node and did not find it. The copy now gives way to the drawing,
//   which the redraw replaces.
// - a chart the desk replaced in the same node (a query report's next run, a workspace shown again)
//   kept redrawing into a node no longer its own. Such a chart now lets go at its first redraw.
// Every chart the desk makes goes through frappe.Chart; each is made here as before.

(() => {
	const Chart = frappe.Chart;
	if (!Chart || Chart.cm_redraws_safely) return;

	function ChartRedrawingSafely(parent, options) {
		const chart = new Chart(parent, options);
		const draw = chart.draw;
		chart.draw = function (...args) {
			if (this.container && this.parent && !this.parent.contains(this.container)) {
				this.destroy();
				return;
			}
			if (this.svg && this.container && this.svg.parentNode !== this.container) {
				for (const stand_in of this.container.querySelectorAll(":scope > svg")) stand_in.remove();
				this.container.appendChild(this.svg);
			}
			return draw.apply(this, args);
		};
		return chart;
	}
	ChartRedrawingSafely.cm_redraws_safely = true;
	frappe.Chart = ChartRedrawingSafely;
})();
