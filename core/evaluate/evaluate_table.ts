/**
 * Measuring a model on labelled rows, as a whole and per partition (a month,
 * a region: any column), with the streaming metric accumulators.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { createAccumulator, type MetricAccumulator, type MetricsReport } from "../metrics/mod.ts";
import { type CompiledModel, encodeTarget } from "../model/mod.ts";
import type { Table } from "../table/mod.ts";

/** The metrics of one partition. */
export interface PartitionMetrics extends MetricsReport {
  /** The partition's label, e.g. `2015-03`; `all` when the rows are not partitioned. */
  partition: string;
}

/** A model measured on a labelled table. */
export interface Evaluation {
  /** Metrics over every row. */
  overall: MetricsReport;
  /** Metrics per partition, sorted by partition label. */
  partitions: PartitionMetrics[];
}

/** Options of {@linkcode evaluateTable}. */
export interface EvaluateOptions {
  /** The label column; default: the artifact's target name. */
  target?: string;
  /** A column whose values name partitions (e.g. `month`); default: one partition, `all`. */
  partitionBy?: string;
}

/** A fresh accumulator for a model's task. */
export function accumulatorFor(
  model: Pick<CompiledModel, "task" | "shape" | "positive">,
): MetricAccumulator {
  return createAccumulator({
    task: model.task,
    classes: model.shape.classes,
    ...(model.positive >= 0 ? { positive: model.positive } : {}),
  });
}

/**
 * Predicts every row once and accumulates metrics overall and per partition.
 *
 * @example
 * ```ts
 * import { evaluateTable } from "./evaluate_table.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import { tableFromRows } from "../table/mod.ts";
 * import { builtinPlugins } from "../../plugins/mod.ts";
 * const model = compileModel({
 *   format: "ratchet.model/v1", plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" }, preprocessing: [],
 *   coefficients: { intercept: 0, weights: [2] }, hyperparameters: {},
 *   provenance: { created: "2026-01-01", source: "example" },
 * }, new PluginRegistry(builtinPlugins));
 * const rows = [{ x: 1, y: 2, m: "a" }, { x: 2, y: 5, m: "b" }];
 * const e = evaluateTable(model, tableFromRows(rows), { partitionBy: "m" });
 * if (e.partitions.length !== 2 || e.partitions[0]!.values.mae !== 0 || e.overall.values.mae !== 0.5) throw new Error();
 * ```
 */
export function evaluateTable(
  model: CompiledModel,
  table: Table,
  options: EvaluateOptions = {},
): Evaluation {
  const targetName = options.target ?? model.artifact.target.name;
  const y = encodeTarget(table, targetName, model.task, model.labels);
  const outputs = model.predictTable(table);
  const n = table.n;
  const overall = accumulatorFor(model);
  overall.add(y, outputs, n);
  if (options.partitionBy === undefined) {
    return { overall: overall.finish(), partitions: [{ partition: "all", ...overall.finish() }] };
  }
  const col = table.column(options.partitionBy);
  if (col === undefined) {
    throw invalid(
      `--partition-by ${options.partitionBy}: the input has no such column; columns: ${
        table.names.join(", ")
      }`,
    );
  }
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v === null || v === undefined || v === "") {
      throw invalid(
        `${table.rowLabel(i)}: the partition column ${
          JSON.stringify(options.partitionBy)
        } is empty`,
      );
    }
    const key = String(v);
    let rows = groups.get(key);
    if (!rows) groups.set(key, rows = []);
    rows.push(i);
  }
  const width = model.width;
  const partitions = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(
    ([partition, rows]) => {
      const m = rows.length;
      const py = new Float64Array(m);
      const po = new Float64Array(width * m);
      rows.forEach((i, r) => {
        py[r] = y[i]!;
        for (let k = 0; k < width; k++) po[k * m + r] = outputs[k * n + i]!;
      });
      const acc = accumulatorFor(model);
      acc.add(py, po, m);
      return { partition, ...acc.finish() };
    },
  );
  return { overall: overall.finish(), partitions };
}
