/**
 * Numbers in generated SQL.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";

/**
 * A number as a SQL literal that reads back as exactly the same double:
 * always in exponent form (`1e-1`, `2e0`, `1.5e300`), the shortest digits
 * that round-trip, because DuckDB types a plain `0.1` as DECIMAL (and a
 * long one may then round differently from the double) but any literal with
 * an exponent as DOUBLE, parsed with correct rounding. Negatives (and -0)
 * are in parentheses so that `a - -1` can never become a comment `--`.
 *
 * @example
 * ```ts
 * import { sqlNumber } from "./sql_number.ts";
 * if (sqlNumber(-1e-7) !== "(-1e-7)" || sqlNumber(0.1) !== "1e-1" || sqlNumber(2) !== "2e0") throw new Error();
 * if (sqlNumber(-0) !== "(-0e0)" || sqlNumber(1.5e300) !== "1.5e300") throw new Error();
 * ```
 */
export function sqlNumber(x: number): string {
  if (!Number.isFinite(x)) {
    throw new RatchetError(
      "internal",
      `Cannot write ${x} as a SQL number: coefficients must be finite`,
    );
  }
  // toExponential() without digits gives the shortest digits that read back as x.
  const text = x.toExponential().replace("e+", "e");
  return x < 0 || Object.is(x, -0) ? `(${Object.is(x, -0) ? "-" : ""}${text})` : text;
}
