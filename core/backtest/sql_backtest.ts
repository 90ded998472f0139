/**
 * The SQL engine of back-tests (pushdown): one DuckDB query reads many
 * partitions' files, computes the model's outputs with the plugin's `toSQL`
 * and aggregates every metric and the diagnostics per partition, on every
 * core. Metrics equal the JavaScript engine's (to rounding in the last
 * places), and a refused row or a bad file fails its own partition only,
 * with the JavaScript engine's message: the query only counts the rows that
 * may be refused, and a partition that has some is searched for its first
 * refusal; a query that fails (a file it cannot read) is run again a
 * partition at a time, which tells which partition failed and why.
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
import { DIAGNOSTICS_LIMITS } from "./diagnostics.ts";
import { type DiagnosticsBounds, sampleBound } from "./sql_diagnostics.ts";
import { SqlDiagnosticsCollector } from "./sql_diagnostics_collector.ts";
import { type GroupQuery, groupQuery, hivePartitioned } from "./sql_group_query.ts";
import { SQL_GROUPING, type SqlGrouping, sqlGroups } from "./sql_groups.ts";
import { metricsReportOf, needsTargetRange } from "./sql_metrics.ts";
import { sqlValueKind } from "./sql_source.ts";
import { sqlSupport } from "./sql_support.ts";

/** Options of {@linkcode sqlBacktest}. */
export interface SqlBacktestOptions extends BacktestOptions {
  /** How partitions are grouped into queries (default {@linkcode SQL_GROUPING}). */
  grouping?: SqlGrouping;
}

/**
 * Back-tests a model version in DuckDB SQL, many partitions per query, with
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
  options: SqlBacktestOptions = {},
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
  const dir = resolve(datasetDir(project.root, dataset.name));
  const rows = selected.reduce((sum, p) => sum + p.rows, 0);
  const run: _Run = {
    root: project.root,
    dir,
    model,
    dataset,
    target,
    columns: [
      ...new Set([...model.preprocessor.features.map((f) => f.name), target, dataset.time]),
    ],
    // scanPartition's batches, which decide which refusal the JavaScript engine meets first.
    batchRows: options.batchRows ?? 65536,
    // Tagging rows by their Hive folder lets DuckDB aggregate a partition as it reads it, which
    // only a regressor's aggregates allow (a classifier's are grouped by class and bin, and its
    // ranking sorts rows by partition, faster by a number than by a label).
    hive: model.task === "regression" && hivePartitioned(dataset, dir, selected),
    db: await connectDuckdb(),
    diagnostics: options.diagnostics === false ? undefined : new SqlDiagnosticsCollector(
      model,
      sqlValueKind(timeType),
      sampleBound(rows, DIAGNOSTICS_LIMITS.sampleSize),
    ),
  };
  // Without diagnostics no first query is needed to bound the worst rows.
  const grouping = options.grouping ??
    (run.diagnostics ? SQL_GROUPING : { ...SQL_GROUPING, firstRows: Infinity });
  const partitions: BacktestPartition[] = [];
  try {
    for (const group of sqlGroups(dataset, selected, grouping)) {
      const rows = group.length > 1 ? await _groupRows(run, group) : undefined;
      for (const [k, p] of group.entries()) {
        partitions.push(rows ? await _result(run, p, rows[k]) : await _scorePartition(run, p));
        options.onPartition?.(partitions.length, selected.length, p.label);
      }
    }
    if (run.diagnostics) await _worstDetails(run, run.diagnostics, selected);
  } finally {
    run.db.disconnectSync();
  }
  return assembleResult(
    project,
    model,
    dataset,
    target,
    "sql",
    partitions,
    run.diagnostics?.finish() ?? { worst: [], omitted: true },
  );
}

interface _Run {
  root: string;
  dir: string;
  model: CompiledModel;
  dataset: DatasetDescriptor;
  target: string;
  columns: string[];
  batchRows: number;
  hive: boolean;
  db: DuckDBConnection;
  /** Undefined when the back-test collects no diagnostics. */
  diagnostics: SqlDiagnosticsCollector | undefined;
}

/** The query's row of each partition of the group, or undefined when the query failed. */
async function _groupRows(
  run: _Run,
  group: readonly DatasetPartition[],
): Promise<(Record<string, unknown> | undefined)[] | undefined> {
  try {
    return await _rowsOf(run, group, (await _query(run, group)).scoring);
  } catch {
    // Which partition failed, and why, is for their own queries to tell.
    return undefined;
  }
}

/** Runs `sql`, a query over `group`, and gives its row of each partition (undefined: no rows). */
async function _rowsOf(
  run: _Run,
  group: readonly DatasetPartition[],
  sql: string,
): Promise<(Record<string, unknown> | undefined)[]> {
  const index = new Map(group.map((p, k) => [p.label, k]));
  const rows: (Record<string, unknown> | undefined)[] = group.map(() => undefined);
  for (const row of (await run.db.runAndReadAll(sql)).getRowObjectsJS()) {
    rows[run.hive ? index.get(String(row._part))! : Number(row._part)] = row;
  }
  return rows;
}

