/**
 * A streaming result of DuckDB's C library read chunk by chunk into reused
 * typed arrays: each vector (and its validity mask, when it has one) is
 * copied once, with a plain call, into arrays the source owns.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { ChunkColumn, ChunkColumns } from "./chunk_columns.ts";
import type { ChunkSource } from "./chunk_source.ts";
import type { DatasetColumnType } from "./dataset.ts";
import { type DuckDBNativeSymbols, NATIVE_TYPE } from "./duckdb_native_library.ts";

/** The column types a native source reads. */
export function nativelyReadable(types: readonly DatasetColumnType[]): boolean {
  return types.length > 0 &&
    types.every((t) => t === "number" || t === "date" || t === "timestamp");
}

/**
 * The chunks of one streaming result (made by `NativeConnection.stream`).
 * What {@linkcode NativeChunkSource.next} gives is valid until the next call
 * (or `close`): its arrays are then overwritten, and the chunk whose memory
 * `raw` columns point into is destroyed. Fetching blocks the thread while
 * DuckDB decodes.
 *
 * @example
 * ```ts
 * import { NativeDuckdb } from "./native_duckdb.ts";
 * const db = NativeDuckdb.open();
 * if (db !== null) {
 *   try {
 *     const source = db.connect().stream("SELECT NULL::DOUBLE, DATE '1970-01-03'", ["number", "date"], false);
 *     const c = (await source.next())!;
 *     if (c.columns[0]!.valid![0]! & 1 || c.columns[1]!.values![0] !== 2) throw new Error();
 *   } finally {
 *     db.close();
 *   }
 * }
 * ```
 */
export class NativeChunkSource implements ChunkSource {
  readonly #lib: DuckDBNativeSymbols;
  #result: Uint8Array | null;
  readonly #types: readonly DatasetColumnType[];
  readonly #withFiles: boolean;
  readonly #values: (Float64Array | Int32Array)[];
  readonly #masks: Uint8Array[];
  readonly #files: Int32Array | null;
  readonly #chunk = new BigUint64Array(1);
  /** `#chunk` as the `duckdb_data_chunk *` that destroying it takes. */
  readonly #chunkRef = new Uint8Array(this.#chunk.buffer);

  /** Reads `result` (a `duckdb_result`, destroyed when read or closed). */
  constructor(
    lib: DuckDBNativeSymbols,
    result: Uint8Array,
    types: readonly DatasetColumnType[],
    withFiles: boolean,
  ) {
    this.#lib = lib;
    this.#result = result;
    this.#types = types;
    this.#withFiles = withFiles;
    try {
      _checkColumns(lib, result, types, withFiles);
    } catch (e) {
      this.close();
      throw e;
    }
    const size = Number(lib.duckdb_vector_size());
    this.#values = types.map((t) =>
      t === "number" ? new Float64Array(size) : new Int32Array(t === "date" ? size : 2 * size)
    );
    this.#masks = types.map(() => new Uint8Array(Math.ceil(size / 64) * 8));
    this.#files = withFiles ? new Int32Array(size) : null;
  }

  /** The next chunk (overwriting the last one's columns), or null after the last. */
  next(): Promise<ChunkColumns | null> {
    try {
      return Promise.resolve(this.#fetch());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Ends the result: nothing is ever in flight between calls. */
  settle(): Promise<void> {
    this.close();
    return Promise.resolve();
  }

  /** Destroys the result; later calls of `next` give null. */
  close(): void {
    this.#release();
    if (this.#result === null) return;
    this.#lib.duckdb_destroy_result(this.#result);
    this.#result = null;
  }

  /** Destroys the chunk last given (whose memory `raw` columns point into). */
  #release(): void {
    if (this.#chunk[0] === 0n) return;
    this.#lib.duckdb_destroy_data_chunk(this.#chunkRef);
    this.#chunk[0] = 0n;
  }

  #fetch(): ChunkColumns | null {
    const lib = this.#lib, result = this.#result;
    if (result === null) return null;
    this.#release();
    const chunk = lib.duckdb_fetch_chunk(result);
    if (chunk === null) {
      const error = lib.duckdb_result_error(result);
      const message = error === null ? null : Deno.UnsafePointerView.getCString(error);
      this.close();
      if (message !== null) throw new Error(message);
      return null;
    }
    // Kept until the next fetch: `raw` columns are read from its memory until then.
    this.#chunk[0] = BigInt(Deno.UnsafePointer.value(chunk));
    try {
      const rows = Number(lib.duckdb_data_chunk_get_size(chunk));
      if (rows === 0) {
        this.close();
        return null;
      }
      const maskBytes = Math.ceil(rows / 64) * 8;
      const columns = this.#types.map((type, j): ChunkColumn => {
        const vector = lib.duckdb_data_chunk_get_vector(chunk, BigInt(j));
        const data = lib.duckdb_vector_get_data(vector);
        const validity = lib.duckdb_vector_get_validity(vector);
        if (data === null) throw new RatchetError("internal", "DuckDB gave a vector without data");
        if (validity === null && type === "number") {
          return { values: null, valid: null, vector: null, raw: data };
        }
        const values = this.#values[j]!;
        _copy(data, values, rows * (type === "date" ? 4 : 8));
        if (validity === null) return { values, valid: null, vector: null };
        _copy(validity, this.#masks[j]!, maskBytes);
        return { values, valid: this.#masks[j]!, vector: null };
      });
      let files: Int32Array | null = null;
      if (this.#withFiles) {
        files = this.#files!;
        const vector = lib.duckdb_data_chunk_get_vector(chunk, BigInt(this.#types.length));
        _copy(lib.duckdb_vector_get_data(vector), files, rows * 4);
      }
      return { rows, columns, files };
    } catch (e) {
      this.close();
      throw e;
    }
  }
}

/** Copies `bytes` bytes from `from` to the start of `to`. */
function _copy(from: Deno.PointerValue, to: ArrayBufferView, bytes: number): void {
  if (from === null) throw new RatchetError("internal", "DuckDB gave a vector without data");
  Deno.UnsafePointerView.copyInto(from, new Uint8Array(to.buffer, to.byteOffset, bytes));
}

/** The result must have exactly the columns to read, of the types expected: memory is read raw. */
function _checkColumns(
  lib: DuckDBNativeSymbols,
  result: Uint8Array,
  types: readonly DatasetColumnType[],
  withFiles: boolean,
): void {
  const expected: number[] = types.map((t) =>
    t === "number" ? NATIVE_TYPE.DOUBLE : t === "date" ? NATIVE_TYPE.DATE : NATIVE_TYPE.TIMESTAMP
  );
  if (withFiles) expected.push(NATIVE_TYPE.INTEGER);
  const count = Number(lib.duckdb_column_count(result));
  const actual = Array.from({ length: count }, (_, j) => lib.duckdb_column_type(result, BigInt(j)));
  if (count !== expected.length || actual.some((t, j) => t !== expected[j])) {
    throw new RatchetError(
      "internal",
      `a native scan expected DuckDB types [${expected}] but the query gives [${actual}]`,
    );
  }
}
