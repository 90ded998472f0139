/**
 * The banner at the top of the report: passed or failed, and why.
 *
 * @module
 */
import type { BacktestResult } from "../backtest/mod.ts";
import { type Html, html } from "./html.ts";

/**
 * The verdict: which checks failed, which partitions could not be scored,
 * and which metrics are undefined in some partitions.
 *
 * @example
 * ```ts
 * import { verdict } from "./verdict.ts";
 * const banner = verdict({
 *   passed: false, window: { from: "a", to: "b" }, engine: "js",
 *   partitions: [{ partition: "a", rows: 5, metrics: { r2: 0.5 } }, { partition: "b", rows: 0, metrics: {}, error: "bad <file>" }],
 *   requirements: { passed: false, checks: [] },
 * });
 * if (!banner.text.includes("FAILED") || !banner.text.includes("bad &lt;file&gt;")) throw new Error(banner.text);
 * ```
 */
export function verdict(
  result: Pick<BacktestResult, "passed" | "window" | "engine" | "partitions" | "requirements">,
): Html {
  const { partitions, requirements } = result;
  const broken = partitions.filter((p) => p.error !== undefined);
  const scored = partitions.filter((p) => p.error === undefined);
  const failedChecks = requirements.checks.filter((c) => !c.passed);
  const rows = scored.reduce((s, p) => s + p.rows, 0);
  const unchecked = result.passed && requirements.checks.length === 0;
  const state = !result.passed ? "failed" : unchecked ? "unchecked" : "passed";
  const headline = !result.passed
    ? "FAILED"
    : unchecked
    ? "PASSED — but no requirement was checked"
    : `PASSED — all ${requirements.checks.length} requirement checks met`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const scope = `${plural(partitions.length, "partition")} from ${result.window.from ?? "—"} to ${
    result.window.to ?? "—"
  }, ${rows.toLocaleString("en-US")} rows scored, predictions computed in ${
    result.engine === "sql" ? "DuckDB SQL" : "JavaScript"
  }.`;
  const checksFailed =
    `${failedChecks.length} of ${requirements.checks.length} requirement checks failed:`;
  const checks = failedChecks.length > 0 && html`
    <p><strong>${checksFailed}</strong></p>
    <ul>${failedChecks.map((c) => html`<li>${c.message}</li>`)}</ul>
  `;
  const unscored = `${plural(broken.length, "partition")} could not be scored`;
  const errors = broken.length > 0 && html`
    <p><strong>${unscored}</strong>, so the back-test cannot pass:</p>
    <ul>${broken.map((p) => html`<li><code>${p.partition}</code>: ${p.error}</li>`)}</ul>
  `;
  const note = broken.length === 0 && requirements.note && html`<p>${requirements.note}</p>`;
  const sometimes = _sometimesUndefined(scored).map(([metric, n]) => `${metric} in ${n}`);
  const gaps = sometimes.length > 0 && html`
    <p class="muted">
      Undefined in some partitions (left out of the checks; see the charts): ${sometimes.join(
        ", ",
      )}.
    </p>
  `;
  return html`
    <section class="verdict ${state}" id="verdict">
      <p class="headline">${headline}</p>
      <p>${scope}</p>
      ${checks} ${errors} ${note} ${gaps}
    </section>
  `;
}

// Metrics that have a value in some partitions but not in others.
function _sometimesUndefined(scored: BacktestResult["partitions"]): [string, number][] {
  const names = new Set(scored.flatMap((p) => Object.keys(p.metrics)));
  const out: [string, number][] = [];
  for (const name of names) {
    const missing = scored.filter((p) => typeof p.metrics[name] !== "number").length;
    if (missing > 0 && missing < scored.length) out.push([name, missing]);
  }
  return out;
}
