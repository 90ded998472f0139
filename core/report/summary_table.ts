/**
 * Each metric over the partitions in four numbers, with the requirements
 * beside them.
 *
 * @module
 */
import type { MetricSummary } from "../evaluate/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import { type Html, html } from "./html.ts";
import { formatNumber } from "./format_number.ts";
import type { MetricThresholds } from "./metric_thresholds.ts";
import { partitionBreaches } from "./metric_thresholds.ts";

/**
 * Min, mean, max and standard deviation per metric over the partitions
 * where it is defined; a number that breaks a threshold is marked.
 *
 * @example
 * ```ts
 * import { summaryTable } from "./summary_table.ts";
 * const table = summaryTable(
 *   ["rmse"],
 *   { rmse: { min: 1, mean: 2, max: 3.5, std: 1, partitions: 3 } },
 *   { rmse: { max: 3 } },
 * );
 * if (!table.text.includes(`<td class="number fail">3.5</td>`)) throw new Error(table.text);
 * ```
 */
export function summaryTable(
  metrics: readonly string[],
  summary: Record<string, MetricSummary | null>,
  thresholds: Record<string, MetricThresholds>,
): Html {
  const rows = metrics.map((metric) => {
    const s = summary[metric];
    const t = thresholds[metric] ?? {};
    const numbers = s ? _cells(metric, s, t) : html`
      <td colspan="4" class="muted">undefined in every partition</td>
    `;
    return html`
      <tr>
        <td>${metric}</td>
        ${numbers}
        <td class="number">${s?.partitions ?? 0}</td>
        <td>${thresholdsText(metric, t)}</td>
      </tr>
    `;
  });
  return html`
    <table class="numbers">
      <thead>
        <tr>
          <th>metric</th>
          <th class="number">min</th>
          <th class="number">mean</th>
          <th class="number">max</th>
          <th class="number">std</th>
          <th class="number">partitions</th>
          <th>requirements</th>
        </tr>
      </thead>
      <tbody>${rows}</tbody>
    </table>
  `;
}

// min, mean, max and std, each marked when it breaks a threshold.
function _cells(metric: string, s: MetricSummary, t: MetricThresholds): Html {
  const lower = LOWER_IS_BETTER.has(metric as MetricName);
  const meanFails = t.mean !== undefined && (lower ? s.mean > t.mean : s.mean < t.mean);
  const cell = (v: number, fails: boolean, near?: number) =>
    html`<td class="number${fails ? " fail" : ""}">${formatNumber(v, near)}</td>`;
  return html`${cell(s.min, partitionBreaches(s.min, t).length > 0, t.min)}${
    cell(s.mean, meanFails, t.mean)
  }${cell(s.max, partitionBreaches(s.max, t).length > 0, t.max)}${cell(s.std, false)}`;
}

/**
 * A metric's thresholds, short: `min 0.7, mean ≥ 0.75`.
 *
 * @example
 * ```ts
 * import { thresholdsText } from "./summary_table.ts";
 * if (thresholdsText("rmse", { max: 3, mean: 2 }) !== "max 3, mean ≤ 2") throw new Error();
 * ```
 */
export function thresholdsText(metric: string, t: MetricThresholds): string {
  const lower = LOWER_IS_BETTER.has(metric as MetricName);
  const parts = [
    t.min !== undefined && `min ${t.min}`,
    t.max !== undefined && `max ${t.max}`,
    t.mean !== undefined && `mean ${lower ? "≤" : "≥"} ${t.mean}`,
    t.range && `range [${t.range[0]}, ${t.range[1]}]`,
  ].filter((p): p is string => typeof p === "string");
  return parts.length ? parts.join(", ") : "—";
}
