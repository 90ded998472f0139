/**
 * The DuckDB queries that back-test a group of partitions (one, or many
 * read together): reading exactly their files, each row tagged with its
 * partition, the model's preprocessing and outputs, the target, whether
 * rows may be refused, and the aggregates of metrics and diagnostics per
 * partition — one query — and the query that finds the refusal the
 * JavaScript engine would report first in each partition.
 *
 * Where the files sit in their partition's Hive folder (`month=2015-03/`),
 * rows are tagged with the folder's value, which DuckDB knows to be one per
 * file: it then aggregates each partition as it reads it, without hashing
 * rows into groups, as long as every aggregate is a running one (no heap, no
 * list), which the metrics, the suspect counts and the diagnostics past the
 * first query are.
 *
 * @module
 */
import {
  type DatasetDescriptor,
  type DatasetPartition,
  partitionSql,
  quoteIdentifier,
  quoteString,
} from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { checkFailureSql, checkSuspectSql } from "./sql_check.ts";
import { type DiagnosticsBounds, diagnosticsSql } from "./sql_diagnostics.ts";
import { sqlText } from "./sql_js_text.ts";
import { metricsSql } from "./sql_metrics.ts";
import { outputsSql } from "./sql_outputs.ts";
import { preprocessingSql } from "./sql_preprocessing.ts";
import { rawValueSql, type SqlSource, sqlValueKind } from "./sql_source.ts";
import { targetSql } from "./sql_target.ts";

/** What the queries of a group of partitions are built from. */
export interface GroupQueryInput {
  /** The model. */
  readonly model: CompiledModel;
  /** The dataset. */
  readonly dataset: DatasetDescriptor;
  /** The dataset's folder. */
  readonly dir: string;
  /** The partitions, in order. */
  readonly partitions: readonly DatasetPartition[];
  /** Rows before each file in its partition, for every file of the partitions in order. */
  readonly offsets: readonly number[];
  /** The label column. */
  readonly target: string;
  /** The columns read, once each: the features, the target and the time column. */
  readonly columns: readonly string[];
  /** The JavaScript engine's batch size: which refusal it reports first depends on it. */
  readonly batchRows: number;
  /**
   * Which rows can still count in the diagnostics, after the partitions
   * already done; undefined: the query computes no diagnostics.
   */
  readonly bounds: DiagnosticsBounds | undefined;
  /** Tag rows with their partition's Hive folder value (see {@linkcode hivePartitioned}). */
  readonly hive: boolean;
  /** Aggregate a regressor's target range too (`_min`, `_max`; see `metricsSql`). */
  readonly range?: boolean;
}

/** The SQL of a group of partitions. */
export interface GroupQuery {
  /**
   * A row of aggregates (`_suspect`, `_totals`, …) per partition with rows,
   * `_part` its label (Hive) or its index in the group; `_suspect` is 0
   * when no row of the partition is refused.
   */
  readonly scoring: string;
  /** `_part` and `_message`, the refusal the JavaScript engine reports first, per partition that has one. */
  readonly firstRefusal: string;
}

/**
 * Whether a group's rows can be tagged by their Hive folder: every file
 * sits in `<key>=<label>/` right under the dataset's folder, whose path has
 * no other `=` (DuckDB would read it as a column too), labels are plain
 * (no escapes) and no column of the dataset has the key's name.
 *
 * @example
 * ```ts
 * import { hivePartitioned } from "./sql_group_query.ts";
 * const d = { key: "month", columns: [{ name: "x", type: "number" }] } as never;
 * const p = { label: "2015-03", rows: 9, files: ["month=2015-03/part-1.parquet"], imported: "" };
 * if (!hivePartitioned(d, "/srv/data/d", [p]) || hivePartitioned(d, "/srv/a=b/d", [p])) throw new Error();
 * ```
 */
export function hivePartitioned(
  dataset: DatasetDescriptor,
  dir: string,
  partitions: readonly DatasetPartition[],
): boolean {
  if (dir.includes("=") || dataset.columns.some((c) => c.name === dataset.key)) return false;
  const folder = `${dataset.key}=`;
  return partitions.every((p) =>
    /^[A-Za-z0-9_.-]+$/.test(p.label) &&
    p.files.every((f) =>
      f.startsWith(`${folder}${p.label}/`) &&
      !/[/=]/.test(f.slice(folder.length + p.label.length + 1))
    )
  );
}

/**
 * Builds the queries of a group of partitions.
 *
 * @example
 * ```ts ignore
 * const columns = ["x", "y", "day"];
 * const q = groupQuery({ model, dataset, dir, partitions, offsets: [0, 0], target: "y", columns, batchRows: 65536, bounds: {}, hive: true });
 * const rows = (await db.runAndReadAll(q.scoring)).getRowObjectsJS();
 * ```
 */
