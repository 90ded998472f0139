/**
 * One input file of an import, as DuckDB sees it: how to read it (by
 * extension), its columns and their dataset types, and a check that every
 * row has a time that can be partitioned.
 *
 * @module
 */
import { extname } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { invalid, RatchetError } from "../errors/mod.ts";
import { columnTypeOf, storedSql } from "./column_type.ts";
import type { DatasetColumnType } from "./dataset.ts";
import { quoteIdentifier, quoteString } from "./sql_quote.ts";

/** A column of an input file. */
export interface InputColumn {
  /** Its name. */
  name: string;
  /** Its DuckDB type, e.g. `BIGINT`. */
  duckdbType: string;
  /** Its dataset type. */
  type: DatasetColumnType;
  /** True when every value is missing: it then fits whatever type the dataset has. */
  empty: boolean;
}

/** An input file, described. */
export interface ImportInput {
  /** The path as given. */
  path: string;
  /** The SQL that reads it, for a FROM clause. */
  from: string;
  /** Its columns, in file order. */
  columns: InputColumn[];
  /** Its row count. */
  rows: number;
  /** The earliest and latest time of its rows, when the program that made them knows. */
  span?: TimeSpan | undefined;
  /** The Parquet file that holds exactly these rows, when a program wrote one (see {@linkcode ImportRelation}). */
  file?: string | undefined;
}

/** The earliest and the latest time of some rows. */
export interface TimeSpan {
  /** The earliest. */
  readonly first: Date;
  /** The latest. */
  readonly last: Date;
}

// Not BOOLEAN: DuckDB would read yes/no as true/false, and "yes" must stay a
// label that matches a model's. Only true/false columns become booleans (below).
// Not TIME: a time of day alone is text to a dataset.
const _CSV_TYPES =
  "auto_type_candidates = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'TIMESTAMPTZ', 'VARCHAR']";

const _READERS: Record<string, (path: string) => string> = {
  ".csv": (p) => `read_csv(${p}, header = true, ${_CSV_TYPES})`,
  ".tsv": (p) => `read_csv(${p}, header = true, delim = '\t', ${_CSV_TYPES})`,
  ".parquet": (p) => `read_parquet(${p}, hive_partitioning = false)`,
  ".json": (p) => `read_json_auto(${p}, format = 'auto')`,
  ".jsonl": (p) => `read_json_auto(${p}, format = 'newline_delimited')`,
  ".ndjson": (p) => `read_json_auto(${p}, format = 'newline_delimited')`,
};

/**
 * Describes an input file and checks its time column: present, of a date,
 * timestamp or ISO text type, never missing or unparseable (the error gives
 * the count and an example row).
 *
 * @example
 * ```ts
 * import { readInput } from "./read_input.ts";
 * import { duckdb } from "./duckdb.ts";
 * const path = Deno.makeTempFileSync({ suffix: ".csv" });
 * Deno.writeTextFileSync(path, "day,x\n2015-03-01,1\n2015-03-02,\n");
 * const input = await readInput(await duckdb(), path, "day");
 * Deno.removeSync(path);
 * if (input.rows !== 2 || input.columns.map((c) => c.type).join() !== "date,number") throw new Error();
 * ```
 */
export async function readInput(
  db: DuckDBConnection,
  path: string,
  time: string,
): Promise<ImportInput> {
  const reader = _READERS[extname(path).toLowerCase()];
  if (!reader) {
    throw invalid(
      `Cannot import ${path}: unknown file type; use ${Object.keys(_READERS).join(", ")}`,
    );
  }
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch {
    throw new RatchetError("not_found", `Input file ${path} does not exist`);
  }
  if (!info.isFile) throw invalid(`Input ${path} is not a file`);
  if (info.size === 0) {
    throw invalid(`Input file ${path} is empty (0 bytes): there is nothing to import`);
  }
  return await _describe(db, path, reader(quoteString(path)), time);
}

