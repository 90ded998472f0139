/**
 * The back-test: a model version judged on every partition of a dataset's
 * history. Each partition streams from DuckDB in columnar batches straight
 * into the compiled predictor and the metric accumulators; nothing holds a
 * whole partition, let alone the dataset, in memory.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import type { ModelRef } from "../store/mod.ts";
import type { Task } from "../contract/mod.ts";
import { type CompiledModel, encodeTarget } from "../model/mod.ts";
import { accumulatorFor, type MetricSummary, summarizePartitions } from "../evaluate/mod.ts";
import {
  checkRequirements,
  readRequirements,
  type RequirementsCheck,
  requirementsPath,
} from "../requirements/mod.ts";
import { loadDataset, type PartitionScan, scanPartitions, selectPartitions } from "../data/mod.ts";
import type { DatasetDescriptor, DatasetPartition } from "../data/mod.ts";
import { type Diagnostics, DiagnosticsCollector } from "./diagnostics.ts";

/** One partition's result. */
export interface BacktestPartition {
  /** The partition's label, e.g. `2015-03`. */
  partition: string;
  /** Rows scored. */
  rows: number;
  /** Every metric of the task; `null` where undefined. */
  metrics: Record<string, number | null>;
  /** Why a metric is undefined, for each `null`. */
  undefined?: Record<string, string>;
  /** Set when the partition could not be read or scored: the run cannot pass. */
  error?: string;
}

/** A whole back-test, as `backtest --json` prints it. */
export interface BacktestResult {
  /** Model name. */
  model: string;
  /** Model version. */
  version: number;
  /** What the model predicts. */
  task: Task;
  /** Dataset name. */
  dataset: string;
  /** The label column. */
  target: string;
  /** How predictions were computed: in JavaScript, or in DuckDB SQL (pushdown). */
  engine: "js" | "sql";
  /** First and last partition of the window. */
  window: { from: string | null; to: string | null };
  /** Per partition, in order. */
  partitions: BacktestPartition[];
  /** Each metric over the partitions that could be scored: min, mean, max, std. */
  summary: Record<string, MetricSummary | null>;
  /** The model's requirements checked on the partitions; passed is false when a partition failed. */
  requirements: RequirementsCheck & { note?: string };
  /** Calibration or residuals, and the worst rows. */
  diagnostics: Diagnostics;
  /** True when every partition was scored and every requirement met. */
  passed: boolean;
}

/** Options of {@linkcode backtest}. */
export interface BacktestOptions {
  /** First partition, inclusive. */
  from?: string;
  /** Last partition, inclusive. */
  to?: string;
  /** The label column; default: the model's target name. */
  target?: string;
  /** Rows per batch (default 65536). */
  batchRows?: number;
  /**
   * Collect the report's diagnostics: calibration or residuals, and the
   * worst rows (default true). Without them (`diagnostics.omitted`) a
   * back-test computes just the metrics and the requirement checks, which
   * is all `ratchet backtest` shows unless it writes a report or JSON: in
   * SQL the diagnostics cost about a sixth of a linear model's back-test.
   */
  diagnostics?: boolean;
  /** Called after each partition. */
  onPartition?: (done: number, total: number, partition: string) => void;
}

/**
 * Back-tests a model version on a dataset, partition by partition, in
 * JavaScript.
 *
 * @example
 * ```ts ignore
 * const result = await backtest(project, { name: "rain-tomorrow", ref: undefined }, "seattle");
 * if (!result.passed) Deno.exit(1);
 * ```
 */
export async function backtest(
  project: Project,
  ref: ModelRef,
  datasetName: string,
  options: BacktestOptions = {},
): Promise<BacktestResult> {
  const { model, dataset, target, selected } = prepareBacktest(project, ref, datasetName, options);
  const diagnostics = options.diagnostics === false
    ? undefined
    : new DiagnosticsCollector(model, { keyColumn: dataset.time });
  const partitions: BacktestPartition[] = [];
  const columns = [
    ...new Set([...model.preprocessor.features.map((f) => f.name), target, dataset.time]),
  ];
  // Read in this thread (DuckDB decodes ahead on its own threads), into arrays reused batch
  // after batch: scoring keeps nothing of a batch (diagnostics copy the rows they keep).
  const scans = scanPartitions(project.root, dataset, selected, columns, {
    worker: false,
    recycle: true,
    ...(options.batchRows ? { batchRows: options.batchRows } : {}),
  });
  for await (const scan of scans) {
    partitions.push(await _scorePartition(model, scan, target, diagnostics));
    options.onPartition?.(partitions.length, selected.length, scan.partition.label);
  }
  return assembleResult(
    project,
    model,
    dataset,
    target,
    "js",
    partitions,
    diagnostics?.finish() ?? { worst: [], omitted: true },
  );
}

