/**
 * A baseline: what a model version measured, per metric min, mean and max
 * over partitions, with what it was measured on.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { type Evaluation, summarizePartitions } from "../evaluate/mod.ts";
import type { MetricName } from "../metrics/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { ALL_METRICS, type Baseline, type BaselineMetric } from "./requirements.ts";

/** Options of {@linkcode measureBaseline}. */
export interface MeasureBaselineOptions {
  /** What the rows were: the evaluation sample's file name or the input's path. */
  source: string;
  /** The partition column the evaluation used, if any. */
  partitionBy?: string;
  /** When (ISO 8601); default: now. */
  measured?: string;
}

/**
 * Summarises an evaluation of a published version as a baseline. Metrics
 * undefined in every partition are left out; when partitioned, the window
 * runs from the first partition label to the last.
 *
 * @example
 * ```ts
 * import { measureBaseline } from "./measure_baseline.ts";
 * const baseline = measureBaseline({ label: "churn@3", artifact: { version: 3 } }, {
 *   overall: { rows: 30, values: {}, reasons: {} },
 *   partitions: [
 *     { partition: "2024-01", rows: 10, values: { roc_auc: 0.7, brier: null }, reasons: { brier: "x" } },
 *     { partition: "2024-02", rows: 20, values: { roc_auc: 0.8, brier: null }, reasons: { brier: "x" } },
 *   ],
 * }, { source: "evaluation.csv", partitionBy: "month", measured: "2026-11-27" });
 * if (baseline.metrics.roc_auc?.min !== 0.7 || baseline.metrics.brier !== undefined) throw new Error();
 * if (baseline.data.window?.to !== "2024-02" || baseline.version !== 3) throw new Error();
 * ```
 */
export function measureBaseline(
  model: { readonly label: string; readonly artifact: Pick<CompiledModel["artifact"], "version"> },
  evaluation: Evaluation,
  options: MeasureBaselineOptions,
): Baseline {
  const version = model.artifact.version;
  if (version === undefined) {
    throw invalid(`${model.label} is not published: a baseline is measured on a published version`);
  }
  const { partitions } = evaluation;
  if (evaluation.overall.rows === 0 || partitions.length === 0) {
    throw invalid(
      `Cannot measure a baseline of ${model.label} on ${options.source}: it has no rows`,
    );
  }
  const summary = summarizePartitions(partitions);
  const metrics: Partial<Record<MetricName, BaselineMetric>> = {};
  for (const m of ALL_METRICS) {
    const s = summary[m];
    if (s) metrics[m] = { min: s.min, mean: s.mean, max: s.max };
  }
  return {
    version,
    measured: options.measured ?? new Date().toISOString(),
    data: {
      source: options.source,
      ...(options.partitionBy === undefined ? {} : {
        partition_by: options.partitionBy,
        window: { from: partitions[0]!.partition, to: partitions.at(-1)!.partition },
      }),
      partitions: partitions.length,
      rows: evaluation.overall.rows,
    },
    metrics,
  };
}