/** Scores a partition with a query of its own; a failure is the partition's. */
async function _scorePartition(run: _Run, p: DatasetPartition): Promise<BacktestPartition> {
  let row: Record<string, unknown> | undefined;
  try {
    row = (await _rowsOf(run, [p], (await _query(run, [p])).scoring))[0];
  } catch (e) {
    return _failed(p, await _refusal(run, p, e));
  }
  return await _result(run, p, row);
}

async function _query(
  run: _Run,
  group: readonly DatasetPartition[],
  // null: no diagnostics (undefined would take the default).
  bounds: DiagnosticsBounds | null | undefined = run.diagnostics?.bounds(),
  range = false,
): Promise<GroupQuery> {
  const offsets = await _fileOffsets(run.db, run.dir, group);
  return groupQuery({ ...run, partitions: group, offsets, bounds: bounds ?? undefined, range });
}

/** A partition's result from its row of the aggregate query (none: no rows were read). */
async function _result(
  run: _Run,
  p: DatasetPartition,
  row: Record<string, unknown> | undefined,
): Promise<BacktestPartition> {
  if (row && Number(row._suspect) > 0) {
    // Some row may be refused: the first one, if any, is the partition's failure.
    const message = await _firstRefusal(run, p);
    if (message !== undefined) return _failed(p, message);
  }
  if (needsTargetRange(run.model, row)) {
    // Deviations of 0: is the target constant? Its range, read again, tells exactly.
    const query = await _query(run, [p], null, true);
    const again = (await _rowsOf(run, [p], query.scoring))[0];
    row = { ...row, _min: again?._min, _max: again?._max };
  }
  const report = metricsReportOf(run.model, row);
  if (report.rows !== p.rows) {
    // The files changed after the import: the scan words it as the JavaScript engine does.
    return _failed(p, await _refusal(run, p, new Error(`${report.rows} rows`)));
  }
  if (row) run.diagnostics?.add(p.label, row);
  return {
    partition: p.label,
    rows: report.rows,
    metrics: report.values,
    ...(Object.keys(report.reasons).length ? { undefined: report.reasons } : {}),
  };
}

function _failed(p: DatasetPartition, error: string): BacktestPartition {
  return { partition: p.label, rows: 0, metrics: {}, error };
}

/** Rows before each file in its partition, for every file of the group, from the files' metadata. */
async function _fileOffsets(
  db: DuckDBConnection,
  dir: string,
  group: readonly DatasetPartition[],
): Promise<number[]> {
  const several = group.filter((p) => p.files.length > 1);
  const path = (file: string) => join(resolve(dir), file);
  const rows = new Map<unknown, number>();
  if (several.length > 0) {
    const paths = several.flatMap((p) => p.files.map(path));
    const meta = await db.runAndReadAll(
      `SELECT file_name, num_rows FROM parquet_file_metadata([${
        paths.map(quoteString).join(", ")
      }])`,
    );
    for (const r of meta.getRowObjectsJS()) rows.set(r.file_name, Number(r.num_rows));
  }
  return group.flatMap((p) => {
    let before = 0;
    return p.files.map((file) => {
      const offset = before;
      before += rows.get(path(file)) ?? 0;
      return offset;
    });
  });
}

/**
 * The details of the worst rows that came without them (they were not
 * their partition's worst): their partitions are read again, keeping just
 * those rows.
 */
async function _worstDetails(
  run: _Run,
  diagnostics: SqlDiagnosticsCollector,
  selected: readonly DatasetPartition[],
): Promise<void> {
  const missing = diagnostics.missing();
  if (missing.size === 0) return;
  const group = selected.filter((p) => missing.has(p.label));
  const query = await _query(run, group, { worstRows: missing });
  for (const [k, row] of (await _rowsOf(run, group, query.scoring)).entries()) {
    diagnostics.addDetails(group[k]!.label, (row?._worst ?? []) as Record<string, unknown>[]);
  }
}

/** The message of the refusal the JavaScript engine reports first in `p`, if it has one. */
async function _firstRefusal(run: _Run, p: DatasetPartition): Promise<string | undefined> {
  const query = await _query(run, [p]);
  const first = (await run.db.runAndReadAll(query.firstRefusal)).getRowObjectsJS()[0];
  return typeof first?._message === "string" ? first._message : undefined;
}

/**
 * Why a partition failed, in the JavaScript engine's words: the refused row
 * it would report first, or else what its scan of the files says (a file
 * that cannot be read, rows that changed). Anything else is the SQL
 * engine's own failure, and an error.
 */
async function _refusal(run: _Run, p: DatasetPartition, cause: unknown): Promise<string> {
  try {
    const message = await _firstRefusal(run, p);
    if (message !== undefined) return message;
  } catch {
    // An unreadable file fails this query too; the scan below names it.
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
