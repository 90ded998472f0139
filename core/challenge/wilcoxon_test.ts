/**
 * The Wilcoxon signed-rank test of paired differences: do the partitions
 * where the candidate is better outweigh, by rank, those where it is worse?
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { normalSf } from "./normal_sf.ts";

/** Differences up to this many (without zeros and ties) get an exact p-value. */
export const WILCOXON_EXACT_MAX = 50;

/** What {@linkcode wilcoxonTest} found. */
export interface WilcoxonResult {
  /** Non-zero differences ranked (zeros are dropped, scipy's `zero_method="wilcox"`). */
  n: number;
  /** Differences equal to zero, left out. */
  zeros: number;
  /** Sum of the ranks of positive differences. */
  r_plus: number;
  /** Sum of the ranks of negative differences. */
  r_minus: number;
  /** min(r_plus, r_minus), the statistic scipy reports for a two-sided test. */
  statistic: number;
  /** `exact` (the null distribution enumerated) or `approx` (normal, tie and continuity corrected). */
  method: "exact" | "approx";
  /** The normal deviate, for `approx`. */
  z: number | null;
  /** Two-sided p-value; 1 when there is no non-zero difference. */
  p_value: number;
}

/**
 * The two-sided Wilcoxon signed-rank test of `differences` against a
 * median of zero. Zeros are dropped; |d| ties get average ranks. With at
 * most {@linkcode WILCOXON_EXACT_MAX} differences and no ties the p-value
 * is exact (`scipy.stats.wilcoxon(d, method="exact")` on the non-zero
 * differences); otherwise it is the normal approximation with the tie
 * correction of the variance and a continuity correction
 * (`method="approx", correction=True`).
 *
 * @example
 * ```ts
 * import { wilcoxonTest } from "./wilcoxon_test.ts";
 * const r = wilcoxonTest([1, -2, 3, 4, 5, 6, -7]);
 * // scipy.stats.wilcoxon([1, -2, 3, 4, 5, 6, -7]): statistic 9, p 0.46875
 * if (r.statistic !== 9 || r.method !== "exact" || Math.abs(r.p_value - 0.46875) > 1e-15) {
 *   throw new Error(JSON.stringify(r));
 * }
 * ```
 */
export function wilcoxonTest(differences: readonly number[]): WilcoxonResult {
  for (const d of differences) {
    if (!Number.isFinite(d)) throw invalid(`Invalid difference ${d}: expected finite numbers`);
  }
  const nonzero = differences.filter((d) => d !== 0);
  const zeros = differences.length - nonzero.length;
  const n = nonzero.length;
  const { ranks, tieGroups } = _ranks(nonzero.map(Math.abs));
  let rPlus = 0, rMinus = 0;
  nonzero.forEach((d, i) => (d > 0 ? (rPlus += ranks[i]!) : (rMinus += ranks[i]!)));
  const statistic = Math.min(rPlus, rMinus);
  const base = { n, zeros, r_plus: rPlus, r_minus: rMinus, statistic };
  if (n === 0) return { ...base, method: "exact", z: null, p_value: 1 };
  if (n <= WILCOXON_EXACT_MAX && tieGroups.length === 0) {
    return { ...base, method: "exact", z: null, p_value: _exactP(n, rPlus) };
  }
  const mean = n * (n + 1) / 4;
  let variance = n * (n + 1) * (2 * n + 1);
  for (const t of tieGroups) variance -= 0.5 * t * (t * t - 1);
  const se = Math.sqrt(variance / 24);
  const z = (statistic - mean - 0.5 * Math.sign(statistic - mean)) / se;
  return { ...base, method: "approx", z, p_value: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

// Average ranks (1-based) of `values`, and the sizes of groups of ties.
function _ranks(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  const tieGroups: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    if (end - start > 1) tieGroups.push(end - start);
    start = end;
  }
  return { ranks, tieGroups };
}

// Two-sided exact p-value of r_plus: the number of subsets of {1..n} with each
// rank sum counted exactly (below 2^53 for n ≤ 50), over 2^n.
function _exactP(n: number, rPlus: number): number {
  const max = n * (n + 1) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let s = k * (k + 1) / 2; s >= k; s--) counts[s]! += counts[s - k]!;
  }
  let below = 0, above = 0;
  for (let s = 0; s <= max; s++) {
    if (s <= rPlus) below += counts[s]!;
    if (s >= rPlus) above += counts[s]!;
  }
  return Math.min(1, (2 * Math.min(below, above)) / 2 ** n);
}
