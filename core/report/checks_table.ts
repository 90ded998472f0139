/**
 * The requirement checks of a back-test as a table, failures first in
 * colour.
 *
 * @module
 */
import type { RequirementCheck } from "../requirements/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import { type Html, html } from "./html.ts";
import { formatNumber } from "./format_number.ts";

/**
 * One row per check: result, metric, the requirement in words, the value
 * measured, where, and the check's own message.
 *
 * @example
 * ```ts
 * import { checksTable } from "./checks_table.ts";
 * const table = checksTable([
 *   { metric: "roc_auc", kind: "min", threshold: 0.7, actual: 0.64, passed: false, partition: "2015-07", message: "roc_auc min 0.7: 2015-07 has 0.64" },
 * ]);
 * if (!table.text.includes(`<tr class="fail">`) || !table.text.includes("≥ 0.7 in every partition")) throw new Error(table.text);
 * ```
 */
export function checksTable(checks: readonly RequirementCheck[]): Html {
  if (checks.length === 0) return html`<p class="muted">No requirement was checked.</p>`;
  const rows = checks.map((c) => {
    const near = typeof c.threshold === "number" ? c.threshold : undefined;
    const where = c.kind === "mean" ? "mean of partitions" : c.partition ?? "—";
    return html`
      <tr class="${c.passed ? "passed" : "fail"}">
        <td class="${c.passed ? "pass" : "fail"}">${c.passed ? "pass" : "FAIL"}</td>
        <td>${c.metric}</td>
        <td>${requirementText(c)}</td>
        <td class="number">${formatNumber(c.actual, near)}</td>
        <td>${where}</td>
        <td>${c.message}</td>
      </tr>
    `;
  });
  return html`
    <table class="checks">
      <thead>
        <tr>
          <th>result</th>
          <th>metric</th>
          <th>requirement</th>
          <th class="number">measured</th>
          <th>where</th>
          <th>details</th>
        </tr>
      </thead>
      <tbody>${rows}</tbody>
    </table>
  `;
}

/**
 * A threshold in words: `≥ 0.7 in every partition`, `mean ≤ 2.5`.
 *
 * @example
 * ```ts
 * import { requirementText } from "./checks_table.ts";
 * if (requirementText({ metric: "rmse", kind: "mean", threshold: 2.5 }) !== "mean ≤ 2.5") throw new Error();
 * if (requirementText({ metric: "r2", kind: "range", threshold: [0.5, 1] }) !== "in [0.5, 1] in every partition") throw new Error();
 * ```
 */
export function requirementText(
  check: Pick<RequirementCheck, "metric" | "kind" | "threshold">,
): string {
  const t = check.threshold;
  if (Array.isArray(t)) return `in [${t[0]}, ${t[1]}] in every partition`;
  if (check.kind === "mean") {
    return `mean ${LOWER_IS_BETTER.has(check.metric as MetricName) ? "≤" : "≥"} ${t}`;
  }
  return `${check.kind === "min" ? "≥" : "≤"} ${t} in every partition`;
}
