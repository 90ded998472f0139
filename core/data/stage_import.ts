/**
 * Writing an import's Parquet files into a staging folder inside the dataset
 * folder: DuckDB labels every row's partition from its time and writes one
 * file per partition (`PARTITION_BY`), each under a fresh unique name. Rows
 * whose time span is known to fall in one partition are written straight to
 * one file, without labelling each row. Nothing here is visible to readers
 * until the files are listed in `dataset.json`.
 *
 * @module
 */
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { invalid } from "../errors/mod.ts";
import { storedSql } from "./column_type.ts";
import type { DatasetColumn, Grain } from "./dataset.ts";
import { parsePartitionLabel, partitionLabel, partitionLabelSql } from "./partition_label.ts";
import { type ImportInput, storedTimeSql, type TimeSpan } from "./read_input.ts";
import { quoteIdentifier, quoteString } from "./sql_quote.ts";

const _PARTITION = "__ratchet_partition";

/** A Parquet codec an import writes with. */
export type ParquetCompression = "zstd" | "snappy";

/** How {@linkcode stageInput} writes. */
export interface StageOptions {
  /** The Parquet codec. */
  compression: ParquetCompression;
}

/** A Parquet file written to the staging folder. */
export interface StagedFile {
  /** The partition label. */
  label: string;
  /** Its absolute path in the staging folder. */
  path: string;
  /** Its file name: `part-<uuid>.parquet`. */
  name: string;
  /** Its row count. */
  rows: number;
}

/**
 * Writes `input`, with its columns in the dataset's order and stored types,
 * as Parquet under `staging/<tag>/`, partitioned by `grain`.
 *
 * @example
 * ```ts ignore
 * const staged = await stageInput(db, input, columns, "date", "month", ".staging-x", "0", { compression: "zstd" });
 * ```
 */
export async function stageInput(
  db: DuckDBConnection,
  input: ImportInput,
  columns: readonly DatasetColumn[],
  time: string,
  grain: Grain,
  staging: string,
  tag: string,
  options: StageOptions,
): Promise<StagedFile[]> {
  const exprs = columns.map((column) => {
    const c = input.columns.find((x) => x.name === column.name)!;
    const expr = column.name === time
      ? storedTimeSql(c)
      : storedSql(quoteIdentifier(c.name), c.duckdbType, column.type);
    return `${expr} AS ${quoteIdentifier(column.name)}`;
  });
  const t = input.columns.find((x) => x.name === time)!;
  const out = join(staging, tag);
  Deno.mkdirSync(staging, { recursive: true });
  const codec = `FORMAT parquet, COMPRESSION ${options.compression}`;
  const select = `SELECT ${exprs.join(", ")}`;
  const only = input.span && _onePartition(input.span, grain);
  if (only !== undefined) {
    const name = `part-${crypto.randomUUID()}.parquet`, path = join(out, name);
    Deno.mkdirSync(out);
    // A file the program wrote in the dataset's columns is taken in as it is; else DuckDB copies.
    const moved = input.file !== undefined && _storedAsIs(input, columns, time) &&
      _move(input.file, path);
    if (!moved) {
      await _copy(
        db,
        input,
        `COPY (${select} FROM ${input.from}) TO ${quoteString(path)} (${codec})`,
      );
    }
    return [{ label: parsePartitionLabel(only, grain), path, name, rows: input.rows }];
  }
  const label = partitionLabelSql(`(${storedTimeSql(t)})`, grain);
  await _copy(
    db,
    input,
    `COPY (${select}, ${label} AS ${_PARTITION} FROM ${input.from}) TO ${quoteString(out)} ` +
      `(${codec}, PARTITION_BY (${_PARTITION}), FILENAME_PATTERN 'part-{uuid}')`,
  );
  const files: StagedFile[] = [];
  for (const folder of Deno.readDirSync(out)) {
    const prefix = `${_PARTITION}=`;
    if (!folder.isDirectory || !folder.name.startsWith(prefix)) continue;
    const label = parsePartitionLabel(decodeURIComponent(folder.name.slice(prefix.length)), grain);
    for (const file of Deno.readDirSync(join(out, folder.name))) {
      files.push({ label, path: join(out, folder.name, file.name), name: file.name, rows: 0 });
    }
  }
  if (files.length) {
    const counts = (await db.runAndReadAll(
      `SELECT file_name, num_rows FROM parquet_file_metadata([${
        files.map((f) => quoteString(f.path)).join(", ")
      }])`,
    )).getRowObjectsJson();
    const rows = new Map(counts.map((r) => [String(r.file_name), Number(r.num_rows)]));
    for (const f of files) f.rows = rows.get(f.path) ?? 0;
  }
  return files;
}

/** Whether the input's columns are the dataset's, in order, each already in its stored type. */
function _storedAsIs(input: ImportInput, columns: readonly DatasetColumn[], time: string): boolean {
  return input.columns.length === columns.length && columns.every((column, j) => {
    const c = input.columns[j]!, expr = quoteIdentifier(c.name);
    const stored = column.name === time
      ? storedTimeSql(c)
      : storedSql(expr, c.duckdbType, column.type);
    return c.name === column.name && stored === expr;
  });
}

/** Moves `from` to `to`, or leaves it and says false when they are on two file systems. */
function _move(from: string, to: string): boolean {
  try {
    Deno.renameSync(from, to);
    return true;
  } catch (e) {
    if (e instanceof Error && "code" in e && e.code === "EXDEV") return false;
    throw e;
  }
}

async function _copy(db: DuckDBConnection, input: ImportInput, sql: string): Promise<void> {
  try {
    await db.run(sql);
  } catch (e) {
    const message = String(e instanceof Error ? e.message : e).replace(/^Error: /, "");
    throw invalid(`Cannot import ${input.path}: ${message.split("\n")[0]}`, { cause: e });
  }
}

/**
 * The partition of both ends of `span` (labels follow time, so every row
 * between falls in it too), or undefined when the ends fall in two
 * partitions or out of the years labels cover. Labelled in JavaScript:
 * `partitionLabel` is proven equal to the SQL rows are labelled by
 * (`partition_label_test.ts`, every day of 1999–2032), and asking DuckDB
 * took about 5 ms of CPU, a burst the prediction log pays at every flush.
 */
function _onePartition(span: TimeSpan, grain: Grain): string | undefined {
  try {
    const first = partitionLabel(span.first, grain), last = partitionLabel(span.last, grain);
    return first === last ? first : undefined;
  } catch {
    return undefined; // not a date labels cover: DuckDB labels the rows, and says what is wrong
  }
}
