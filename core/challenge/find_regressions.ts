/**
 * Partitions where the candidate is worse than the champion by more than a
 * tolerance: a rule of the verdict, unless a person says why they are
 * acceptable.
 *
 * @module
 */
import type { ChallengeRegressions } from "./challenge_result.ts";
import type { PairedPartitions } from "./paired_partitions.ts";

/** The default tolerance of a partition's regression: this share of the champion's mean. */
export const DEFAULT_TOLERANCE_SHARE = 0.1;

/** Options of {@linkcode findRegressions}. */
export interface RegressionOptions {
  /** In metric units; default {@linkcode DEFAULT_TOLERANCE_SHARE} of |the champion's mean over partitions|. */
  tolerance?: number;
  /** Why the regressions are acceptable, when a person said so. */
  reason?: string;
}

/**
 * The partitions whose improvement is below −tolerance, worst first. The
 * default tolerance scales with the metric (10% of the champion's mean), so
 * it means the same for roc_auc near 0.7 and rmse near 3 °C.
 *
 * @example
 * ```ts
 * import { findRegressions } from "./find_regressions.ts";
 * const p = (partition: string, improvement: number) => ({
 *   partition, rows: 30, champion: 0.7, candidate: 0.7 + improvement, diff: improvement, improvement,
 *   outcome: improvement > 0 ? "better" as const : "worse" as const,
 * });
 * const paired = { metric: "roc_auc" as const, better: 1, worse: 2, equal: 0, unpaired: 0,
 *   partitions: [p("a", 0.1), p("b", -0.05), p("c", -0.2)] };
 * const r = findRegressions(paired, 0.7);
 * if (r.partitions.map((x) => x.partition).join() !== "c" || r.tolerance_source !== "default") throw new Error();
 * if (findRegressions(paired, 0.7, { tolerance: 0.01 }).partitions.length !== 2) throw new Error();
 * ```
 */
export function findRegressions(
  paired: PairedPartitions,
  championMean: number | null,
  options: RegressionOptions = {},
): ChallengeRegressions {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE_SHARE * Math.abs(championMean ?? 0);
  const partitions = paired.partitions
    .filter((p) => p.improvement !== null && p.improvement < -tolerance)
    .sort((a, b) => a.improvement! - b.improvement!);
  return {
    tolerance,
    tolerance_source: options.tolerance === undefined ? "default" : "option",
    partitions,
    ...(options.reason !== undefined ? { reason: options.reason } : {}),
  };
}
