/**
 * The rows the model got most wrong, each with the command that keeps it
 * as an outlier fixture.
 *
 * @module
 */
import type { WorstRow } from "../backtest/mod.ts";
import type { Task } from "../contract/mod.ts";
import { type Html, html } from "./html.ts";
import { formatNumber } from "./format_number.ts";
import { fixtureCommand, type FixtureSource } from "./fixture_command.ts";

/**
 * A table of the worst rows, worst first: partition, actual and predicted
 * value, how wrong, the features, and a `ratchet fixtures add` command
 * (selected whole by one click, as it is meant to be copied).
 *
 * @example
 * ```ts
 * import { worstRows } from "./worst_rows.ts";
 * const table = worstRows(
 *   [{ partition: "2015-01", row: { x: 1 }, actual: 5, prediction: 1, loss: 4 }],
 *   { model: "m", version: 1, dataset: "d" },
 *   "regression",
 * );
 * if (!table.text.includes("ratchet fixtures add m --input -")) throw new Error(table.text);
 * ```
 */
export function worstRows(rows: readonly WorstRow[], source: FixtureSource, task: Task): Html {
  if (rows.length === 0) return html`<p class="muted">No rows were scored.</p>`;
  const regression = task === "regression";
  const loss = regression ? "absolute error" : "log loss of the true class";
  const body = rows.map((w, k) => {
    const probabilities = !regression && html`<td>${_probabilities(w.probabilities)}</td>`;
    const features = Object.entries(w.row).map(([name, v]) =>
      html`<span><b>${name}</b> ${_value(v)}</span>`
    );
    return html`
      <tr class="case">
        <td>${k + 1}</td>
        <td>${w.partition}</td>
        <td>${_label(w.actual)}</td>
        <td>${_label(w.prediction)}</td>
        ${probabilities}
        <td class="number">${formatNumber(w.loss)}</td>
      </tr>
      <tr class="detail">
        <td></td>
        <td colspan="${regression ? 4 : 5}">
          <div class="features">${features}</div>
          <pre class="command"><code>${fixtureCommand(source, w)}</code></pre>
        </td>
      </tr>
    `;
  });
  const what = rows.length === 1 ? "row" : `${rows.length} rows`;
  return html`
    <p>
      The ${what} with the largest ${loss} over the whole back-test. Each is a candidate outlier fixture: its
      command records the row with the champion's current output as a snapshot (add <code>--expect</code> to state
      the right answer instead).
    </p>
    <table class="worst">
      <thead>
        <tr>
          <th>#</th>
          <th>partition</th>
          <th>actual</th>
          <th>predicted</th>
          ${!regression && html`<th>probabilities</th>`}
          <th class="number">${regression ? "|error|" : "log loss"}</th>
        </tr>
      </thead>
      <tbody>${body}</tbody>
    </table>
  `;
}

function _label(v: unknown): string {
  return typeof v === "number" ? formatNumber(v) : String(v);
}

// Strings keep their quotes, so "1" and 1 look different as they are.
function _value(v: unknown): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "bigint") return String(v);
  return v === undefined ? "—" : JSON.stringify(v);
}

function _probabilities(p: Record<string, number> | undefined): string {
  if (!p) return "—";
  const sorted = Object.entries(p).sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 3).map(([label, q]) => `${label} ${formatNumber(q)}`).join(" · ");
  return sorted.length > 3 ? `${shown} · …` : shown;
}
