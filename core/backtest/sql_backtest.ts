/**
 * The SQL engine of back-tests (pushdown): for each partition, one DuckDB
 * query reads the partition's files, computes the model's outputs with the
 * plugin's `toSQL` and aggregates every metric and the diagnostics in
 * place, on every core. Metrics equal the JavaScript engine's (to rounding
 * in the last places), and a refused row fails its partition with the
 * JavaScript engine's message.
 *
 * @module
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { join, resolve } from "node:path";
import {
  connectDuckdb,
  type DatasetDescriptor,
  datasetDir,
  type DatasetPartition,
  quoteString,
  scanPartition,
} from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import type { Project } from "../project/mod.ts";
import type { ModelRef } from "../store/mod.ts";
import {
  assembleResult,
  type BacktestOptions,
  type BacktestPartition,
  type BacktestResult,
  prepareBacktest,
} from "./backtest.ts";
import { SqlDiagnosticsCollector } from "./sql_diagnostics.ts";
import { metricsReportOf } from "./sql_metrics.ts";
import { type PartitionQuery, partitionQuery } from "./sql_partition_query.ts";
import { sqlValueKind } from "./sql_source.ts";
import { sqlSupport } from "./sql_support.ts";

/**
 * Back-tests a model version in DuckDB SQL, partition by partition, with
 * the same result as {@linkcode backtest} (`engine: "sql"`). A model that
 * cannot be written in SQL is an error saying why (see `sqlSupport`).
 *
 * @example
 * ```ts ignore
 * const result = await sqlBacktest(project, { name: "rain-tomorrow", ref: undefined }, "seattle");
 * ```
 */
export async function sqlBacktest(
  project: Project,
  ref: ModelRef,
  datasetName: string,
  options: BacktestOptions = {},
): Promise<BacktestResult> {
  const { model, dataset, target, selected } = prepareBacktest(
    project,
    ref,
    datasetName,
    options,
  );
  const support = sqlSupport(model);
  if (support !== true) throw support;
  const timeType = dataset.columns.find((c) => c.name === dataset.time)?.type ?? "string";
  const diagnostics = new SqlDiagnosticsCollector(model, sqlValueKind(timeType));
  const run: _Run = {
    root: project.root,
    dir: datasetDir(project.root, dataset.name),
    model,
    dataset,
    target,
    columns: [
      ...new Set([...model.preprocessor.features.map((f) => f.name), target, dataset.time]),
    ],
    // scanPartition's batches, which decide which refusal the JavaScript engine meets first.
    batchRows: options.batchRows ?? 65536,
    db: await connectDuckdb(),
  };
  const partitions: BacktestPartition[] = [];
  try {
    for (const [k, p] of selected.entries()) {
      partitions.push(await _scorePartition(run, p, diagnostics));
      options.onPartition?.(k + 1, selected.length, p.label);
    }
  } finally {
    run.db.disconnectSync();
  }
  return assembleResult(project, model, dataset, target, "sql", partitions, diagnostics.finish());
}

interface _Run {
  root: string;
  dir: string;
  model: CompiledModel;
  dataset: DatasetDescriptor;
  target: string;
  columns: string[];
  batchRows: number;
  db: DuckDBConnection;
}

async function _scorePartition(
  run: _Run,
  p: DatasetPartition,
  diagnostics: SqlDiagnosticsCollector,
): Promise<BacktestPartition> {
  const failed = (error: string) => ({ partition: p.label, rows: 0, metrics: {}, error });
  let query: PartitionQuery | undefined;
  let row: Record<string, unknown>;
  try {
    const offsets = await _fileOffsets(run.db, run.dir, p);
    query = partitionQuery({ ...run, partition: p, offsets });
    row = (await run.db.runAndReadAll(query.scoring)).getRowObjectsJS()[0]!;
  } catch (e) {
    return failed(await _refusal(run, p, query, e));
  }
  const report = metricsReportOf(run.model, row);
  if (report.rows !== p.rows) {
    // The files changed after the import: the scan words it as the JavaScript engine does.
    return failed(await _refusal(run, p, undefined, new Error(`${report.rows} rows`)));
  }
  diagnostics.add(p.label, row);
  return {
    partition: p.label,
    rows: report.rows,
    metrics: report.values,
    ...(Object.keys(report.reasons).length ? { undefined: report.reasons } : {}),
  };
}

/** Rows before each file of the partition, from the files' metadata. */
async function _fileOffsets(
  db: DuckDBConnection,
  dir: string,
  p: DatasetPartition,
): Promise<number[]> {
  if (p.files.length === 1) return [0];
  const paths = p.files.map((f) => join(resolve(dir), f));
  const meta = await db.runAndReadAll(
    `SELECT file_name, num_rows FROM parquet_file_metadata([${paths.map(quoteString).join(", ")}])`,
  );
  const rows = new Map(meta.getRowObjectsJS().map((r) => [r.file_name, Number(r.num_rows)]));
  let before = 0;
  return paths.map((path) => {
    const offset = before;
    before += rows.get(path) ?? 0;
    return offset;
  });
}

/**
 * Why a partition failed, in the JavaScript engine's words: the refused row
 * it would report first, or else what its scan of the files says (a file
 * that cannot be read, rows that changed). Anything else is the SQL
 * engine's own failure, and an error.
 */
async function _refusal(
  run: _Run,
  p: DatasetPartition,
  query: PartitionQuery | undefined,
  cause: unknown,
): Promise<string> {
  if (query) {
    try {
      const first = (await run.db.runAndReadAll(query.firstRefusal)).getRowObjectsJS()[0];
      if (typeof first?._message === "string") return first._message;
    } catch {
      // An unreadable file fails this query too; the scan below names it.
    }
  }
  try {
    for await (const _ of scanPartition(run.root, run.dataset, p, run.columns)) {
      // Reading every batch is what finds a bad file or a changed row count.
    }
  } catch (e) {
    if (e instanceof RatchetError) return e.message;
    throw e;
  }
  const why = String(cause instanceof Error ? cause.message : cause).split("\n")[0];
  throw new RatchetError(
    "internal",
    `The SQL engine failed on partition ${p.label} of dataset ${run.dataset.name} (${why}); ` +
      "back-test with --engine js",
    { cause },
  );
}
