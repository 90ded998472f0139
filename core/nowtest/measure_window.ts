/**
 * One pass over a window: its partitions stream from DuckDB in columnar
 * batches into the compiled model, as in back-tests; the labelled rows go
 * on into the metric accumulator, and every row into the drift profile of
 * the features and predictions.
 *
 * @module
 */
import type { DatasetDescriptor, DatasetPartition } from "../data/mod.ts";
import { scanPartition } from "../data/mod.ts";
import { accumulatorFor } from "../evaluate/mod.ts";
import type { MetricsReport } from "../metrics/mod.ts";
import { type CompiledModel, encodeTarget } from "../model/mod.ts";
import type { Table } from "../table/mod.ts";
import { selectRows } from "./_select_rows.ts";
import { type ProfileKind, type ProfileOptions, WindowProfile } from "./window_profile.ts";

/** What to measure on a window. */
export interface MeasureOptions extends ProfileOptions {
  /** Keep only rows whose time lies in `[start, end)` (ISO 8601, UTC). */
  range?: { start: string; end: string };
  /** The label column: score the rows that have a label. Without it, no metrics. */
  target?: string;
  /** Rows per batch (default 65536). */
  batchRows?: number;
  /** Called after each partition. */
  onPartition?: (partition: string) => void;
}

/** A window measured. */
export interface WindowMeasure {
  /** Rows in the window. */
  rows: number;
  /** Rows with a label (0 without a target). */
  labelled: number;
  /** Metrics of the labelled rows; null without a target or without labelled rows. */
  metrics: MetricsReport | null;
  /** The features, then the predictions (see {@linkcode predictionNames}). */
  profile: WindowProfile;
}

/**
 * The names of a model's predictions as drift reports them (those of
 * `ratchet predict`): `prediction` for regression, `p_<label>` of the
 * positive class for binary and of every class for multiclass models.
 *
 * @example
 * ```ts
 * import { predictionNames } from "./measure_window.ts";
 * const names = predictionNames({ task: "binary", labels: ["no", "yes"], positive: 1 });
 * if (names.join() !== "p_yes") throw new Error(names.join());
 * ```
 */
export function predictionNames(
  model: Pick<CompiledModel, "task" | "labels" | "positive">,
): string[] {
  if (model.task === "regression") return ["prediction"];
  const labels = model.task === "binary" ? [model.labels[model.positive]!] : model.labels;
  return labels.map((l) => `p_${l}`);
}

/**
 * Streams the rows of `partitions` (within `options.range`, if given)
 * through `model`, once.
 *
 * @example
 * ```ts ignore
 * const m = await measureWindow(".", model, dataset, dataset.partitions.slice(-1), { target: "rain_tomorrow" });
 * console.log(m.rows, m.labelled, m.metrics?.values.roc_auc);
 * ```
 */
export async function measureWindow(
  root: string,
  model: CompiledModel,
  dataset: DatasetDescriptor,
  partitions: readonly DatasetPartition[],
  options: MeasureOptions = {},
): Promise<WindowMeasure> {
  const features = model.preprocessor.features;
  const outputs = _outputIndices(model);
  const kinds: ProfileKind[] = [
    ...features.map((f): ProfileKind => f.type === "number" ? "number" : "category"),
    ...outputs.map((): ProfileKind => "number"),
  ];
  const profile = new WindowProfile(kinds, options);
  const acc = options.target === undefined ? undefined : accumulatorFor(model);
  const columns = [...new Set([...features.map((f) => f.name), options.target, dataset.time])]
    .filter((c): c is string => c !== undefined);
  const inRange = options.range && _timeFilter(dataset, options.range);
  let rows = 0, labelled = 0;
  for (const p of partitions) {
    const batching = options.batchRows ? { batchRows: options.batchRows } : {};
    const scan = scanPartition(root, dataset, p, columns, batching);
    for await (const batch of scan) {
      const table = inRange ? inRange(batch) : batch;
      const n = table.n;
      if (n === 0) continue;
      const out = model.predictTable(table);
      if (acc) labelled += _score(model, table, out, options.target!, acc);
      profile.add([
        ...features.map((f) => table.column(f.name)!),
        ...outputs.map((k) => out.subarray(k * n, (k + 1) * n)),
      ], n);
      rows += n;
    }
    options.onPartition?.(p.label);
  }
  return { rows, labelled, metrics: acc && labelled > 0 ? acc.finish() : null, profile };
}

function _outputIndices(model: CompiledModel): number[] {
  if (model.task === "binary") return [model.positive];
  return Array.from({ length: model.width }, (_, k) => k);
}

/** Scores the rows that have a label; returns how many. */
function _score(
  model: CompiledModel,
  table: Table,
  outputs: Float64Array,
  target: string,
  acc: ReturnType<typeof accumulatorFor>,
): number {
  const labels = table.column(target);
  const rows: number[] = [];
  // A label not known yet is NULL (NaN in a number column): outcomes arrive later.
  for (let i = 0; i < table.n; i++) {
    const v = labels?.[i];
    if (v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v))) rows.push(i);
  }
  if (rows.length === 0) return 0;
  const n = table.n, m = rows.length, width = model.width;
  const y = encodeTarget(selectRows(table, rows), target, model.task, model.labels);
  let scored = outputs;
  if (m < n) {
    scored = new Float64Array(width * m);
    for (let k = 0; k < width; k++) {
      for (let r = 0; r < m; r++) scored[k * m + r] = outputs[k * n + rows[r]!]!;
    }
  }
  acc.add(y, scored, m);
  return m;
}

/**
 * Keeps the rows whose time lies in the range; dates count as their midnight
 * (UTC). Only partitions that overlap the range are scanned, but
 * `scanPartition` reads a partition whole, so the rows of the edge
 * partitions outside it are dropped here, before anything is predicted.
 */
function _timeFilter(
  dataset: DatasetDescriptor,
  range: { start: string; end: string },
): (table: Table) => Table {
  const isDate = dataset.columns.find((c) => c.name === dataset.time)?.type === "date";
  return (table) => {
    const times = table.column(dataset.time)!;
    const rows: number[] = [];
    for (let i = 0; i < table.n; i++) {
      // scanPartition gives dates as 2015-03-01 and timestamps as ISO 8601 in UTC: text compares in time order.
      const t = isDate ? `${times[i]}T00:00:00.000Z` : String(times[i]);
      if (t >= range.start && t < range.end) rows.push(i);
    }
    return selectRows(table, rows);
  };
}
