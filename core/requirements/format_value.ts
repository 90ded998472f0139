/**
 * Numbers in requirement messages: short, but never so short that a value
 * below a threshold prints as equal to it.
 *
 * @module
 */

/**
 * Formats `value` with 4 significant digits, or more when needed to keep it
 * on the same side of `near` (a threshold) as the exact value is.
 *
 * @example
 * ```ts
 * import { formatValue } from "./format_value.ts";
 * if (formatValue(0.6412345) !== "0.6412") throw new Error();
 * if (formatValue(0.69996, 0.7) !== "0.69996") throw new Error(formatValue(0.69996, 0.7));
 * if (formatValue(1234567) !== "1235000" || formatValue(2) !== "2") throw new Error();
 * ```
 */
export function formatValue(value: number, near?: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 4; digits < 17; digits++) {
    const shown = Number(value.toPrecision(digits));
    const sameSide = near === undefined || Math.sign(shown - near) === Math.sign(value - near);
    if (sameSide) return String(shown);
  }
  return String(value);
}
