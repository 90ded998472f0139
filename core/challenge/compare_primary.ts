/**
 * The primary metric of champion and candidate compared with evidence:
 * per-partition counts, a sign test and a Wilcoxon signed-rank test of the
 * partition differences, and the pooled difference with its paired
 * bootstrap interval.
 *
 * @module
 */
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import type { BootstrapInterval } from "./paired_bootstrap.ts";
import type { PairedPartitions } from "./paired_partitions.ts";
import type { PairedRows } from "./paired_rows.ts";
import type { PrimaryComparison } from "./challenge_result.ts";
import { signTest } from "./sign_test.ts";
import { wilcoxonTest } from "./wilcoxon_test.ts";

/**
 * Puts the evidence on the primary metric together.
 *
 * @example
 * ```ts
 * import { comparePrimary } from "./compare_primary.ts";
 * const report = (v: number) => ({ rows: 60, values: { rmse: v }, reasons: {} });
 * const c = comparePrimary("rmse", 0.5, {
 *   metric: "rmse", better: 2, worse: 0, equal: 0, unpaired: 0,
 *   partitions: [
 *     { partition: "a", rows: 30, champion: 3, candidate: 2, diff: -1, improvement: 1, outcome: "better" },
 *     { partition: "b", rows: 30, champion: 4, candidate: 3.5, diff: -0.5, improvement: 0.5, outcome: "better" },
 *   ],
 * }, {
 *   rows: 60, kept: 60, sampled: false, pooled: { champion: report(3.6), candidate: report(2.8) },
 * }, { ci: [-1.2, -0.4], confidence: 0.95, resamples: 1000, undefined_resamples: 0, seed: 1, rows: 60 });
 * if (c.direction !== "lower" || Math.abs(c.improvement! - 0.8) > 1e-12 || c.partitions_better !== 2) throw new Error();
 * ```
 */
export function comparePrimary(
  metric: MetricName,
  minImprovement: number,
  paired: PairedPartitions,
  rows: Pick<PairedRows, "rows" | "kept" | "sampled" | "pooled">,
  interval: BootstrapInterval,
): PrimaryComparison {
  const lower = LOWER_IS_BETTER.has(metric);
  const value = (v: number | null | undefined) =>
    typeof v === "number" && Number.isFinite(v) ? v : null;
  const champion = value(rows.pooled.champion.values[metric]);
  const candidate = value(rows.pooled.candidate.values[metric]);
  const diff = champion === null || candidate === null ? null : candidate - champion;
  const improvements = paired.partitions.flatMap((p) =>
    p.improvement === null ? [] : [p.improvement]
  );
  const mean = (who: "champion" | "candidate") => {
    const xs = paired.partitions.flatMap((p) => p[who] === null ? [] : [p[who]!]);
    return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
  };
  return {
    metric,
    direction: lower ? "lower" : "higher",
    champion,
    candidate,
    diff,
    improvement: diff === null ? null : lower ? -diff : diff,
    min_improvement: minImprovement,
    ci: interval.ci,
    confidence: interval.confidence,
    partitions_better: paired.better,
    partitions_worse: paired.worse,
    partitions_equal: paired.equal,
    partitions_unpaired: paired.unpaired,
    partition_means: { champion: mean("champion"), candidate: mean("candidate") },
    sign_test: signTest(paired.better, paired.worse),
    wilcoxon: wilcoxonTest(improvements),
    bootstrap: {
      resamples: interval.resamples,
      undefined_resamples: interval.undefined_resamples,
      seed: interval.seed,
      rows: rows.rows,
      kept: rows.kept,
      sampled: rows.sampled,
    },
  };
}
