/**
 * A linear model as a SQL expression.
 *
 * @module
 */
import { sqlNumber } from "../../core/sql/mod.ts";

/**
 * `w_0 * (x_0) + … + w_{p-1} * (x_{p-1}) + b`, evaluated left to right like
 * {@linkcode linearDecision}, with every number written so that it reads back
 * as the same double.
 *
 * @example
 * ```ts
 * import { linearSQL } from "./sql.ts";
 * const sql = linearSQL([2, -0.5], 1, ['"a"', '"b"']);
 * if (sql !== '2 * ("a") + (-0.5) * ("b") + 1') throw new Error(sql);
 * ```
 */
export function linearSQL(
  weights: ArrayLike<number>,
  intercept: number,
  inputs: readonly string[],
): string {
  const terms: string[] = [];
  for (let j = 0; j < weights.length; j++) terms.push(`${sqlNumber(weights[j]!)} * (${inputs[j]})`);
  terms.push(sqlNumber(intercept));
  return terms.join(" + ");
}
