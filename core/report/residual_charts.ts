/**
 * Residuals of a regressor: residual against prediction, and their
 * distribution, from the uniform sample the back-test kept.
 *
 * @module
 */
import type { ResidualPoint } from "../backtest/mod.ts";
import type * as PlotModule from "@observablehq/plot";
import { type ChartKit, renderChart } from "./chart_kit.ts";
import { type Html, html } from "./html.ts";
import { formatNumber } from "./format_number.ts";
import { COLORS } from "./metric_chart.ts";

/** The residuals section: a scatter of residual against predicted value, and a histogram. */
export function residualCharts(kit: ChartKit, residuals: readonly ResidualPoint[]): Html {
  const { Plot } = kit;
  if (residuals.length === 0) {
    return html`<p class="muted">No rows were scored, so there are no residuals to show.</p>`;
  }
  const values = residuals.map((r) => r.residual);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const scatter = renderChart(kit, {
    width: 540,
    height: 320,
    marginLeft: 52,
    marginBottom: 40,
    x: { label: "predicted", labelAnchor: "center", labelArrow: "none", grid: true, nice: true },
    y: { label: "actual − predicted", labelArrow: "none", grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.muted }),
      Plot.dot(residuals, {
        x: "predicted",
        y: "residual",
        r: 1.8,
        fill: COLORS.value,
        fillOpacity: 0.35,
      }),
    ],
  });
  const histogram = renderChart(kit, {
    width: 380,
    height: 320,
    marginLeft: 48,
    marginBottom: 40,
    x: { label: "actual − predicted", labelAnchor: "center", labelArrow: "none" },
    y: { label: "rows", labelArrow: "none", grid: true },
    marks: [
      Plot.rectY(
        residuals,
        Plot.binX<PlotModule.RectYOptions>({ y: "count" }, {
          x: "residual",
          fill: COLORS.line,
          inset: 0.5,
        }),
      ),
      Plot.ruleX([0], { stroke: COLORS.muted, strokeDasharray: "4,3" }),
      Plot.ruleY([0]),
    ],
  });
  return html`
    <p>A uniform sample of ${residuals.length} rows. Residuals should scatter evenly around
    zero at every predicted value; a slope, a curve or a funnel shows where the model is biased.
    Mean residual in the sample: ${formatNumber(mean)}.</p>
    <div class="pair">
      <figure>${scatter}<figcaption class="muted">Residual against prediction</figcaption></figure>
      <figure>${histogram}<figcaption class="muted">Distribution of residuals</figcaption></figure>
    </div>
  `;
}
