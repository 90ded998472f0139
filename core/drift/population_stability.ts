/**
 * The population stability index (PSI): how far a distribution moved from a
 * reference, over shared bins. By the usual rule of thumb, below 0.1 is
 * stable, 0.1–0.25 a moderate shift, above 0.25 a major one.
 *
 * @module
 */

/**
 * PSI = Σ (aᵢ − eᵢ)·ln(aᵢ / eᵢ) over bins, with shares `e` (reference) and
 * `a` (current) taken from counts. Empty bins get a share of `epsilon` so
 * the logarithm stays finite (the convention of NannyML and Evidently).
 *
 * @example
 * ```ts
 * import { populationStability } from "./population_stability.ts";
 * if (populationStability([50, 50], [50, 50]) !== 0) throw new Error();
 * const psi = populationStability([90, 10], [50, 50]);
 * if (Math.abs(psi - (0.4 * Math.log(0.5 / 0.9) * -1 + 0.4 * Math.log(0.5 / 0.1))) > 1e-12) throw new Error(String(psi));
 * ```
 */
export function populationStability(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  epsilon = 1e-4,
): number {
  if (reference.length !== current.length) {
    throw new RangeError("reference and current need the same bins");
  }
  let totalE = 0, totalA = 0;
  for (let i = 0; i < reference.length; i++) {
    totalE += reference[i]!;
    totalA += current[i]!;
  }
  if (totalE === 0 || totalA === 0) return NaN;
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const e = Math.max(reference[i]! / totalE, epsilon);
    const a = Math.max(current[i]! / totalA, epsilon);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/**
 * Bin edges at the reference's quantiles (deciles by default), deduplicated
 * so that heavy ties (a value taken by half the rows) make fewer, wider bins.
 * A value `x` falls in bin `k` when `edges[k-1] < x ≤ edges[k]`; below the
 * first edge is bin 0, above the last is the final bin.
 *
 * @example
 * ```ts
 * import { quantileEdges } from "./population_stability.ts";
 * const edges = quantileEdges(Float64Array.from({ length: 100 }, (_, i) => i), 4);
 * if (edges.join() !== "24.75,49.5,74.25") throw new Error(edges.join());
 * ```
 */
export function quantileEdges(sortedReference: ArrayLike<number>, bins = 10): number[] {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = quantileSorted(sortedReference, k / bins);
    if (edges.length === 0 || q > edges.at(-1)!) edges.push(q);
  }
  return edges;
}

/** Counts of `values` per bin of `edges` (see {@linkcode quantileEdges}); NaN is left out. */
export function binCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    let lo = 0, hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= edges[mid]!) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]!++;
  }
  return counts;
}

/**
 * The `q`-quantile of sorted values with linear interpolation (numpy's
 * default, DuckDB's `quantile_cont`).
 *
 * @example
 * ```ts
 * import { quantileSorted } from "./population_stability.ts";
 * if (quantileSorted([1, 2, 3, 4], 0.5) !== 2.5) throw new Error();
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
