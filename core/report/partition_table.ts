/**
 * Partitions as table rows: every metric, values that break a threshold
 * marked, undefined values explained on hover, errors spelled out.
 *
 * @module
 */
import type { BacktestPartition } from "../backtest/mod.ts";
import { type Html, html } from "./html.ts";
import { formatNumber } from "./format_number.ts";
import { type MetricThresholds, partitionBreaches } from "./metric_thresholds.ts";

/**
 * A table of partitions, in the order given; `rank` numbers the rows (for
 * the worst partitions).
 *
 * @example
 * ```ts
 * import { partitionTable } from "./partition_table.ts";
 * const table = partitionTable(
 *   [{ partition: "2015-01", rows: 9, metrics: { r2: null }, undefined: { r2: "constant <target>" } }],
 *   ["r2"],
 *   {},
 * );
 * if (!table.text.includes(`title="constant &lt;target&gt;"`)) throw new Error(table.text);
 * ```
 */
export function partitionTable(
  partitions: readonly BacktestPartition[],
  metrics: readonly string[],
  thresholds: Record<string, MetricThresholds>,
  options: { rank?: boolean; highlight?: string } = {},
): Html {
  const mark = (m: string) => (m === options.highlight ? " highlight" : "");
  const body = partitions.map((p, k) => {
    const values = p.error !== undefined
      ? html`
        <td>—</td>
        <td colspan="${metrics.length}">could not be scored: ${p.error}</td>
      `
      : html`<td class="number">${p.rows.toLocaleString("en-US")}</td>${
        metrics.map((m) => _cell(p, m, thresholds[m], mark(m)))
      }`;
    const rank = options.rank && html`<td>${k + 1}</td>`;
    return html`<tr class="${
      p.error !== undefined ? "fail" : "scored"
    }">${rank}<td>${p.partition}</td>${values}</tr>`;
  });
  return html`
    <table class="numbers partitions">
      <thead>
        <tr>
          ${options.rank && html`<th>#</th>`}
          <th>partition</th>
          <th class="number">rows</th>
          ${metrics.map((m) => html`<th class="number${mark(m)}">${m}</th>`)}
        </tr>
      </thead>
      <tbody>${body}</tbody>
    </table>
  `;
}

// A value, marked when it breaks a threshold; a dash with the reason on hover when undefined.
function _cell(
  p: BacktestPartition,
  m: string,
  t: MetricThresholds | undefined,
  mark: string,
): Html {
  const v = p.metrics[m];
  if (typeof v !== "number") {
    return html`<td class="number muted${mark}" title="${
      p.undefined?.[m] ?? "not measured"
    }">—</td>`;
  }
  const breaches = partitionBreaches(v, t);
  return breaches.length
    ? html`<td class="number fail${mark}" title="${breaches.join(", ")}">${formatNumber(v)}</td>`
    : html`<td class="number${mark}">${formatNumber(v)}</td>`;
}
