/**
 * A batch of scanned rows being filled chunk by chunk: one preallocated
 * typed array per number column, so rows cost a copy, never an object.
 * Dates and timestamps are kept as numbers too and written as ISO 8601 text
 * only for the rows a caller reads (a back-test reads its time column for a
 * handful of rows).
 *
 * @module
 */
import { type Table, tableFromColumns } from "../table/mod.ts";
import type { ChunkColumns } from "./chunk_columns.ts";
import type { DatasetColumnType } from "./dataset.ts";
import { quoteIdentifier } from "./sql_quote.ts";

const _DAY_MS = 86_400_000;
/** Beyond ±8.64e15 ms a JS Date is invalid: DuckDB's `infinity` dates and timestamps. */
const _MAX_MS = 8.64e15;

/**
 * The SQL that selects a column for a scan, in the physical type
 * {@linkcode ScanBatch} reads: numbers as DOUBLE, dates as DATE, timestamps
 * as TIMESTAMP (casts DuckDB drops when the stored type already is that).
 *
 * @example
 * ```ts
 * import { scanSelectSql } from "./scan_batch.ts";
 * if (scanSelectSql("x", "number") !== 'CAST("x" AS DOUBLE)' || scanSelectSql("k", "string") !== '"k"') throw new Error();
 * ```
 */
export function scanSelectSql(name: string, type: DatasetColumnType): string {
  const c = quoteIdentifier(name);
  switch (type) {
    case "number":
      return `CAST(${c} AS DOUBLE)`;
    case "date":
      return `CAST(${c} AS DATE)`;
    case "timestamp":
      return `CAST(${c} AS TIMESTAMP)`;
    default:
      return c;
  }
}

/**
 * Rows of a scan gathered into one batch of at most `size` rows: numbers as
 * `Float64Array` (NaN when missing), strings and booleans as arrays (`null`
 * when missing), dates as `2015-03-01` and timestamps as
 * `2015-03-01T10:00:00.000Z` (UTC, milliseconds), `null` when missing.
 *
 * @example
 * ```ts
 * import { ScanBatch } from "./scan_batch.ts";
 * const batch = new ScanBatch(["number", "date"], 4);
 * batch.append({
 *   rows: 2,
 *   files: null,
 *   columns: [
 *     { values: Float64Array.of(1.5, 2.5), valid: Uint8Array.of(0b01), vector: null },
 *     { values: Int32Array.of(0, 16495), valid: null, vector: null },
 *   ],
 * }, 0, 2);
 * const t = batch.table(["x", "day"], "2015-03");
 * if (t.n !== 2 || !Number.isNaN((t.column("x") as Float64Array)[1]!)) throw new Error();
 * if (t.column("day")![1] !== "2015-03-01" || t.rowLabel(1) !== "2015-03 row 2") throw new Error();
 * ```
 */
export class ScanBatch {
  /** Rows appended so far. */
  n = 0;
  /** Rows of the partition before this batch. */
  readonly offset: number;
  readonly #types: readonly DatasetColumnType[];
  readonly #columns: (Float64Array | unknown[])[];

  /**
   * An empty batch of the scan's column types, for up to `size` rows after
   * the partition's first `offset`; with `reuse`, in `reuse`'s arrays (whose
   * rows it overwrites).
   */
  constructor(types: readonly DatasetColumnType[], size: number, offset = 0, reuse?: ScanBatch) {
    this.offset = offset;
    this.#types = types;
    this.#columns = reuse
      ? reuse.#columns
      : types.map((t) =>
        t === "string" || t === "boolean" ? new Array(size) : new Float64Array(size)
      );
  }

