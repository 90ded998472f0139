/**
 * A logistic regression as SQL: one expression per class probability, with
 * the same numerical guards as the JavaScript path (see `probabilities.ts`).
 *
 * @module
 */
import { linearSQL } from "../linear/sql.ts";
import type { LogisticCoefficients } from "./coefficients.ts";

/**
 * One SQL expression per class probability, in label order, over the SQL
 * expressions of the inputs. Uses `exp`, `abs`, `greatest` and `CASE`
 * (DuckDB's dialect). Every `exp` argument is ≤ 0, as in the JavaScript
 * path, so nothing overflows; tiny probabilities underflow to 0.
 *
 * @example
 * ```ts
 * import { logisticSQL } from "./sql.ts";
 * const [p0, p1] = logisticSQL({ link: "ovr", intercepts: [0], weights: [[2]] }, ['"x"']);
 * if (!p1!.startsWith("CASE WHEN (2e0 * (\"x\") + 0e0) >= 0") || !p0!.startsWith("1 - ")) throw new Error(p1);
 * ```
 */
export function logisticSQL(
  coefficients: LogisticCoefficients,
  inputs: readonly string[],
): string[] {
  const d = coefficients.weights.map((w, k) =>
    `(${linearSQL(w, coefficients.intercepts[k]!, inputs)})`
  );
  const ovr = coefficients.link === "ovr";
  if (d.length === 1) {
    const x = d[0]!;
    if (ovr) {
      const p1 = _expit(x);
      return [`1 - ${p1}`, p1];
    }
    // softmax([−d, d]), shifted by max(−d, d) = |d|.
    const e0 = `exp(-${x} - abs(${x}))`, e1 = `exp(${x} - abs(${x}))`;
    return [`${e0} / (${e0} + ${e1})`, `${e1} / (${e0} + ${e1})`];
  }
  const top = `greatest(${d.join(", ")})`;
  const softmax = _normalised(d.map((x) => `exp(${x} - ${top})`));
  if (!ovr) return softmax;
  const sigmoids = _normalised(d.map(_expit));
  // Below −700 every sigmoid equals its exp and may underflow to 0/0: use the softmax then.
  return sigmoids.map((s, k) => `CASE WHEN ${top} < -700 THEN ${softmax[k]} ELSE ${s} END`);
}

function _expit(x: string): string {
  return `CASE WHEN ${x} >= 0 THEN 1 / (1 + exp(-${x})) ELSE exp(${x}) / (1 + exp(${x})) END`;
}

function _normalised(terms: readonly string[]): string[] {
  const sum = `(${terms.join(" + ")})`;
  return terms.map((t) => `${t} / ${sum}`);
}