/**
 * Rows a program has ready in DuckDB rather than in a file (e.g. a table of
 * the connection's database), to import like a file.
 */
export interface ImportRelation {
  /** What the rows are, for messages and the dataset's history (e.g. "the prediction log"). */
  readonly name: string;
  /** SQL for a FROM clause that reads them, e.g. a table name or `(SELECT …)`. */
  readonly from: string;
  /**
   * A Parquet file the program wrote, which `from` reads as it is. When the
   * rows fall in one partition and the file's columns are the dataset's, in
   * order and in their stored types, the import moves the file into the
   * dataset (on the same file system) instead of writing a copy: it must be
   * complete and synced, and is gone afterwards.
   */
  readonly file?: string | undefined;
  /**
   * What a program that made the rows knows of them: their columns, in the
   * types they are stored in, and their count, every row with a time. When
   * given, they are taken as they are: no query describes or checks the rows.
   */
  readonly known?: {
    readonly columns: readonly InputColumn[];
    readonly rows: number;
    /**
     * The earliest and latest time of the rows: when both fall in one
     * partition, its file is written without partitioning the rows.
     */
    readonly span?: TimeSpan | undefined;
  };
}

/**
 * Describes rows in DuckDB and checks their time column, as
 * {@linkcode readInput} does a file's (unless the relation says what it
 * holds).
 *
 * @example
 * ```ts
 * import { readRelation } from "./read_input.ts";
 * import { duckdb } from "./duckdb.ts";
 * const rows = "(SELECT DATE '2015-03-01' AS day, 1.5 AS x)";
 * const input = await readRelation(await duckdb(), { name: "a query", from: rows }, "day");
 * if (input.rows !== 1 || input.columns.map((c) => c.type).join() !== "date,number") throw new Error();
 * ```
 */
export async function readRelation(
  db: DuckDBConnection,
  relation: ImportRelation,
  time: string,
): Promise<ImportInput> {
  const { name, from, known } = relation;
  if (!known) return await _describe(db, name, from, time);
  if (!known.columns.some((c) => c.name === time)) {
    throw invalid(`${name} has no time column ${JSON.stringify(time)}`);
  }
  return {
    path: name,
    from,
    columns: known.columns.map((c) => ({ ...c })),
    rows: known.rows,
    span: known.span,
    file: relation.file,
  };
}

async function _describe(
  db: DuckDBConnection,
  path: string,
  from: string,
  time: string,
): Promise<ImportInput> {
  const described = await _query(db, `DESCRIBE SELECT * FROM ${from}`, path);
  const columns = described.map((r) => ({
    name: String(r.column_name),
    duckdbType: String(r.column_type),
    type: columnTypeOf(String(r.column_type)) as DatasetColumnType,
    empty: false,
  }));
  const unsupported = columns.filter((c) => c.type === undefined);
  if (unsupported.length) {
    throw invalid(
      `Cannot import ${path}: datasets hold numbers, text, booleans, dates and timestamps, but ${
        unsupported.map((c) => `${c.name} is ${c.duckdbType}`).join(", ")
      }; flatten or drop those columns first`,
    );
  }
  const t = columns.find((c) => c.name === time);
  if (!t) {
    throw invalid(
      `${path} has no time column ${JSON.stringify(time)}; its columns are ${
        columns.map((c) => c.name).join(", ")
      } (choose one with --time)`,
    );
  }
  const input = { path, from, columns, rows: 0 };
  await _checkTime(db, input, t);
  return input;
}

/**
 * The SQL of an input's time column in its stored form: DATE, or TIMESTAMP
 * in UTC (ISO text with an offset is converted).
 *
 * @example
 * ```ts
 * import { storedTimeSql } from "./read_input.ts";
 * const sql = storedTimeSql({ name: "at", duckdbType: "VARCHAR", type: "timestamp", empty: false });
 * if (sql !== `timezone('UTC', CAST("at" AS TIMESTAMPTZ))`) throw new Error(sql);
 * ```
 */
