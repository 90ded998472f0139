/**
 * A linear model as a SQL expression.
 *
 * @module
 */
import { sqlNumber } from "../../core/sql/mod.ts";

/**
 * `w_0 * (x_0) + … + w_{p-1} * (x_{p-1}) + b`, with the terms grouped
 * exactly as {@linkcode linearDecision} adds them — the first four, then
 * each further group of four summed before it is added, then the rest one
 * by one, then the intercept — so a SQL engine (which adds left to right)
 * computes the same double. Every number is written so that it reads back
 * as the same double.
 *
 * @example
 * ```ts
 * import { linearSQL } from "./sql.ts";
 * const sql = linearSQL([2, -0.5], 1, ['"a"', '"b"']);
 * if (sql !== '2e0 * ("a") + (-5e-1) * ("b") + 1e0') throw new Error(sql);
 * const wide = linearSQL([1, 1, 1, 1, 1, 1, 1, 1, 1], 0, ["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
 * if (!wide.includes("(d) + (1e0 * (e) + 1e0 * (f) + 1e0 * (g) + 1e0 * (h)) + 1e0 * (i) + 0e0")) throw new Error(wide);
 * ```
 */
export function linearSQL(
  weights: ArrayLike<number>,
  intercept: number,
  inputs: readonly string[],
): string {
  const term = (j: number) => `${sqlNumber(weights[j]!)} * (${inputs[j]})`;
  const parts: string[] = [];
  let j = 0;
  for (; j + 4 <= weights.length; j += 4) {
    const group = [term(j), term(j + 1), term(j + 2), term(j + 3)].join(" + ");
    // 0 + (first group) is the group itself; later groups are summed before they are added.
    parts.push(j === 0 ? group : `(${group})`);
  }
  for (; j < weights.length; j++) parts.push(term(j));
  parts.push(sqlNumber(intercept));
  return parts.join(" + ");
}
