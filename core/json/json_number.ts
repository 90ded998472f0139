/**
 * A number as JSON text, for responses written piece by piece.
 *
 * @module
 */

/**
 * `x` as `JSON.stringify(x)` writes it: the shortest text that reads back
 * as `x` (`-0` as `0`), and `null` for NaN and the infinities, which JSON
 * cannot hold.
 *
 * @example
 * ```ts
 * import { jsonNumber } from "./json_number.ts";
 * for (const x of [0.1, -0, 1e21, 5e-324, NaN, -Infinity]) {
 *   if (jsonNumber(x) !== JSON.stringify(x)) throw new Error(String(x));
 * }
 * ```
 */
export function jsonNumber(x: number): string {
  return x - x === 0 ? String(x) : "null";
}
