/**
 * Calibration of a classifier: how often the predicted event happened
 * against the probability predicted for it, bin by bin, with how many rows
 * fell in each bin.
 *
 * @module
 */
import type { CalibrationBin } from "../backtest/mod.ts";
import type { Task } from "../contract/mod.ts";
import { type ChartKit, renderChart } from "./chart_kit.ts";
import { type Html, html } from "./html.ts";
import { formatNumber } from "./format_number.ts";
import { COLORS } from "./metric_chart.ts";

/**
 * The calibration section: predicted against observed with the diagonal of
 * perfect calibration, the bin sizes below, and the bins as a table.
 */
export function calibrationChart(kit: ChartKit, bins: readonly CalibrationBin[], task: Task): Html {
  const { Plot } = kit;
  const binary = task === "binary";
  const used = bins.filter((b) => b.rows > 0);
  const what = binary
    ? "the predicted probability of the positive class against the share of rows where it occurred"
    : "the probability of the predicted (top) class against the share of rows where that prediction was right";
  const xLabel = binary
    ? "predicted probability of the positive class"
    : "probability of the top class";
  const yLabel = binary ? "share positive" : "share right";
  const title = (b: CalibrationBin) =>
    `${b.lo.toFixed(1)}–${b.hi.toFixed(1)}: ${b.rows} rows, mean predicted ${
      formatNumber(b.predicted)
    }, observed ${formatNumber(b.observed)}`;
  if (used.length === 0) {
    return html`<p class="muted">No rows were scored, so there is no calibration to show.</p>`;
  }
  const curve = renderChart(kit, {
    width: 380,
    height: 360,
    marginLeft: 48,
    marginBottom: 40,
    x: { domain: [0, 1], label: xLabel, labelAnchor: "center", labelArrow: "none", grid: true },
    y: { domain: [0, 1], label: yLabel, labelArrow: "none", grid: true },
    r: { range: [2.5, 9] },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: COLORS.muted, strokeDasharray: "4,4" }),
      Plot.line(used, { x: "predicted", y: "observed", stroke: COLORS.value, strokeWidth: 1.5 }),
      Plot.dot(used, {
        x: "predicted",
        y: "observed",
        r: "rows",
        fill: COLORS.value,
        stroke: "white",
        title,
      }),
    ],
  });
  const sizes = renderChart(kit, {
    width: 380,
    height: 130,
    marginLeft: 48,
    marginBottom: 34,
    x: { domain: [0, 1], label: xLabel, labelAnchor: "center", labelArrow: "none" },
    y: { label: "rows", labelArrow: "none", grid: true },
    marks: [
      Plot.rectY(bins, {
        x1: "lo",
        x2: "hi",
        y: "rows",
        fill: COLORS.line,
        insetLeft: 1,
        insetRight: 1,
        title,
      }),
      Plot.ruleY([0]),
    ],
  });
  return html`
    <p>The chart shows ${what}. Points on the dashed diagonal are well calibrated; above it
    the model is under-confident, below it over-confident. Each dot's area shows how many rows its bin holds.</p>
    <div class="pair">
      <figure>${curve}</figure>
      <figure>${sizes}<figcaption class="muted">Rows per bin</figcaption></figure>
    </div>
    <details>
      <summary>The ${bins.length} bins as a table</summary>
      <table class="numbers">
        <thead>
          <tr>
            <th>bin</th>
            <th>rows</th>
            <th>mean predicted</th>
            <th>observed</th>
            <th>gap</th>
          </tr>
        </thead>
        <tbody>${bins.map((b) =>
          html`
            <tr>
              <td>${b.lo.toFixed(1)}–${b.hi.toFixed(1)}</td>
              <td>${b.rows}</td>
              <td>${b.rows ? formatNumber(b.predicted) : "—"}</td>
              <td>${b.rows ? formatNumber(b.observed) : "—"}</td>
              <td>${b.rows ? formatNumber(b.observed - b.predicted) : "—"}</td>
            </tr>
          `
        )}</tbody>
      </table>
    </details>
  `;
}