  /**
   * The columns as stored: numbers, dates (days since 1970-01-01) and
   * timestamps (microseconds) as `Float64Array`s of at least `n` values,
   * missing as NaN; strings and booleans as arrays of `n` values.
   */
  columns(): (Float64Array | unknown[])[] {
    for (const col of this.#columns) if (!(col instanceof Float64Array)) col.length = this.n;
    return this.#columns;
  }

  /** The batch as a table; `label` names its partition in row labels. */
  table(names: readonly string[], label: string): Table {
    return ScanBatch.tableOf(names, this.#types, this.columns(), this.n, label, this.offset);
  }

  /** Appends rows `from … from + take - 1` of a chunk. */
  append(chunk: ChunkColumns, from: number, take: number): void {
    const at = this.n;
    for (let j = 0; j < this.#types.length; j++) {
      const { values, valid, vector, raw } = chunk.columns[j]!;
      const out = this.#columns[j]!;
      const type = this.#types[j]!;
      if (raw !== undefined) {
        const f = out as Float64Array;
        const bytes = new Uint8Array(f.buffer, f.byteOffset + at * 8, take * 8);
        Deno.UnsafePointerView.copyInto(raw, bytes, from * 8);
      } else if (!(out instanceof Float64Array)) {
        for (let i = 0; i < take; i++) out[at + i] = vector!.getItem(from + i);
      } else if (type === "timestamp") {
        // Microseconds as two 32-bit words: exact as a double until the year 2255.
        for (let i = 0; i < take; i++) {
          const k = from + i;
          out[at + i] = _isValid(valid, k)
            ? values![2 * k + 1]! * 4294967296 + (values![2 * k]! >>> 0)
            : NaN;
        }
      } else if (valid === null && values instanceof Float64Array) {
        out.set(values.subarray(from, from + take), at);
      } else {
        for (let i = 0; i < take; i++) {
          out[at + i] = _isValid(valid, from + i) ? values![from + i]! : NaN;
        }
      }
    }
    this.n += take;
  }

  /**
   * A table over stored `columns` (as {@linkcode ScanBatch.columns} gives
   * them) of `n` rows, the first being row `offset + 1` of partition `label`.
   */
  static tableOf(
    names: readonly string[],
    types: readonly DatasetColumnType[],
    stored: readonly (Float64Array | unknown[])[],
    n: number,
    label: string,
    offset: number,
  ): Table {
    const columns: Record<string, ArrayLike<unknown>> = {};
    names.forEach((name, j) => {
      const col = stored[j]!;
      const type = types[j]!;
      if (!(col instanceof Float64Array)) columns[name] = col;
      else {
        const values = col.length === n ? col : col.subarray(0, n);
        columns[name] = type === "date"
          ? _isoColumn(values, _isoDate)
          : type === "timestamp"
          ? _isoColumn(values, _isoTimestamp)
          : values;
      }
    });
    return {
      ...tableFromColumns(columns, n, { textual: false }),
      rowLabel: (i) => `${label} row ${offset + i + 1}`,
    };
  }
}

function _isValid(valid: Uint8Array | null, i: number): boolean {
  return valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0;
}

function _isoDate(days: number): string {
  const ms = days * _DAY_MS;
  if (Math.abs(ms) > _MAX_MS) return ms > 0 ? "infinity" : "-infinity";
  return new Date(ms).toISOString().slice(0, 10);
}

function _isoTimestamp(micros: number): string {
  const ms = Math.floor(micros / 1000);
  if (Math.abs(ms) > _MAX_MS) return ms > 0 ? "infinity" : "-infinity";
  return new Date(ms).toISOString();
}

/**
 * A read-only array of ISO texts over numeric times, each written on first
 * read: a batch of 65536 dates of which a caller reads three costs three
 * (and the texts read so far are kept in a map, not an array of 65536).
 */
function _isoColumn(values: Float64Array, format: (x: number) => string): ArrayLike<unknown> {
  // The proxy's target only answers methods; it stays empty (even its length: giving an array
  // a length of 65536 allocates that many slots, which costs more than the rest of a batch's dates).
  const target: unknown[] = [];
  const texts = new Map<number, string | null>();
  return new Proxy(target, {
    get(target, key, receiver) {
      if (key === "length") return values.length;
      if (typeof key === "string") {
        const i = _index(key, values.length);
        if (i >= 0) {
          let text = texts.get(i);
          if (text === undefined) {
            const x = values[i]!;
            text = Number.isNaN(x) ? null : format(x);
            texts.set(i, text);
          }
          return text;
        }
      }
      return Reflect.get(target, key, receiver);
    },
    // Array methods (map, slice, …) skip indices that are not "in" the array.
    has: (target, key) =>
      (typeof key === "string" && _index(key, values.length) >= 0) || Reflect.has(target, key),
    set: () => false,
  });
}

/** `key` as an index below `length`, or -1. */
function _index(key: string, length: number): number {
  const code = key.charCodeAt(0);
  if (code < 48 || code > 57) return -1; // not a digit: length, methods, symbols' names
  const i = Number(key);
  return Number.isInteger(i) && i < length && String(i) === key ? i : -1;
}
