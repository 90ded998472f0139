/**
 * The paired bootstrap: how sure are we that the candidate beats the
 * champion on the pooled rows? Resample the rows with replacement, measure
 * both models on each resample (the same rows for both, so their shared
 * luck cancels), and read the interval of the difference off the resampled
 * differences.
 *
 * @module
 */
import { accumulatorFor } from "../evaluate/mod.ts";
import { invalid } from "../errors/mod.ts";
import type { MetricName } from "../metrics/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { createRandom } from "../random/mod.ts";
import type { PairedRows, PairedSide } from "./paired_rows.ts";

/** Resamples by default. */
export const DEFAULT_RESAMPLES = 1000;

/** Options of {@linkcode pairedBootstrap}. */
export interface BootstrapOptions {
  /** Resamples (default {@linkcode DEFAULT_RESAMPLES}); at least 100. */
  resamples?: number;
  /** Seed (default 1): the same seed gives the same interval. */
  seed?: number;
  /** Coverage of the interval, in (0, 1); default 0.95. */
  confidence?: number;
}

/** The bootstrap's interval of candidate − champion. */
export interface BootstrapInterval {
  /** `[lo, hi]` of candidate − champion; null when too few resamples had the metric defined. */
  ci: [number, number] | null;
  /** Coverage, e.g. 0.95. */
  confidence: number;
  /** Resamples drawn. */
  resamples: number;
  /** Resamples where the metric was undefined for a model (e.g. one class only), left out. */
  undefined_resamples: number;
  /** The seed used. */
  seed: number;
  /** Rows each resample draws (the rows kept). */
  rows: number;
}

/**
 * A paired percentile bootstrap of `metric`, candidate − champion, over
 * the rows kept in `paired`: each resample draws `kept` row indices with
 * replacement (the same for both models) and measures both models with the
 * same metric code as back-tests. The interval's ends are the
 * `(1 − confidence) / 2` and `(1 + confidence) / 2` quantiles of the
 * resampled differences (linear interpolation, numpy's default).
 *
 * @example
 * ```ts ignore
 * const ci = pairedBootstrap(rows, "roc_auc", champion, candidate, { seed: 7 });
 * if (ci.ci && ci.ci[0] > 0) console.log("the candidate is better");
 * ```
 */
export function pairedBootstrap(
  paired: PairedRows,
  metric: MetricName,
  champion: Pick<CompiledModel, "task" | "shape" | "positive">,
  candidate: Pick<CompiledModel, "task" | "shape" | "positive">,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 100 || resamples > 1_000_000) {
    throw invalid(
      `Invalid resamples ${resamples}: expected a whole number from 100 to 1000000 (default ${DEFAULT_RESAMPLES})`,
    );
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw invalid(`Invalid confidence ${confidence}: expected a number between 0 and 1, e.g. 0.95`);
  }
  const n = paired.kept;
  const base = { confidence, resamples, seed, rows: n };
  if (n === 0) return { ...base, ci: null, undefined_resamples: resamples };
  const rng = createRandom(seed);
  const index = new Uint32Array(n);
  const buffers = [paired.champion, paired.candidate].map((side) => ({
    side,
    y: new Float64Array(n),
    out: new Float64Array(n * side.width),
  }));
  const models = [champion, candidate];
  const diffs: number[] = [];
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) index[i] = rng.int(n);
    const values = buffers.map((buf, s) => {
      _gather(buf.side, index, buf.y, buf.out);
      const acc = accumulatorFor(models[s]!);
      acc.add(buf.y, buf.out, n);
      const v = acc.finish().values[metric];
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    });
    if (values[0] !== null && values[1] !== null) diffs.push(values[1]! - values[0]!);
  }
  const undefinedResamples = resamples - diffs.length;
  // An interval from fewer than half the resamples would describe other data than was asked about.
  if (diffs.length < resamples / 2) {
    return { ...base, ci: null, undefined_resamples: undefinedResamples };
  }
  diffs.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return {
    ...base,
    ci: [quantile(diffs, tail), quantile(diffs, 1 - tail)],
    undefined_resamples: undefinedResamples,
  };
}

/**
 * The `q` quantile of sorted values, interpolated linearly between the
 * closest ranks (numpy's `percentile` default).
 *
 * @example
 * ```ts
 * import { quantile } from "./paired_bootstrap.ts";
 * if (quantile([1, 2, 3, 4], 0.5) !== 2.5 || quantile([1, 2, 3, 4], 0.025) !== 1.075) throw new Error();
 * ```
 */
export function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h), hi = Math.ceil(h);
  const a = sorted[lo]!, b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

// Copies the rows `index` names into the accumulator's output-major layout.
function _gather(side: PairedSide, index: Uint32Array, y: Float64Array, out: Float64Array): void {
  const n = index.length, w = side.width;
  for (let i = 0; i < n; i++) {
    const j = index[i]!;
    y[i] = side.target[j]!;
    for (let k = 0; k < w; k++) out[k * n + i] = side.outputs[j * w + k]!;
  }
}
