/**
 * The primary metric of champion and candidate side by side, partition by
 * partition, and which way each partition went.
 *
 * @module
 */
import type { BacktestPartition } from "../backtest/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";

/** How a partition went for the candidate. */
export type PartitionOutcome = "better" | "worse" | "equal" | "unpaired";

/** One partition of the comparison. */
export interface PairedPartition {
  /** The partition's label. */
  partition: string;
  /** Rows scored (the same rows for both models). */
  rows: number;
  /** The champion's value; null where undefined or unscored. */
  champion: number | null;
  /** The candidate's value; null where undefined or unscored. */
  candidate: number | null;
  /** candidate − champion; null when either is missing. */
  diff: number | null;
  /** The difference in the improving direction (> 0: the candidate is better); null when either is missing. */
  improvement: number | null;
  /** Better, worse, equal, or unpaired (a value is missing, with `reason`). */
  outcome: PartitionOutcome;
  /** Why an unpaired partition has no difference. */
  reason?: string;
}

/** Every partition compared, with the counts. */
export interface PairedPartitions {
  /** The metric compared. */
  metric: MetricName;
  /** Per partition, in order. */
  partitions: PairedPartition[];
  /** Partitions where the candidate is better. */
  better: number;
  /** Partitions where the candidate is worse. */
  worse: number;
  /** Partitions where both have the same value. */
  equal: number;
  /** Partitions without a value for one of the two. */
  unpaired: number;
}

/**
 * Pairs two back-tests of the same partitions on `metric`. The improvement
 * is candidate − champion, or champion − candidate where lower is better
 * (`LOWER_IS_BETTER`), so that a positive improvement is always a win.
 *
 * @example
 * ```ts
 * import { pairPartitions } from "./paired_partitions.ts";
 * const p = (partition: string, log_loss: number | null) => ({ partition, rows: 30, metrics: { log_loss } });
 * const paired = pairPartitions(
 *   [p("2015-01", 0.5), p("2015-02", 0.4), p("2015-03", null)],
 *   [p("2015-01", 0.45), p("2015-02", 0.4), p("2015-03", 0.3)],
 *   "log_loss",
 * );
 * if (paired.better !== 1 || paired.equal !== 1 || paired.unpaired !== 1) throw new Error(JSON.stringify(paired));
 * if (Math.abs(paired.partitions[0]!.improvement! - 0.05) > 1e-12) throw new Error();
 * ```
 */
export function pairPartitions(
  champion: readonly BacktestPartition[],
  candidate: readonly BacktestPartition[],
  metric: MetricName,
): PairedPartitions {
  if (
    champion.length !== candidate.length ||
    champion.some((p, k) => p.partition !== candidate[k]!.partition)
  ) {
    throw new RatchetError(
      "internal",
      "The back-tests of champion and candidate cover different partitions; they must read the same data",
    );
  }
  const lower = LOWER_IS_BETTER.has(metric);
  const counts = { better: 0, worse: 0, equal: 0, unpaired: 0 };
  const partitions = champion.map((a, k): PairedPartition => {
    const b = candidate[k]!;
    const x = _value(a, metric), y = _value(b, metric);
    const base = { partition: a.partition, rows: b.rows };
    if (x === null || y === null) {
      counts.unpaired++;
      return {
        ...base,
        champion: x,
        candidate: y,
        diff: null,
        improvement: null,
        outcome: "unpaired",
        reason: _why(a, "champion", metric) ?? _why(b, "candidate", metric) ?? "not measured",
      };
    }
    const diff = y - x;
    const improvement = lower ? -diff : diff;
    const outcome = improvement > 0 ? "better" : improvement < 0 ? "worse" : "equal";
    counts[outcome]++;
    return { ...base, champion: x, candidate: y, diff, improvement, outcome };
  });
  return { metric, partitions, ...counts };
}

function _value(p: BacktestPartition, metric: string): number | null {
  const v = p.error === undefined ? p.metrics[metric] : null;
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function _why(p: BacktestPartition, who: string, metric: string): string | undefined {
  if (p.error !== undefined) return `the ${who} could not be scored: ${p.error}`;
  const v = p.metrics[metric];
  if (typeof v === "number" && Number.isFinite(v)) return undefined;
  return p.undefined?.[metric] ?? `${metric} not measured for the ${who}`;
}
