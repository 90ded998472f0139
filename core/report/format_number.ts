/**
 * Numbers in the report: four significant digits, a dash for a value that
 * does not exist.
 *
 * @module
 */
import { formatValue } from "../requirements/mod.ts";

/**
 * Formats a metric value; `near` (a threshold) keeps a value that fails it
 * from printing as equal to it.
 *
 * @example
 * ```ts
 * import { formatNumber } from "./format_number.ts";
 * if (formatNumber(0.123456) !== "0.1235" || formatNumber(null) !== "—") throw new Error();
 * if (formatNumber(0.69996, 0.7) !== "0.69996" || formatNumber(19654321e6) !== "1.965e+13") throw new Error();
 * ```
 */
export function formatNumber(value: number | null | undefined, near?: number): string {
  if (typeof value !== "number") return "—";
  const shown = formatValue(value, near);
  // mape explodes on targets near zero: 19650000000000 reads better as 1.965e+13.
  return Math.abs(value) >= 1e6 ? Number(shown).toExponential() : shown;
}
