/**
 * The back-test report: one self-contained HTML file (inline CSS, inline
 * SVG charts, no script, nothing fetched) that `ratchet backtest --report`
 * writes for a person to read.
 *
 * @module
 */
import type { BacktestResult } from "../backtest/mod.ts";
import { ALL_METRICS, defaultPrimary, type Requirements } from "../requirements/mod.ts";
import { loadChartKit } from "./chart_kit.ts";
import { type Html, html } from "./html.ts";
import { COLORS, metricChart } from "./metric_chart.ts";
import { metricThresholds } from "./metric_thresholds.ts";
import { verdict } from "./verdict.ts";
import { checksTable } from "./checks_table.ts";
import { summaryTable } from "./summary_table.ts";
import { calibrationChart } from "./calibration_chart.ts";
import { residualCharts } from "./residual_charts.ts";
import { worstPartitions } from "./worst_partitions.ts";
import { worstRows } from "./worst_rows.ts";
import { partitionTable } from "./partition_table.ts";
import { reportPage } from "./report_page.ts";

/** Options of {@linkcode backtestReport}. */
export interface BacktestReportOptions {
  /** The model's requirements file: its thresholds and primary metric (default: those the checks name). */
  requirements?: Requirements;
  /** The page title (default: `Back-test of NAME@VERSION on DATASET`). */
  title?: string;
}

/**
 * Renders a back-test result as one HTML document: the verdict, the
 * requirement checks, one chart per metric over the partitions with its
 * thresholds, the summary, calibration (classifiers) or residuals
 * (regressors), the worst partitions, and the worst-predicted rows with
 * the commands that make them fixtures. Plot and its DOM load only here.
 *
 * @example
 * ```ts
 * import { backtestReport } from "./backtest_report.ts";
 * const page = await backtestReport({
 *   model: "temp-tomorrow", version: 2, task: "regression", dataset: "seattle", target: "temp", engine: "js",
 *   window: { from: "2015-01", to: "2015-02" },
 *   partitions: [
 *     { partition: "2015-01", rows: 31, metrics: { rmse: 2.1, r2: 0.8 } },
 *     { partition: "2015-02", rows: 28, metrics: { rmse: 3.4, r2: 0.7 } },
 *   ],
 *   summary: { rmse: { min: 2.1, mean: 2.75, max: 3.4, std: 0.65, partitions: 2 }, r2: { min: 0.7, mean: 0.75, max: 0.8, std: 0.05, partitions: 2 } },
 *   requirements: { passed: false, checks: [{ metric: "rmse", kind: "max", threshold: 3, actual: 3.4, passed: false, partition: "2015-02", message: "rmse max 3: 2015-02 has 3.4" }] },
 *   diagnostics: { residuals: [{ partition: "2015-01", predicted: 10, residual: -1 }], worst: [] },
 *   passed: false,
 * });
 * if (!page.startsWith("<!doctype html>") || !page.includes("rmse max 3: 2015-02 has 3.4")) throw new Error();
 * ```
 */
