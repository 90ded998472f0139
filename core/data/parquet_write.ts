/**
 * A Parquet file written in JavaScript, for rows a program holds column by
 * column in typed arrays (the prediction log): one row group, one
 * uncompressed PLAIN data page per column, every column OPTIONAL, and the
 * physical and converted types DuckDB itself writes for DOUBLE, BOOLEAN,
 * TIMESTAMP and VARCHAR, so that DuckDB reads the file back in exactly those
 * types. Writing costs little more than copying the values; DuckDB
 * compresses the rows later, when it compacts them.
 *
 * See the format's specification: apache/parquet-format, `README.md`,
 * `Encodings.md` and `src/main/thrift/parquet.thrift`.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { ThriftWriter } from "./thrift_compact.ts";

/**
 * One column of a Parquet file ({@linkcode parquetPieces}). Numbers, booleans and times
 * mark a missing value with NaN; text marks it with code -1.
 */
export type ParquetColumn =
  | { readonly name: string; readonly kind: "double"; readonly values: Float64Array }
  | {
    readonly name: string;
    /** 1 (or any number but 0) is true, 0 false. */
    readonly kind: "boolean";
    readonly values: Float64Array;
  }
  | {
    readonly name: string;
    /** Milliseconds since 1970-01-01 UTC, stored as a TIMESTAMP in microseconds. */
    readonly kind: "timestamp";
    readonly values: Float64Array;
  }
  | {
    readonly name: string;
    /** Row `i` is `dictionary[codes[i]]`. */
    readonly kind: "text";
    readonly codes: Int32Array;
    readonly dictionary: readonly string[];
  }
  | {
    readonly name: string;
    /** UTF-8 text, never missing: row `i` is `bytes[ends[i - 1] .. ends[i]]`. */
    readonly kind: "utf8";
    readonly bytes: Uint8Array;
    readonly ends: Int32Array;
  };

