/**
 * Streaming one partition into columnar batches: DuckDB hands out chunks of
 * 2048 rows; they are gathered into batches of `batchRows` rows, one typed
 * array per number column, so a back-test never holds a whole partition (or
 * an object per row) in JS memory.
 *
 * @module
 */
import type { DuckDBConnection, DuckDBDataChunk } from "@duckdb/node-api";
import { invalid, RatchetError } from "../errors/mod.ts";
import { type Table, tableFromColumns } from "../table/mod.ts";
import {
  type DatasetColumnType,
  type DatasetDescriptor,
  datasetDir,
  type DatasetPartition,
} from "./dataset.ts";
import { connectDuckdb } from "./duckdb.ts";
import { partitionSql } from "./partition_sql.ts";
import { quoteIdentifier } from "./sql_quote.ts";

/** Options of {@linkcode scanPartition}. */
export interface ScanOptions {
  /** Rows per batch (the last one may be shorter). Default 65536. */
  batchRows?: number;
}

/**
 * Streams a partition's rows for `columns` as {@linkcode Table}s
 * (`textual: false`): numbers as `Float64Array` (missing → NaN), strings
 * and booleans as arrays with `null` for missing, dates and timestamps as
 * ISO 8601 text (`2015-03-01`, `2015-03-01T10:00:00.000Z`). Only the files
 * the descriptor lists are read. An unknown column, or a file that cannot
 * be read (zero bytes, truncated, missing), is a `RatchetError` naming it;
 * callers mark that partition failed. `rowLabel(i)` names the partition:
 * `2015-03 row 17`.
 *
 * @example
 * ```ts ignore
 * import { loadDataset, scanPartition } from "./mod.ts";
 * const d = loadDataset(".", "seattle");
 * for await (const t of scanPartition(".", d, d.partitions[0]!, ["temp_max", "weather"])) {
 *   console.log(t.n, t.column("temp_max"), t.rowLabel(0));
 * }
 * ```
 */
export async function* scanPartition(
  root: string,
  d: DatasetDescriptor,
  p: DatasetPartition,
  columns: readonly string[],
  options: ScanOptions = {},
): AsyncGenerator<Table> {
  const batchRows = options.batchRows ?? 65536;
  if (!Number.isInteger(batchRows) || batchRows < 1) {
    throw invalid(`batchRows must be a whole number ≥ 1, not ${batchRows}`);
  }
  const names = [...new Set(columns)];
  const types = names.map((name) => _columnType(d, name));
  const dir = datasetDir(root, d.name);
  const select = names.length ? names.map((n, j) => _selectSql(n, types[j]!)).join(", ") : "1";
  const sql = `SELECT ${select} FROM ${partitionSql(d, p, dir)}`;
  const db = await connectDuckdb();
  try {
    let result;
    try {
      result = await db.stream(sql);
    } catch (e) {
      throw await _readError(db, d, p, dir, select, e);
    }
    let done = 0;
    let batch = new _Batch(types, batchRows);
    for (;;) {
      let chunk: DuckDBDataChunk | null;
      try {
        chunk = await result.fetchChunk();
      } catch (e) {
        throw await _readError(db, d, p, dir, select, e);
      }
      if (!chunk || chunk.rowCount === 0) break;
      for (let from = 0; from < chunk.rowCount;) {
        const take = Math.min(chunk.rowCount - from, batchRows - batch.n);
        batch.append(chunk, from, take);
        from += take;
        if (batch.n === batchRows) {
          yield batch.table(names, p.label, done);
          done += batch.n;
          batch = new _Batch(types, batchRows);
        }
      }
    }
    if (batch.n > 0) {
      yield batch.table(names, p.label, done);
      done += batch.n;
    }
    if (done !== p.rows) {
      throw new RatchetError(
        "invalid",
        `Partition ${p.label} of dataset ${d.name} has ${done} rows in its files, but dataset.json ` +
          `says ${p.rows}: its files were changed after the import; import that ${d.grain} again with --replace`,
      );
    }
  } finally {
    db.disconnectSync();
  }
}

function _columnType(d: DatasetDescriptor, name: string): DatasetColumnType {
  const column = d.columns.find((c) => c.name === name);
  if (!column) {
    throw invalid(
      `Dataset ${d.name} has no column ${JSON.stringify(name)}; its columns are ${
        d.columns.map((c) => c.name).join(", ")
      }`,
    );
  }
  return column.type;
}

function _selectSql(name: string, type: DatasetColumnType): string {
  const c = quoteIdentifier(name);
  switch (type) {
    case "number": // NaN for NULL, so the batch copies the chunk's doubles without a validity check
      return `coalesce(CAST(${c} AS DOUBLE), 'NaN'::DOUBLE)`;
    case "date":
      return `strftime(${c}, '%Y-%m-%d')`;
    case "timestamp":
      return `strftime(${c}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
    default:
      return c;
  }
}

/** Names the file that cannot be read, by trying each file of the partition alone. */
async function _readError(
  db: DuckDBConnection,
  d: DatasetDescriptor,
  p: DatasetPartition,
  dir: string,
  select: string,
  cause: unknown,
): Promise<RatchetError> {
  const what = `Cannot read partition ${p.label} of dataset ${d.name}`;
  for (const file of p.files) {
    const one = { ...p, files: [file] };
    try {
      await db.runAndReadAll(`SELECT ${select} FROM ${partitionSql(d, one, dir)} LIMIT 0`);
    } catch (e) {
      return new RatchetError(
        "invalid",
        `${what}: file ${file} is unreadable (${
          _message(e)
        }); import that ${d.grain} again with --replace`,
        { cause: e },
      );
    }
  }
  return new RatchetError(
    "invalid",
    `${what} (files ${p.files.join(", ")}): ${_message(cause)}`,
    { cause },
  );
}

function _message(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split("\n")[0]!.replace(/^Error: /, "");
}

/** One batch being filled: a preallocated typed array per number column. */
class _Batch {
  n = 0;
  readonly #types: readonly DatasetColumnType[];
  readonly #columns: (Float64Array | unknown[])[];

  constructor(types: readonly DatasetColumnType[], size: number) {
    this.#types = types;
    this.#columns = types.map((t) => t === "number" ? new Float64Array(size) : new Array(size));
  }

  append(chunk: DuckDBDataChunk, from: number, take: number): void {
    for (let j = 0; j < this.#types.length; j++) {
      const vector = chunk.getColumnVector(j);
      const out = this.#columns[j]!;
      // The double vector's items are a view on DuckDB's memory: one copy, no boxing.
      const items = (vector as unknown as { items?: unknown }).items;
      if (out instanceof Float64Array && items instanceof Float64Array) {
        out.set(items.subarray(from, from + take), this.n);
      } else if (out instanceof Float64Array) {
        for (let i = 0; i < take; i++) out[this.n + i] = Number(vector.getItem(from + i) ?? NaN);
      } else {
        for (let i = 0; i < take; i++) out[this.n + i] = vector.getItem(from + i);
      }
    }
    this.n += take;
  }

  table(names: readonly string[], label: string, offset: number): Table {
    const n = this.n;
    const columns: Record<string, ArrayLike<unknown>> = {};
    names.forEach((name, j) => {
      const col = this.#columns[j]!;
      if (col instanceof Float64Array) columns[name] = col.length === n ? col : col.subarray(0, n);
      else {
        col.length = n;
        columns[name] = col;
      }
    });
    return {
      ...tableFromColumns(columns, n, { textual: false }),
      rowLabel: (i) => `${label} row ${offset + i + 1}`,
    };
  }
}