/** What a back-test runs on, as {@linkcode prepareBacktest} checks it (shared by both engines). */
export interface BacktestPlan {
  /** The model version. */
  model: CompiledModel;
  /** The dataset. */
  dataset: DatasetDescriptor;
  /** The label column. */
  target: string;
  /** The partitions of the window, in order; never empty. */
  selected: DatasetPartition[];
}

/**
 * Loads the model and the dataset, selects the window's partitions and
 * checks that the dataset has every column the model needs.
 *
 * @example
 * ```ts ignore
 * const { model, selected } = prepareBacktest(project, { name: "rain-tomorrow", ref: undefined }, "seattle", {});
 * ```
 */
export function prepareBacktest(
  project: Project,
  ref: ModelRef,
  datasetName: string,
  options: BacktestOptions,
): BacktestPlan {
  const model = project.model(ref);
  const dataset = loadDataset(project.root, datasetName);
  const target = options.target ?? model.artifact.target.name;
  const selected = selectPartitions(dataset, {
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  });
  if (selected.length === 0) {
    throw new RatchetError(
      "not_found",
      `Dataset ${datasetName} has no partitions${
        options.from || options.to ? " in that window" : ""
      }; import data with \`ratchet data import\``,
    );
  }
  _checkColumns(model, dataset, target);
  return { model, dataset, target, selected };
}

/** Puts partition results, summary and requirement checks together (shared by both engines). */
export function assembleResult(
  project: Project,
  model: CompiledModel,
  dataset: DatasetDescriptor,
  target: string,
  engine: "js" | "sql",
  partitions: BacktestPartition[],
  diagnostics: Diagnostics,
): BacktestResult {
  const scored = partitions.filter((p) => p.error === undefined).map((p) => ({
    partition: p.partition,
    rows: p.rows,
    values: p.metrics,
    reasons: p.undefined ?? {},
  }));
  const name = model.artifact.name!;
  const requirements = readRequirements(requirementsPath(project.store, name), {
    task: model.task,
  });
  const failed = partitions.filter((p) => p.error !== undefined);
  let checked: BacktestResult["requirements"] = requirements
    ? (scored.length > 0
      ? checkRequirements(requirements, scored, model.task)
      : { passed: false, checks: [] })
    : {
      passed: true,
      checks: [],
      note: `${name} has no requirements; write them with \`ratchet requirements init\``,
    };
  if (failed.length > 0) {
    checked = {
      ...checked,
      passed: false,
      note: `${failed.length} partition(s) could not be scored: ${
        failed.map((p) => p.partition).join(", ")
      }`,
    };
  }
  return {
    model: name,
    version: model.artifact.version!,
    task: model.task,
    dataset: dataset.name,
    target,
    engine,
    window: { from: partitions[0]?.partition ?? null, to: partitions.at(-1)?.partition ?? null },
    partitions,
    summary: summarizePartitions(scored),
    requirements: checked,
    diagnostics,
    passed: checked.passed && failed.length === 0,
  };
}

function _checkColumns(model: CompiledModel, dataset: DatasetDescriptor, target: string): void {
  const have = new Map(dataset.columns.map((c) => [c.name, c.type]));
  const need = [...model.preprocessor.features.map((f) => f.name), target];
  const missing = need.filter((c) => !have.has(c));
  if (missing.length > 0) {
    throw new RatchetError(
      "invalid",
      `Dataset ${dataset.name} lacks column(s) ${
        missing.map((c) => JSON.stringify(c)).join(", ")
      } that ${model.label} needs; ` +
        `its columns: ${[...have.keys()].join(", ")}`,
    );
  }
}

async function _scorePartition(
  model: CompiledModel,
  scan: PartitionScan,
  target: string,
  diagnostics: DiagnosticsCollector | undefined,
): Promise<BacktestPartition> {
  const p = scan.partition;
  const acc = accumulatorFor(model);
  try {
    for await (const table of scan.batches) {
      const outputs = model.predictTable(table);
      const y = encodeTarget(table, target, model.task, model.labels);
      acc.add(y, outputs, table.n);
      diagnostics?.add(p.label, table, y, outputs);
    }
  } catch (e) {
    if (!(e instanceof RatchetError)) throw e;
    return { partition: p.label, rows: 0, metrics: {}, error: e.message };
  }
  const report = acc.finish();
  return {
    partition: p.label,
    rows: report.rows,
    metrics: report.values,
    ...(Object.keys(report.reasons).length ? { undefined: report.reasons } : {}),
  };
}