// Parquet enums (parquet.thrift).
const _TYPE = { BOOLEAN: 0, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const _OPTIONAL = 1, _REQUIRED = 0;
const _UTF8 = 0, _TIMESTAMP_MICROS = 10;
const _PLAIN = 0, _RLE = 3;
const _DATA_PAGE = 0, _UNCOMPRESSED = 0;
const _MAGIC = new TextEncoder().encode("PAR1");
const _utf8 = new TextEncoder();

if (new Uint8Array(new Float64Array([1]).buffer)[7] !== 0x3f) {
  throw new Error("parquet_write.ts assumes a little-endian machine");
}

/**
 * The bytes of a Parquet file holding `rows` rows of `columns`, in order,
 * as pieces made one at a time: the magic number and the first column's
 * page, each further column's page, then the footer. A writer that puts
 * each group in its file before asking for the next (`writePiecesSynced`)
 * never holds the whole file, and can pause between columns so that a big
 * file is never one long burst of work (the prediction log, which shares a
 * 2-core machine with the requests it records). A full column of numbers
 * is a view of its `values`, not a copy: write it before changing them.
 *
 * @example
 * ```ts
 * import { parquetPieces } from "./parquet_write.ts";
 * const groups = [...parquetPieces(2, [
 *   { name: "x", kind: "double", values: new Float64Array([1.5, NaN]) },
 *   { name: "plan", kind: "text", codes: new Int32Array([0, -1]), dictionary: ["pro"] },
 * ])];
 * if (groups.length !== 3) throw new Error("two columns, one footer");
 * if (new TextDecoder().decode(groups[0]![0]) !== "PAR1") throw new Error();
 * ```
 */
export function* parquetPieces(
  rows: number,
  columns: readonly ParquetColumn[],
): Generator<Uint8Array[], void, undefined> {
  if (!Number.isInteger(rows) || rows < 0 || rows > 0x7fffffff) {
    throw invalid(`Cannot write ${rows} rows to one Parquet page`);
  }
  let offset = _MAGIC.length;
  const chunks: { column: ParquetColumn; type: number; offset: number; size: number }[] = [];
  for (const [k, column] of columns.entries()) {
    const { levels, values, type } = _page(rows, column);
    const data = 4 + levels.length + values.length;
    const header = new ThriftWriter();
    header.struct(() => {
      header.i32(1, _DATA_PAGE);
      header.i32(2, data);
      header.i32(3, data);
      header.structField(5, () => {
        header.i32(1, rows);
        header.i32(2, _PLAIN);
        header.i32(3, _RLE);
        header.i32(4, _RLE);
      });
    });
    const length = new Uint8Array(4);
    new DataView(length.buffer).setInt32(0, levels.length, true);
    const head = header.bytes();
    const size = head.length + data;
    chunks.push({ column, type, offset, size });
    offset += size;
    yield k === 0 ? [_MAGIC, head, length, levels, values] : [head, length, levels, values];
  }
  const footer = new ThriftWriter();
  footer.struct(() => {
    footer.i32(1, 1);
    footer.structList(2, [undefined, ...columns], (column) => {
      if (column === undefined) {
        footer.i32(3, _REQUIRED);
        footer.binary(4, "schema");
        footer.i32(5, columns.length);
        return;
      }
      _schemaElement(footer, column);
    });
    footer.i64(3, rows);
    footer.structList(4, [chunks], (all) => {
      footer.structList(1, all, (c) => {
        footer.i64(2, c.offset);
        footer.structField(3, () => {
          footer.i32(1, c.type);
          footer.i32List(2, [_PLAIN, _RLE]);
          footer.binaryList(3, [c.column.name]);
          footer.i32(4, _UNCOMPRESSED);
          footer.i64(5, rows);
          footer.i64(6, c.size);
          footer.i64(7, c.size);
          footer.i64(9, c.offset);
        });
      });
      footer.i64(2, all.reduce((sum, c) => sum + c.size, 0));
      footer.i64(3, rows);
    });
    footer.binary(6, "ratchet");
  });
  const meta = footer.bytes();
  const tail = new Uint8Array(8);
  new DataView(tail.buffer).setUint32(0, meta.length, true);
  tail.set(_MAGIC, 4);
  yield columns.length === 0 ? [_MAGIC, meta, tail] : [meta, tail];
}

function _schemaElement(w: ThriftWriter, column: ParquetColumn): void {
  const type = _physical(column);
  w.i32(1, type);
  w.i32(3, _OPTIONAL);
  w.binary(4, column.name);
  if (type === _TYPE.BYTE_ARRAY) w.i32(6, _UTF8);
  if (column.kind === "timestamp") {
    w.i32(6, _TIMESTAMP_MICROS);
    // LogicalType.TIMESTAMP: not adjusted to UTC (DuckDB's TIMESTAMP), in microseconds.
    w.structField(10, () =>
      w.structField(8, () => {
        w.bool(1, false);
        w.structField(2, () => w.structField(2, () => {}));
      }));
  }
}

function _physical(column: ParquetColumn): number {
  switch (column.kind) {
    case "double":
      return _TYPE.DOUBLE;
    case "boolean":
      return _TYPE.BOOLEAN;
    case "timestamp":
      return _TYPE.INT64;
    case "text":
    case "utf8":
      return _TYPE.BYTE_ARRAY;
  }
}

/** A column's definition levels (RLE runs) and its present values (PLAIN). */
function _page(
  rows: number,
  column: ParquetColumn,
): { levels: Uint8Array; values: Uint8Array; type: number } {
  const type = _physical(column);
  if (column.kind === "utf8") {
    const { bytes, ends } = column;
    if (ends.length < rows) throw invalid(`Column ${column.name} holds fewer than ${rows} rows`);
    const size = rows === 0 ? 0 : ends[rows - 1]!;
    const values = new Uint8Array(size + 4 * rows);
    const view = new DataView(values.buffer);
    let at = 0, start = 0;
    for (let i = 0; i < rows; i++) {
      const end = ends[i]!;
      view.setUint32(at, end - start, true);
      at += 4;
      for (let b = start; b < end; b++) values[at++] = bytes[b]!;
      start = end;
    }
    return { levels: _levels(rows, null), values, type };
  }
  if (column.kind === "text") {
    const { codes } = column;
    if (codes.length < rows) throw invalid(`Column ${column.name} holds fewer than ${rows} rows`);
    const words = column.dictionary.map((s) => _utf8.encode(s));
    let size = 0;
    for (let i = 0; i < rows; i++) {
      const c = codes[i]!;
      if (c >= 0) size += 4 + words[c]!.length;
    }
    const values = new Uint8Array(size);
    const view = new DataView(values.buffer);
    let at = 0, present = 0;
    const mask = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const c = codes[i]!;
      if (c < 0) continue;
      mask[i] = 1;
      present++;
      const word = words[c]!, n = word.length;
      view.setUint32(at, n, true);
      at += 4;
      for (let b = 0; b < n; b++) values[at++] = word[b]!;
    }
    return { levels: _levels(rows, present === rows ? null : mask), values, type };
  }
  const v = column.values;
  if (v.length < rows) throw invalid(`Column ${column.name} holds fewer than ${rows} rows`);
  let present = 0;
  const mask = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    if (v[i] === v[i]) {
      mask[i] = 1;
      present++;
    }
  }
  const levels = _levels(rows, present === rows ? null : mask);
  if (column.kind === "boolean") {
    const values = new Uint8Array(Math.ceil(present / 8));
    let k = 0;
    for (let i = 0; i < rows; i++) {
      const x = v[i]!;
      if (x !== x) continue;
      if (x !== 0) values[k >> 3] = values[k >> 3]! | (1 << (k & 7));
      k++;
    }
    return { levels, values, type };
  }
  if (column.kind === "timestamp") {
    const values = new Uint8Array(8 * present);
    const view = new DataView(values.buffer);
    let at = 0;
    for (let i = 0; i < rows; i++) {
      const ms = v[i]!;
      if (ms !== ms) continue;
      const micros = Math.round(ms) * 1000;
      if (!Number.isSafeInteger(micros)) {
        throw invalid(`Column ${column.name} holds a time out of range (${ms} ms)`);
      }
      const high = Math.floor(micros / 0x100000000);
      view.setUint32(at, micros - high * 0x100000000, true);
      view.setInt32(at + 4, high, true);
      at += 8;
    }
    return { levels, values, type };
  }
  if (present === rows) {
    return { levels, values: new Uint8Array(v.buffer, v.byteOffset, 8 * rows), type };
  }
  const dense = new Float64Array(present);
  let k = 0;
  for (let i = 0; i < rows; i++) if (v[i] === v[i]) dense[k++] = v[i]!;
  return { levels, values: new Uint8Array(dense.buffer), type };
}

/**
 * Definition levels, bit width 1, as runs of the RLE/bit-packing hybrid:
 * each run is `varint(length << 1)` and one byte, 1 for present, 0 for
 * missing. `present` marks each row (null: every row is present).
 */
function _levels(rows: number, present: Uint8Array | null): Uint8Array {
  if (rows === 0) return new Uint8Array(0);
  const out: number[] = [];
  if (present === null) {
    _run(out, rows, 1);
    return Uint8Array.from(out);
  }
  let i = 0;
  while (i < rows) {
    const value = present[i]!;
    let j = i + 1;
    while (j < rows && present[j] === value) j++;
    _run(out, j - i, value);
    i = j;
  }
  return Uint8Array.from(out);
}

/** Appends one RLE run of `length` times `value` to `out`. */
function _run(out: number[], length: number, value: number): void {
  let n = length * 2;
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n, value);
}