export async function backtestReport(
  result: BacktestResult,
  options: BacktestReportOptions = {},
): Promise<string> {
  const kit = await loadChartKit();
  const task = result.task;
  const thresholds = metricThresholds(result, options.requirements);
  const metrics = _metrics(result);
  const primary = options.requirements?.primary ?? defaultPrimary(task);
  const title = options.title ??
    `Back-test of ${result.model}@${result.version} on ${result.dataset}`;
  const { checks } = result.requirements;
  const { version } = result;
  const charted = metrics.filter((m) =>
    result.partitions.some((p) => typeof p.metrics[m] === "number")
  );
  const charts = charted.map((metric) =>
    metricChart(kit, {
      metric,
      partitions: result.partitions,
      ...(thresholds[metric] ? { thresholds: thresholds[metric] } : {}),
      checks: checks.filter((c) => c.metric === metric),
      summary: result.summary[metric] ?? null,
      primary: metric === primary,
    })
  );
  const { calibration, residuals, worst } = result.diagnostics;
  const diagnostics = calibration
    ? html`<h2 id="calibration">Calibration</h2>${calibrationChart(kit, calibration, task)}`
    : html`<h2 id="residuals">Residuals</h2>${residualCharts(kit, residuals ?? [])}`;
  const sections: [string, string][] = [
    ["checks", "Requirement checks"],
    ["metrics", "Metrics per partition"],
    ["summary", "Summary"],
    calibration ? ["calibration", "Calibration"] : ["residuals", "Residuals"],
    ["worst-partitions", "Worst partitions"],
    ["worst-rows", "Worst rows"],
    ["partitions", "All partitions"],
  ];
  const body = html`
    <header>
      <h1>${title}</h1>
      <p class="subtitle">
        Model <b>${result.model}</b> version ${version} (${task}), predicting <b>${result
          .target}</b> on dataset
        <b>${result.dataset}</b>; primary metric <b>${primary}</b>.
      </p>
    </header>
    ${verdict(result)}
    <nav>${sections.map(([id, name]) => html`<a href="#${id}">${name}</a>`)}</nav>
    <h2 id="checks">Requirement checks</h2>
    ${checksTable(checks)}
    <h2 id="metrics">Metrics per partition</h2>
    ${_legend()}
    <div class="charts">${charts}</div>
    ${_uncharted(result, metrics.filter((m) => !charted.includes(m)))}
    <h2 id="summary">Summary over partitions</h2>
    ${summaryTable(metrics, result.summary, thresholds)}
    ${diagnostics}
    <h2 id="worst-partitions">Worst partitions</h2>
    ${worstPartitions(result.partitions, primary, metrics, thresholds)}
    <h2 id="worst-rows">Worst-predicted rows</h2>
    ${worstRows(worst, { model: result.model, version, dataset: result.dataset }, task)}
    <h2 id="partitions">All partitions</h2>
    <details>
      <summary>Every metric of all ${result.partitions.length} partitions</summary>
      ${partitionTable(result.partitions, metrics, thresholds)}
    </details>
    <footer>Written by <code>ratchet backtest --report</code>. The page is self-contained: it loads nothing.</footer>
  `;
  return reportPage(title, body);
}

// Every metric measured, in report order; names ratchet does not know go last.
function _metrics(result: BacktestResult): string[] {
  const seen = new Set([
    ...Object.keys(result.summary),
    ...result.partitions.flatMap((p) => Object.keys(p.metrics)),
  ]);
  const known: string[] = ALL_METRICS.filter((m) => seen.has(m));
  return [...known, ...[...seen].filter((m) => !known.includes(m))];
}

// Metrics with no value anywhere get a line, not an empty chart.
function _uncharted(result: BacktestResult, metrics: readonly string[]): Html | false {
  const items = metrics.map((metric) => {
    const reasons = [...new Set(result.partitions.flatMap((p) => p.undefined?.[metric] ?? []))];
    const failed = result.requirements.checks.some((c) => c.metric === metric && !c.passed);
    const why = reasons.length > 0 ? `: ${reasons.join("; ")}` : "";
    return html`<li class="${failed ? "fail" : "plain"}"><b>${metric}</b>${why}</li>`;
  });
  return items.length > 0 && html`
    <p>Not charted, as no partition has a value:</p>
    <ul>${items}</ul>
  `;
}

function _legend(): Html {
  const swatches = [
    [COLORS.value, "●", "partition value"],
    [COLORS.fail, "●", "breaks a threshold"],
    [COLORS.fail, "- -", "min / max / range"],
    [COLORS.mean, "···", "required mean"],
    [COLORS.muted, "—", "actual mean"],
    [COLORS.muted, "?", "metric undefined"],
    [COLORS.fail, "✕", "could not be scored"],
  ];
  return html`
    <p class="legend">
      ${swatches.map(([color, symbol, text]) =>
        html`<span><b style="color:${color}">${symbol}</b> ${text}</span>`
      )}
      <br><span class="muted">Hover a point or a mark for its partition, value and reason.</span>
    </p>
  `;
}