export function storedTimeSql(column: InputColumn): string {
  const c = quoteIdentifier(column.name);
  if (column.duckdbType === "VARCHAR") {
    return column.type === "date"
      ? `CAST(${c} AS DATE)`
      : `timezone('UTC', CAST(${c} AS TIMESTAMPTZ))`;
  }
  return storedSql(c, column.duckdbType, column.type);
}

async function _checkTime(db: DuckDBConnection, input: ImportInput, t: InputColumn): Promise<void> {
  const c = quoteIdentifier(t.name);
  const text = t.duckdbType === "VARCHAR";
  if (!text && t.type !== "date" && t.type !== "timestamp") {
    throw invalid(
      `Time column ${t.name} of ${input.path} is ${t.duckdbType}: expected dates or timestamps ` +
        `(e.g. 2015-03-01 or 2015-03-01T10:00:00Z)`,
    );
  }
  const parsed = text ? `try_cast(${c} AS TIMESTAMPTZ)` : c;
  const unparseable = `${c} IS NOT NULL AND ${parsed} IS NULL`;
  const [stats] = await _query(
    db,
    `SELECT count(*) AS rows, count(*) FILTER (WHERE ${c} IS NULL) AS missing,
      count(*) FILTER (WHERE ${unparseable}) AS bad,
      coalesce(bool_and(${
      text ? `regexp_full_match(${c}, '\\d{4}-\\d{2}-\\d{2}')` : "true"
    }), true) AS dates,
      min(year(${parsed})) AS first, max(year(${parsed})) AS last,
      ${
      input.columns.map((x, j) => {
        const q = quoteIdentifier(x.name);
        const flags = x.duckdbType === "VARCHAR"
          ? `bool_and(lower(${q}) IN ('true', 'false'))`
          : "false";
        return `count(${q}) AS n${j}, coalesce(${flags}, false) AS b${j}`;
      }).join(", ")
    }
    FROM ${input.from}`,
    input.path,
  );
  input.rows = Number(stats!.rows);
  input.columns.forEach((x, j) => {
    x.empty = input.rows > 0 && Number(stats![`n${j}`]) === 0;
    if (x !== t && stats![`b${j}`] === true) x.type = "boolean"; // true/false text, e.g. pandas' True/False
  });
  if (text) t.type = stats!.dates ? "date" : "timestamp";
  for (
    const [count, what, where] of [
      [Number(stats!.missing), "no value in", `${c} IS NULL`],
      [Number(stats!.bad), "a value that is not a date or timestamp in", unparseable],
    ] as const
  ) {
    if (count === 0) continue;
    const [example] = await _query(
      db,
      `SELECT * FROM ${input.from} WHERE ${where} LIMIT 1`,
      input.path,
    );
    throw invalid(
      `${count} row${count === 1 ? "" : "s"} of ${input.path} ${
        count === 1 ? "has" : "have"
      } ${what} the time column ${t.name}, ` +
        `e.g. ${_shorten(JSON.stringify(example))}: every row needs a time to be partitioned`,
    );
  }
  const first = Number(stats!.first), last = Number(stats!.last);
  if (input.rows > 0 && (first < 1 || last > 9999)) {
    throw invalid(
      `${input.path}: times in ${t.name} run from year ${first} to ${last}; partitions cover the years 0001 to 9999`,
    );
  }
}

function _shorten(text: string): string {
  return text.length > 200 ? text.slice(0, 200) + "…" : text;
}

async function _query(
  db: DuckDBConnection,
  sql: string,
  path: string,
): Promise<Record<string, unknown>[]> {
  try {
    return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } catch (e) {
    const message = String(e instanceof Error ? e.message : e).replace(/^Error: /, "");
    throw invalid(`Cannot read ${path}: ${message.split("\n")[0]}`, { cause: e });
  }
}
