/**
 * One DuckDB data chunk's columns, read once each: numbers, dates and
 * timestamps as copies of their raw vectors (no object per row), other types
 * through node-api's vectors.
 *
 * @module
 */
import type { DuckDBDataChunk, DuckDBVector } from "@duckdb/node-api";
import { RatchetError } from "../errors/mod.ts";
import type { DatasetColumnType } from "./dataset.ts";
import { duckdbBindings } from "./duckdb_bindings.ts";

/** One column of a chunk. */
export interface ChunkColumn {
  /**
   * number: DOUBLE values; date: days since 1970-01-01 (Int32); timestamp:
   * microseconds since 1970 as (low, high) Int32 word pairs; null for other
   * types, and when `raw` is given.
   */
  values: Float64Array | Int32Array | null;
  /** The validity mask (bit i set = row i present), or null when every row is present. */
  valid: Uint8Array | null;
  /** The node-api vector, for strings and booleans. */
  vector: DuckDBVector | null;
  /**
   * A numbers column without missing values read through DuckDB's C library:
   * the vector's own memory, valid until the source fetches its next chunk
   * (`values` is then null, so the numbers are copied once, where they go).
   */
  raw?: Deno.PointerObject;
}

/** A chunk's columns, and the file each row came from when the query selected one. */
export interface ChunkColumns {
  /** Rows in the chunk. */
  rows: number;
  /** The dataset columns, in the order the scan selected them. */
  columns: ChunkColumn[];
  /** `file_index` of each row (the query's extra last column), or null. */
  files: Int32Array | null;
}

/**
 * Reads `chunk`, whose columns are the scan's `types` in order (numbers as
 * DOUBLE, dates as DATE, timestamps as TIMESTAMP), followed by an INTEGER
 * file index when `withFiles` is set.
 *
 * @example
 * ```ts
 * import { connectDuckdb } from "./duckdb.ts";
 * import { readChunkColumns } from "./chunk_columns.ts";
 * const db = await connectDuckdb();
 * try {
 *   const result = await db.run("SELECT 1.5::DOUBLE, NULL::DOUBLE, DATE '1970-01-03', 'a'");
 *   const c = readChunkColumns(result.getChunk(0), ["number", "number", "date", "string"], false);
 *   if (c.columns[0]!.values![0] !== 1.5 || c.columns[1]!.valid![0]! & 1) throw new Error();
 *   if (c.columns[2]!.values![0] !== 2 || c.columns[3]!.vector!.getItem(0) !== "a") throw new Error();
 * } finally {
 *   db.disconnectSync();
 * }
 * ```
 */
export function readChunkColumns(
  chunk: DuckDBDataChunk,
  types: readonly DatasetColumnType[],
  withFiles: boolean,
): ChunkColumns {
  const raw = duckdbBindings();
  const rows = chunk.rowCount;
  const maskBytes = Math.ceil(rows / 64) * 8;
  const columns = types.map((type, j): ChunkColumn => {
    if (type === "string" || type === "boolean") {
      return { values: null, valid: null, vector: chunk.getColumnVector(j) };
    }
    const vector = raw.data_chunk_get_vector(chunk.chunk, j);
    const bytes = raw.vector_get_data(vector, rows * (type === "date" ? 4 : 8));
    return {
      values: type === "number" ? _view(Float64Array, bytes) : _view(Int32Array, bytes),
      valid: raw.vector_get_validity(vector, maskBytes),
      vector: null,
    };
  });
  let files: Int32Array | null = null;
  if (withFiles) {
    const vector = raw.data_chunk_get_vector(chunk.chunk, types.length);
    files = _view(Int32Array, raw.vector_get_data(vector, rows * 4));
  }
  return { rows, columns, files };
}

/** A typed view on a copied vector (copying once more if the copy is not aligned). */
function _view<T extends Float64Array | Int32Array>(
  kind: {
    new (buffer: ArrayBufferLike, offset: number, length: number): T;
    BYTES_PER_ELEMENT: number;
  },
  bytes: Uint8Array,
): T {
  const width = kind.BYTES_PER_ELEMENT;
  if (bytes.byteLength % width !== 0) {
    throw new RatchetError(
      "internal",
      `DuckDB returned ${bytes.byteLength} bytes for a vector of ${width}-byte values`,
    );
  }
  const aligned = bytes.byteOffset % width === 0 ? bytes : bytes.slice();
  return new kind(aligned.buffer, aligned.byteOffset, aligned.byteLength / width);
}
