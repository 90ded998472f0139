/**
 * How `ratchet fixtures list` and `check` show cases and results as text.
 *
 * @module
 */
import type { Expectation, FixtureResult } from "../fixtures/mod.ts";

function _p(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/**
 * A case's expectation in a few words: the label or value, bounds, and the
 * recorded probabilities rounded to 4 digits.
 *
 * @example
 * ```ts
 * import { formatExpectation } from "./fixtures_output.ts";
 * const text = formatExpectation({ prediction: "no", bounds: { yes: [0, 0.3] } });
 * if (text !== '"no", p(yes) ≤ 0.3') throw new Error(text);
 * ```
 */
export function formatExpectation(e: Expectation): string {
  const parts: string[] = [];
  if (e.prediction !== undefined) parts.push(JSON.stringify(e.prediction));
  for (const [label, [lo, hi]] of Object.entries(e.bounds ?? {})) {
    parts.push(
      lo === 0
        ? `p(${label}) ≤ ${hi}`
        : hi === 1
        ? `p(${label}) ≥ ${lo}`
        : `${lo} ≤ p(${label}) ≤ ${hi}`,
    );
  }
  const probs = Object.entries(e.probabilities ?? {});
  if (probs.length) parts.push(probs.map(([label, p]) => `p(${label})=${_p(p)}`).join(" "));
  return parts.join(", ");
}

/**
 * What `fixtures list` and `check` say about a model without cases.
 *
 * @example
 * ```ts
 * import { formatNoFixtures } from "./fixtures_output.ts";
 * if (!formatNoFixtures("churn").includes("ratchet fixtures add churn")) throw new Error();
 * ```
 */
export function formatNoFixtures(name: string): string {
  return `no fixtures yet; add one with: ratchet fixtures add ${name} --input ROW.json`;
}

/**
 * The lines `fixtures check` prints for a failed or skipped case (none for a
 * passed one): id, kind, mode and the case's `note` if given, why it failed,
 * then expected, actual and tolerance in full.
 *
 * @example
 * ```ts
 * import { formatFixtureResult } from "./fixtures_output.ts";
 * const lines = formatFixtureResult({
 *   id: "f_0123456789ab", kind: "sample", mode: "snapshot", status: "failed", passed: false,
 *   expected: { prediction: 7 }, actual: { prediction: 7.5 }, tolerance: 1e-9,
 *   message: "prediction 7.5 is 0.500 away from 7 (tolerance 1e-9)",
 * });
 * if (!lines[0]!.startsWith("FAIL f_0123456789ab") || !lines.includes("  actual     {\"prediction\":7.5}")) {
 *   throw new Error(lines.join("\n"));
 * }
 * ```
 */
export function formatFixtureResult(r: FixtureResult, note?: string): string[] {
  if (r.status === "passed") return [];
  if (r.status === "skipped") return [`SKIP ${r.id} (${r.kind} ${r.mode}): ${r.message}`];
  return [
    `FAIL ${r.id} (${r.kind} ${r.mode})${note ? `: ${note}` : ""}`,
    `  ${r.message}`,
    `  expected   ${JSON.stringify(r.expected)}`,
    `  actual     ${
      r.actual === null ? "none (the row could not be predicted)" : JSON.stringify(r.actual)
    }`,
    `  tolerance  ${r.tolerance}`,
  ];
}
