/**
 * The linear score `Σ w_j·x_j + b`, in scikit-learn's order (the dot
 * product, then the intercept), for a range of rows of a batch and for one
 * row. Both functions do the same floating-point operations in the same
 * order, so a batch and a row give bit-identical results.
 *
 * @module
 */

/**
 * Rows per block in batch prediction: a block of the output and of every
 * input column stays in cache while the columns are added in.
 */
export const BLOCK_ROWS = 256;

/**
 * Writes `Σ_j weights[j]·columns[j][i] + intercept` into `out[offset + i]`
 * for rows `from ≤ i < to`. Columns are added four at a time, each group
 * summed before it is added to the running total: one load and store of the
 * output per four columns keeps the loop bound by memory bandwidth, not by
 * stores. {@linkcode linearDecisionRow} groups the terms identically.
 *
 * @example
 * ```ts
 * import { linearDecision } from "./linear_decision.ts";
 * const out = new Float64Array(4);
 * const columns = [new Float64Array([1, 2]), new Float64Array([3, 4])];
 * linearDecision(columns, 0, 2, new Float64Array([10, 1]), 0.5, out, 2);
 * if (out[2] !== 13.5 || out[3] !== 24.5) throw new Error(String(out));
 * ```
 */
export function linearDecision(
  columns: readonly Float64Array[],
  from: number,
  to: number,
  weights: Float64Array,
  intercept: number,
  out: Float64Array,
  offset: number,
): void {
  const p = weights.length;
  const a = from + offset, b = to + offset, shift = offset;
  out.fill(0, a, b);
  let j = 0;
  for (; j + 4 <= p; j += 4) {
    const c0 = columns[j]!, c1 = columns[j + 1]!, c2 = columns[j + 2]!, c3 = columns[j + 3]!;
    const w0 = weights[j]!, w1 = weights[j + 1]!, w2 = weights[j + 2]!, w3 = weights[j + 3]!;
    for (let i = from; i < to; i++) {
      out[i + shift] = out[i + shift]! + (w0 * c0[i]! + w1 * c1[i]! + w2 * c2[i]! + w3 * c3[i]!);
    }
  }
  for (; j < p; j++) {
    const w = weights[j]!;
    const x = columns[j]!;
    for (let i = from; i < to; i++) out[i + shift] = out[i + shift]! + w * x[i]!;
  }
  for (let i = a; i < b; i++) out[i] = out[i]! + intercept;
}

/**
 * The same score for one row, with the same grouping of terms.
 *
 * @example
 * ```ts
 * import { linearDecisionRow } from "./linear_decision.ts";
 * if (linearDecisionRow([1, 3], new Float64Array([10, 1]), 0.5) !== 13.5) throw new Error();
 * ```
 */
export function linearDecisionRow(
  row: ArrayLike<number>,
  weights: Float64Array,
  intercept: number,
): number {
  const p = weights.length;
  let sum = 0;
  let j = 0;
  for (; j + 4 <= p; j += 4) {
    sum += weights[j]! * row[j]! + weights[j + 1]! * row[j + 1]! + weights[j + 2]! * row[j + 2]! +
      weights[j + 3]! * row[j + 3]!;
  }
  for (; j < p; j++) sum += weights[j]! * row[j]!;
  return sum + intercept;
}

/**
 * This module's definitions as a plugin's `toJS` embeds them (see
 * `jsPredictor` in core/contract).
 *
 * @example
 * ```ts
 * import { LINEAR_DECISION_JS } from "./linear_decision.ts";
 * import { jsSource } from "../../core/contract/mod.ts";
 * const row = new Function(`${jsSource(LINEAR_DECISION_JS)}\nreturn linearDecisionRow;`)();
 * if (row([1, 3], new Float64Array([10, 1]), 0.5) !== 13.5) throw new Error();
 * ```
 */
export const LINEAR_DECISION_JS = { BLOCK_ROWS, linearDecision, linearDecisionRow };
