/**
 * Drift of one feature (or of the predictions) between a reference window
 * and the current one: PSI, the shift of the mean in reference standard
 * deviations, and the shift of the quartiles and tails.
 *
 * @module
 */
import {
  binCounts,
  populationStability,
  quantileEdges,
  quantileSorted,
} from "./population_stability.ts";

/** The drift of a numeric column. */
export interface NumericDrift {
  /** "number". */
  kind: "number";
  /** Population stability index over the reference's decile bins. */
  psi: number | null;
  /** Reference and current mean. */
  mean: { reference: number; current: number };
  /** (current mean − reference mean) / reference standard deviation. */
  mean_shift: number | null;
  /** Quantiles p5, p25, p50, p75, p95 of both windows. */
  quantiles: { q: number; reference: number; current: number }[];
  /** Values counted in each window (missing values are left out). */
  rows: { reference: number; current: number };
  /** Share of missing values in each window. */
  missing: { reference: number; current: number };
}

/** The drift of a category column. */
export interface CategoryDrift {
  /** "category". */
  kind: "category";
  /** Population stability index over the levels (missing is a level). */
  psi: number | null;
  /** Share of each level in both windows. */
  shares: { level: string; reference: number; current: number }[];
  /** Values counted in each window. */
  rows: { reference: number; current: number };
}

/** Drift of a column of either kind. */
export type ColumnDrift = NumericDrift | CategoryDrift;

const _QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

function _present(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) out.push(values[i]!);
  return Float64Array.from(out).sort();
}

function _mean(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

/**
 * Drift of numeric values (NaN = missing) of a current window against a reference.
 *
 * @example
 * ```ts
 * import { numericDrift } from "./feature_drift.ts";
 * const ref = Float64Array.from({ length: 1000 }, (_, i) => i % 100);
 * const d = numericDrift(ref, ref.map((v) => v + 30));
 * if (!(d.psi! > 0.25) || !(d.mean_shift! > 1)) throw new Error(JSON.stringify(d));
 * ```
 */
export function numericDrift(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): NumericDrift {
  const ref = _present(reference), cur = _present(current);
  const edges = quantileEdges(ref);
  const psi = ref.length && cur.length
    ? populationStability(binCounts(ref, edges), binCounts(cur, edges))
    : null;
  const mr = _mean(ref), mc = _mean(cur);
  let ss = 0;
  for (const v of ref) ss += (v - mr) ** 2;
  const sd = Math.sqrt(ss / ref.length);
  return {
    kind: "number",
    psi: psi === null || Number.isNaN(psi) ? null : psi,
    mean: { reference: mr, current: mc },
    mean_shift: ref.length && cur.length && sd > 0 ? (mc - mr) / sd : null,
    quantiles: _QUANTILES.map((q) => ({
      q,
      reference: quantileSorted(ref, q),
      current: quantileSorted(cur, q),
    })),
    rows: { reference: ref.length, current: cur.length },
    missing: {
      reference: reference.length ? 1 - ref.length / reference.length : 0,
      current: current.length ? 1 - cur.length / current.length : 0,
    },
  };
}

/**
 * Drift of category values (`null` = missing, a level of its own).
 *
 * @example
 * ```ts
 * import { categoryDrift } from "./feature_drift.ts";
 * const d = categoryDrift(["a", "a", "b", "b"], ["a", "b", "b", "b"]);
 * if (d.shares.find((s) => s.level === "b")?.current !== 0.75) throw new Error();
 * ```
 */
export function categoryDrift(
  reference: ArrayLike<unknown>,
  current: ArrayLike<unknown>,
): CategoryDrift {
  const count = (values: ArrayLike<unknown>) => {
    const m = new Map<string, number>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const key = v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))
        ? "(missing)"
        : String(v);
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    return m;
  };
  const r = count(reference), c = count(current);
  const levels = [...new Set([...r.keys(), ...c.keys()])].sort();
  const e = levels.map((l) => r.get(l) ?? 0), a = levels.map((l) => c.get(l) ?? 0);
  const psi = reference.length && current.length ? populationStability(e, a) : null;
  return {
    kind: "category",
    psi,
    shares: levels.map((level, k) => ({
      level,
      reference: reference.length ? e[k]! / reference.length : 0,
      current: current.length ? a[k]! / current.length : 0,
    })),
    rows: { reference: reference.length, current: current.length },
  };
}
