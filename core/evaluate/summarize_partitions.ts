/**
 * A metric over partitions in four numbers: min, mean, max and standard
 * deviation, over the partitions where it is defined.
 *
 * @module
 */
import type { PartitionMetrics } from "./evaluate_table.ts";

/** One metric summarised over partitions. */
export interface MetricSummary {
  /** Smallest partition value. */
  min: number;
  /** Mean of the partition values (each partition counts once). */
  mean: number;
  /** Largest partition value. */
  max: number;
  /** Population standard deviation of the partition values. */
  std: number;
  /** Partitions where the metric is defined. */
  partitions: number;
}

/**
 * Summarises every metric over partitions; a metric undefined in every
 * partition is `null`.
 *
 * @example
 * ```ts
 * import { summarizePartitions } from "./summarize_partitions.ts";
 * const s = summarizePartitions([
 *   { partition: "a", rows: 1, values: { mae: 1, r2: null }, reasons: { r2: "constant target" } },
 *   { partition: "b", rows: 1, values: { mae: 3, r2: null }, reasons: { r2: "constant target" } },
 * ]);
 * if (s.mae?.mean !== 2 || s.mae.std !== 1 || s.r2 !== null) throw new Error();
 * ```
 */
export function summarizePartitions(
  partitions: readonly PartitionMetrics[],
): Record<string, MetricSummary | null> {
  const out: Record<string, MetricSummary | null> = {};
  const names = new Set(partitions.flatMap((p) => Object.keys(p.values)));
  for (const name of names) {
    const values = partitions.map((p) => p.values[name]).filter((v): v is number =>
      typeof v === "number"
    );
    if (values.length === 0) {
      out[name] = null;
      continue;
    }
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    out[name] = {
      min: Math.min(...values),
      mean,
      max: Math.max(...values),
      std: Math.sqrt(variance),
      partitions: values.length,
    };
  }
  return out;
}
