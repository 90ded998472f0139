/**
 * Numbers in generated SQL.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";

/**
 * A number as a SQL literal with round-trip precision, negatives in
 * parentheses so that `a - -1` can never become a comment `--`.
 *
 * @example
 * ```ts
 * import { sqlNumber } from "./sql_number.ts";
 * if (sqlNumber(-1e-7) !== "(-1e-7)" || sqlNumber(0.1) !== "0.1") throw new Error();
 * ```
 */
export function sqlNumber(x: number): string {
  if (!Number.isFinite(x)) {
    throw new RatchetError(
      "internal",
      `Cannot write ${x} as a SQL number: coefficients must be finite`,
    );
  }
  return x < 0 ? `(${x})` : String(x);
}
