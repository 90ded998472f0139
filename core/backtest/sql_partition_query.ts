/**
 * The DuckDB queries that back-test one partition: reading exactly the
 * partition's files, the model's preprocessing and outputs, the target, the
 * refusals, and the aggregates of metrics and diagnostics — one query — and
 * the query that finds the refusal the JavaScript engine would report.
 *
 * @module
 */
import {
  type DatasetColumnType,
  type DatasetDescriptor,
  type DatasetPartition,
  partitionSql,
  quoteIdentifier,
  quoteString,
} from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { checkErrorSql, checkFailureSql } from "./sql_check.ts";
import { diagnosticsSql } from "./sql_diagnostics.ts";
import { sqlText } from "./sql_js_text.ts";
import { metricsSql } from "./sql_metrics.ts";
import { outputsSql } from "./sql_outputs.ts";
import { preprocessingSql } from "./sql_preprocessing.ts";
import { type SqlSource, sqlValueKind } from "./sql_source.ts";
import { targetSql } from "./sql_target.ts";

/** What the queries of one partition are built from. */
export interface PartitionQueryInput {
  /** The model. */
  readonly model: CompiledModel;
  /** The dataset. */
  readonly dataset: DatasetDescriptor;
  /** The dataset's folder. */
  readonly dir: string;
  /** The partition. */
  readonly partition: DatasetPartition;
  /** Rows before each of the partition's files, in file order. */
  readonly offsets: readonly number[];
  /** The label column. */
  readonly target: string;
  /** The columns read, once each: the features, the target and the time column. */
  readonly columns: readonly string[];
  /** The JavaScript engine's batch size: which refusal it reports first depends on it. */
  readonly batchRows: number;
}

/** The SQL of one partition. */
export interface PartitionQuery {
  /** One row of aggregates (`_checked`, `_totals`, …); fails with DuckDB's `error()` on a refused row. */
  readonly scoring: string;
  /** One row holding `_message`, the refusal the JavaScript engine reports first, or no row. */
  readonly firstRefusal: string;
}

/**
 * Builds the queries of one partition.
 *
 * @example
 * ```ts ignore
 * const columns = ["x", "y", "day"];
 * const q = partitionQuery({ model, dataset, dir, partition, offsets: [0], target: "y", columns, batchRows: 65536 });
 * const row = (await db.runAndReadAll(q.scoring)).getRowObjectsJS()[0];
 * ```
 */
export function partitionQuery(input: PartitionQueryInput): PartitionQuery {
  const { model, dataset, partition, target, columns: names } = input;
  const types = new Map(dataset.columns.map((c) => [c.name, c.type]));
  const alias = (name: string) => `_r${names.indexOf(name)}`;
  const source: SqlSource = {
    column: alias,
    kind: (name) => sqlValueKind(types.get(name)!),
    rowLabel: sqlText`${quoteString(partition.label)} row ${"_row + 1"}`,
  };
  const pre = preprocessingSql(model, source);
  let rank = pre.checks.reduce((r, c) => Math.max(r, c.rank + 1), 0);
  const out = outputsSql(model, pre.inputs, source.rowLabel, rank);
  rank += model.width;
  const y = targetSql(model, target, alias(target), source.kind(target), source.rowLabel, rank);
  const checks = [...pre.checks, ...out.checks, ...y.checks];

  const select = names.map((n) => `${_rawSql(n, types.get(n)!)} AS ${alias(n)}`).join(", ");
  const files = partition.files.map((file, j) => {
    const read = partitionSql(dataset, { ...partition, files: [file] }, input.dir);
    return `SELECT ${select}, file_row_number + ${input.offsets[j]} AS _row FROM ${
      _withRowNumbers(read)
    }`;
  });
  const ctes = [`_src AS (${files.join(" UNION ALL ")})`];
  const layers = pre.layers.filter((l) => l.length > 0);
  layers.forEach((layer, k) => {
    ctes.push(`_l${k} AS (SELECT *, ${layer.join(", ")} FROM ${k === 0 ? "_src" : `_l${k - 1}`})`);
  });
  const outputs = out.outputs.map((o, k) => `${o} AS _o${k}`).join(", ");
  ctes.push(
    `_m AS (SELECT *, ${outputs}, ${y.y} AS _y FROM ${
      layers.length ? `_l${layers.length - 1}` : "_src"
    })`,
  );

  const metrics = metricsSql(model);
  const diagnostics = diagnosticsSql(model, source, alias(dataset.time), partition.label);
  const scored = [
    "_row",
    "_y",
    ...out.outputs.map((_, k) => `_o${k}`),
    `${checkErrorSql(checks)} AS _check`,
    ...metrics.scored,
    ...diagnostics.scored,
  ];
  const scoring =
    `WITH ${ctes.join(", ")}, _scored AS MATERIALIZED (SELECT ${scored.join(", ")} FROM _m) ` +
    `SELECT (SELECT count(_check) FROM _scored) AS _checked, ${
      [...metrics.select, ...diagnostics.select].join(", ")
    }`;
  const failure = checkFailureSql(checks);
  const firstRefusal =
    `WITH ${ctes.join(", ")} SELECT _message FROM (SELECT _row, ${failure.rank} AS _rank, ` +
    `${failure.message} AS _message FROM _m) WHERE _rank IS NOT NULL ` +
    `ORDER BY _row // ${input.batchRows}, _rank, _row LIMIT 1`;
  return { scoring, firstRefusal };
}

/** A column's value as `scanPartition` hands it to the JavaScript engine (dates as ISO text). */
function _rawSql(name: string, type: DatasetColumnType): string {
  const c = quoteIdentifier(name);
  switch (type) {
    case "number":
      return `CAST(${c} AS DOUBLE)`;
    case "date":
      return `strftime(${c}, '%Y-%m-%d')`;
    case "timestamp":
      return `strftime(${c}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
    default:
      return c;
  }
}

/** `read_parquet([…], …)` with each row's position in its file, as `file_row_number`. */
function _withRowNumbers(read: string): string {
  if (!read.startsWith("read_parquet(") || !read.endsWith(")")) {
    throw new RatchetError("internal", `Unexpected partition SQL: ${read}`);
  }
  return `${read.slice(0, -1)}, file_row_number = true)`;
}