export function groupQuery(input: GroupQueryInput): GroupQuery {
  const { model, dataset, partitions, target, columns: names } = input;
  const types = new Map(dataset.columns.map((c) => [c.name, c.type]));
  const alias = (name: string) => `_r${names.indexOf(name)}`;
  // The partition's label: the Hive value `_part` itself, or picked by the partition's index `_part`.
  const labels = partitions.map((p) => quoteString(p.label));
  const label = input.hive
    ? "_part"
    : labels.length === 1
    ? labels[0]!
    : `[${labels.join(", ")}][_part + 1]`;
  const source: SqlSource = {
    column: alias,
    kind: (name) => sqlValueKind(types.get(name)!),
    rowLabel: sqlText`${label} row ${"_row + 1"}`,
  };
  const pre = preprocessingSql(model, source);
  let rank = pre.checks.reduce((r, c) => Math.max(r, c.rank + 1), 0);
  const out = outputsSql(model, pre.inputs, source.rowLabel, rank);
  rank += model.width;
  const y = targetSql(model, target, alias(target), source.kind(target), source.rowLabel, rank);
  const checks = [...pre.checks, ...out.checks, ...y.checks];

  const ctes = [
    `_src AS (${
      _readSql(input, (n) => `${rawValueSql(quoteIdentifier(n), types.get(n)!)} AS ${alias(n)}`)
    })`,
  ];
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
  const failure = checkFailureSql(checks);
  const firstRefusal = `WITH ${ctes.join(", ")} SELECT _part, ` +
    `min_by(_message, [_row // ${input.batchRows}, _rank, _row]) AS _message ` +
    `FROM (SELECT _part, _row, ${failure.rank} AS _rank, ${failure.message} AS _message FROM _m) ` +
    "WHERE _rank IS NOT NULL GROUP BY _part";

  // A plugin with strict outputs carries its inputs' NULL, NaN and infinities (and the raw values
  // they carry) into the outputs, whose sum then tells for them too.
  const covered = new Set(
    model.plugin.tags.strict_outputs
      ? pre.inputs.flatMap((i) => [i, ...(pre.carries.has(i) ? [pre.carries.get(i)!] : [])])
      : [],
  );
  const suspect = checkSuspectSql(checks, covered);
  const metrics = metricsSql(model, input.range);
  const timeType = types.get(dataset.time)!;
  const diagnostics = input.bounds
    ? diagnosticsSql(model, {
      source,
      key: "_t",
      keyText: (key) => rawValueSql(key, timeType),
      keyKind: sqlValueKind(timeType),
      label,
    }, input.bounds)
    : { scored: [], keys: [], aggregates: [], select: [] };
  const scored = [
    "_part",
    // The row's number names the worst rows and seeds the sample; without them it is not read.
    ...(input.bounds ? ["_row"] : []),
    "_y",
    ...out.outputs.map((_, k) => `_o${k}`),
    ...suspect.scored,
    ...metrics.scored,
    ...diagnostics.scored,
  ];
  const keys = ["_part", ...metrics.keys, ...diagnostics.keys];
  // The ranking reads the rows again rather than DuckDB keeping them all for two readers.
  ctes.push(
    `_s AS NOT MATERIALIZED (SELECT ${scored.join(", ")} FROM _m)`,
    `_g AS (SELECT ${keys.join(", ")}, count(*) AS _n, ${
      [...suspect.aggregates, ...metrics.aggregates, ...diagnostics.aggregates].join(", ")
    } FROM _s GROUP BY ${keys.join(", ")})`,
    `_a AS (SELECT _part, ${
      [suspect.select, ...metrics.select, ...diagnostics.select].join(", ")
    } FROM _g GROUP BY _part)`,
  );
  const scoring = metrics.ranking
    ? `WITH ${ctes.join(", ")}, _b AS (${metrics.ranking}) ` +
      "SELECT * FROM _a LEFT JOIN _b USING (_part) ORDER BY _part"
    : `WITH ${ctes.join(", ")} SELECT * FROM _a ORDER BY _part`;
  return { scoring, firstRefusal };
}

/**
 * Reads the group's files, each row with its partition `_part` (its Hive
 * value, or its index from DuckDB's `file_index`), its position in its
 * partition `_row`, and the time column as read, `_t`.
 */
function _readSql(input: GroupQueryInput, column: (name: string) => string): string {
  const { dataset, partitions, offsets } = input;
  const files = partitions.flatMap((p) => p.files);
  const read = partitionSql(dataset, { ...partitions[0]!, files }, input.dir);
  const off = ", hive_partitioning = false)";
  if (!read.startsWith("read_parquet(") || !read.endsWith(off)) {
    throw new RatchetError("internal", `Unexpected partition SQL: ${read}`);
  }
  const file = "CAST(file_index AS INTEGER) + 1";
  const part = input.hive
    ? quoteIdentifier(dataset.key)
    : partitions.length === 1
    ? "0"
    : `[${partitions.flatMap((p, k) => p.files.map(() => k)).join(", ")}][${file}]`;
  const row = offsets.some((o) => o !== 0)
    ? `file_row_number + [${offsets.join(", ")}][${file}]`
    : "file_row_number";
  const select = [
    ...input.columns.map(column),
    `${quoteIdentifier(dataset.time)} AS _t`,
    `${part} AS _part`,
    `${row} AS _row`,
  ];
  const options = input.hive
    ? `hive_partitioning = true, hive_types = {${quoteString(dataset.key)}: 'VARCHAR'}`
    : "hive_partitioning = false";
  return `SELECT ${select.join(", ")} FROM ${
    read.slice(0, -off.length)
  }, ${options}, file_row_number = true)`;
}
