/**
 * The shape check every accumulator's `add` starts with.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/**
 * Checks that `target` holds `n` rows and `outputs` holds `width` values per
 * row, throwing an error that says which is short.
 *
 * @example
 * ```ts
 * import { checkBatch } from "./check_batch.ts";
 * checkBatch(new Float64Array(2), new Float64Array(4), 2, 2);
 * let msg = "";
 * try { checkBatch(new Float64Array(2), new Float64Array(3), 2, 2); } catch (e) { msg = String(e); }
 * if (!msg.includes("expected 2 per row")) throw new Error(msg);
 * ```
 */
export function checkBatch(
  target: Float64Array,
  outputs: Float64Array,
  n: number,
  width: number,
): void {
  if (!Number.isInteger(n) || n < 0) {
    throw invalid(`Cannot score a batch of ${n} rows: expected a whole number ≥ 0`);
  }
  if (target.length < n) {
    throw invalid(`Cannot score ${n} rows: the target holds only ${target.length} values`);
  }
  if (outputs.length < width * n) {
    throw invalid(
      `Cannot score ${n} rows: the outputs hold ${outputs.length} values, expected ${width} per row (${
        width * n
      } in all)`,
    );
  }
}
