/**
 * One side of a trial measured: the outcomes as the log wrote them turned
 * into what the metric accumulators take, and the logged predictions
 * scored per partition and pooled with the same metric code as back-tests.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import type { BacktestPartition } from "../backtest/mod.ts";
import type { PairedSide } from "../challenge/mod.ts";
import type { Task } from "../contract/mod.ts";
import { invalid } from "../errors/mod.ts";
import { accumulatorFor, type PartitionMetrics } from "../evaluate/mod.ts";
import type { MetricAccumulator, MetricsReport } from "../metrics/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { levelLookup } from "../preprocess/mod.ts";

/** What a model's metrics need to know of it. */
export type MeasuredModel = Pick<CompiledModel, "task" | "shape" | "positive" | "labels">;

/** One side measured on the live rows. */
export interface LiveMeasure {
  /** Every metric on all rows. */
  pooled: MetricsReport;
  /** Every metric per partition, in the order partitions first appear. */
  partitions: PartitionMetrics[];
  /** The rows for the paired bootstrap: labels and row-major outputs. */
  paired: PairedSide;
}

/**
 * The outcomes as numbers the accumulators take: the value for a
 * regression, the class index in `labels` for a classifier (a label logged
 * as text, `"1"`, is the label 1). An outcome that is no class is an error
 * naming it.
 *
 * @example
 * ```ts
 * import { encodeOutcomes } from "./measure_live.ts";
 * const y = encodeOutcomes("binary", ["no", "yes"], ["yes", "no"], "live-churn");
 * if (y.join() !== "1,0") throw new Error(y.join());
 * ```
 */
export function encodeOutcomes(
  task: Task,
  labels: readonly Label[],
  values: readonly unknown[],
  where: string,
): Float64Array {
  const code = task === "regression" ? undefined : levelLookup(labels);
  return Float64Array.from(values, (v, i) => {
    const k = code === undefined ? (typeof v === "number" ? v : NaN) : code(v);
    if (code === undefined ? !Number.isFinite(k) : k < 0) {
      throw invalid(
        `${where}: the outcome ${JSON.stringify(v)} of row ${i + 1} is not ` +
          (code === undefined
            ? "a finite number"
            : `a class of the model (classes: ${labels.map((l) => JSON.stringify(l)).join(", ")})`),
      );
    }
    return k;
  });
}

/**
 * Scores logged outputs (one column per output: the value, or one
 * probability per class) against `y`, per partition and pooled.
 *
 * @example
 * ```ts
 * import { measureLive } from "./measure_live.ts";
 * const model = { task: "regression" as const, shape: { task: "regression" as const, inputs: [], classes: 1 }, positive: -1, labels: [] };
 * const m = measureLive(model, Float64Array.of(1, 2, 3), ["a", "a", "b"], [Float64Array.of(1, 3, 3)]);
 * if (m.partitions.map((p) => p.values.mae).join() !== "0.5,0" || m.pooled.rows !== 3) throw new Error();
 * ```
 */
export function measureLive(
  model: MeasuredModel,
  y: Float64Array,
  partition: readonly string[],
  outputs: readonly Float64Array[],
): LiveMeasure {
  const n = y.length, w = outputs.length;
  const pooled = accumulatorFor(model);
  const parts = new Map<string, MetricAccumulator>();
  const rowMajor = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < w; k++) rowMajor[i * w + k] = outputs[k]![i]!;
  }
  // Rows come in request order, so a partition is a run of rows: one batch per run.
  for (let a = 0; a < n;) {
    let b = a + 1;
    while (b < n && partition[b] === partition[a]) b++;
    const m = b - a;
    const out = new Float64Array(m * w);
    for (let k = 0; k < w; k++) out.set(outputs[k]!.subarray(a, b), k * m);
    const ys = y.subarray(a, b);
    const label = partition[a]!;
    let acc = parts.get(label);
    if (acc === undefined) parts.set(label, acc = accumulatorFor(model));
    acc.add(ys, out, m);
    pooled.add(ys, out, m);
    a = b;
  }
  return {
    pooled: pooled.finish(),
    partitions: [...parts].map(([label, acc]) => ({ partition: label, ...acc.finish() })),
    paired: { target: y, outputs: rowMajor, width: w },
  };
}

/**
 * Live partitions in the shape of back-test partitions, which the
 * challenge's pairing and charts read: the same facts under other names.
 *
 * @example
 * ```ts
 * import { asBacktestPartitions } from "./measure_live.ts";
 * const [p] = asBacktestPartitions([{ partition: "2026-03-01", rows: 9, values: { mae: 1 }, reasons: {} }]);
 * if (p!.metrics.mae !== 1 || p!.partition !== "2026-03-01") throw new Error();
 * ```
 */
export function asBacktestPartitions(partitions: readonly PartitionMetrics[]): BacktestPartition[] {
  return partitions.map((p) => ({
    partition: p.partition,
    rows: p.rows,
    metrics: p.values,
    undefined: p.reasons,
  }));
}
