/**
 * numpy's summation orders, so that our sums round exactly as scikit-learn's.
 *
 * numpy adds a contiguous run of values pairwise (eight running partial sums,
 * split in halves past 128 values), but sums a C-ordered matrix down its rows
 * (`axis=0`) one row after another. GaussianNB uses both: pairwise across
 * features when predicting, row after row when fitting.
 *
 * @module
 */

/**
 * numpy's `pairwise_sum` of `a[start]…a[start+count-1]`: what `np.sum` gives
 * over a contiguous run, e.g. one row of a C-ordered matrix with `axis=1`.
 *
 * @example
 * ```ts
 * import { pairwiseSum } from "./numpy_sum.ts";
 * const a = new Float64Array([1e16, 1, -1e16, 1, 2, 3, 4, 5, 6]);
 * if (pairwiseSum(a, 0, 3) !== 0) throw new Error(); // 1e16 + 1 rounds away the 1
 * if (pairwiseSum(a, 3, 6) !== 21) throw new Error();
 * ```
 */
export function pairwiseSum(a: ArrayLike<number>, start: number, count: number): number {
  if (count < 8) {
    let res = 0;
    for (let i = start; i < start + count; i++) res += a[i]!;
    return res;
  }
  if (count <= 128) {
    let r0 = a[start]!, r1 = a[start + 1]!, r2 = a[start + 2]!, r3 = a[start + 3]!;
    let r4 = a[start + 4]!, r5 = a[start + 5]!, r6 = a[start + 6]!, r7 = a[start + 7]!;
    const blocks = count - (count % 8);
    let i = 8;
    for (; i < blocks; i += 8) {
      const b = start + i;
      r0 += a[b]!;
      r1 += a[b + 1]!;
      r2 += a[b + 2]!;
      r3 += a[b + 3]!;
      r4 += a[b + 4]!;
      r5 += a[b + 5]!;
      r6 += a[b + 6]!;
      r7 += a[b + 7]!;
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < count; i++) res += a[start + i]!;
    return res;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, count - half);
}

/**
 * `np.sum(X, axis=0)[j]` where `values[0…count-1]` is column j of X, and X
 * has `features` columns: numpy sums a column of a C-ordered matrix row after
 * row, except when X has a single column, which is contiguous and so summed
 * pairwise.
 *
 * @example
 * ```ts
 * import { columnSum } from "./numpy_sum.ts";
 * const column = new Float64Array([1, 2, 3, 4]);
 * if (columnSum(column, 3, 2) !== 6 || columnSum(column, 4, 1) !== 10) throw new Error();
 * ```
 */
export function columnSum(values: Float64Array, count: number, features: number): number {
  if (features === 1) return pairwiseSum(values, 0, count);
  let res = 0;
  for (let i = 0; i < count; i++) res += values[i]!;
  return res;
}
