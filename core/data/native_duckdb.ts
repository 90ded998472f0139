/**
 * An in-memory DuckDB database and its connections, opened through the C
 * library directly ({@linkcode duckdbNativeLibrary}), with the settings of
 * {@linkcode duckdbInstance}: every core, no extension downloads, UTC.
 * Calls block the calling thread: a scan in the main thread lets the event
 * loop run between fetches (see `readPartitions`).
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import {
  duckdbNativeLibrary,
  type DuckDBNativeSymbols,
  NATIVE_RESULT_BYTES,
} from "./duckdb_native_library.ts";
import { NativeChunkSource } from "./native_chunk_source.ts";
import type { DatasetColumnType } from "./dataset.ts";

/**
 * One database. {@linkcode NativeDuckdb.open} gives null where the library
 * cannot be loaded.
 *
 * @example
 * ```ts
 * import { NativeDuckdb } from "./native_duckdb.ts";
 * const db = NativeDuckdb.open();
 * if (db !== null) {
 *   const conn = db.connect();
 *   try {
 *     const rows = conn.stream("SELECT range::DOUBLE FROM range(5000)", ["number"], false);
 *     let n = 0;
 *     for (let c = await rows.next(); c; c = await rows.next()) n += c.rows;
 *     if (n !== 5000) throw new Error(String(n));
 *   } finally {
 *     conn.close();
 *     db.close();
 *   }
 * }
 * ```
 */
export class NativeDuckdb {
  readonly #lib: DuckDBNativeSymbols;
  readonly #handle = new BigUint64Array(1);
  readonly #connections = new Set<NativeConnection>();

  private constructor(lib: DuckDBNativeSymbols) {
    this.#lib = lib;
  }

  /** A new in-memory database, or null where the library cannot be loaded. */
  static open(): NativeDuckdb | null {
    const lib = duckdbNativeLibrary();
    if (lib === null) return null;
    const db = new NativeDuckdb(lib);
    if (lib.duckdb_open(null, _bytes(db.#handle)) !== 0) return null;
    try {
      const setup = db.connect();
      try {
        setup.run(`SET threads = ${navigator.hardwareConcurrency}`);
        setup.run("SET autoinstall_known_extensions = false");
        setup.run("SET TimeZone = 'UTC'");
      } finally {
        setup.close();
      }
    } catch (e) {
      db.close();
      throw e;
    }
    return db;
  }

  /** A new connection. */
  connect(): NativeConnection {
    const out = new BigUint64Array(1);
    if (this.#lib.duckdb_connect(_pointer(this.#handle), _bytes(out)) !== 0) {
      throw new RatchetError("internal", "DuckDB refused a connection to its in-memory database");
    }
    const conn = new NativeConnection(this.#lib, out, () => this.#connections.delete(conn));
    this.#connections.add(conn);
    return conn;
  }

  /** Closes every connection still open, then the database. */
  close(): void {
    for (const conn of [...this.#connections]) conn.close();
    if (this.#handle[0] !== 0n) this.#lib.duckdb_close(_bytes(this.#handle));
    this.#handle[0] = 0n;
  }
}

/** A connection: statements run one at a time; a new one ends the stream before it. */
export class NativeConnection {
  readonly #lib: DuckDBNativeSymbols;
  readonly #handle: BigUint64Array;
  readonly #closed: () => void;
  #stream: NativeChunkSource | null = null;

  /** Use {@linkcode NativeDuckdb.connect}. */
  constructor(lib: DuckDBNativeSymbols, handle: BigUint64Array, closed: () => void) {
    this.#lib = lib;
    this.#handle = handle;
    this.#closed = closed;
  }

  /** Runs `sql`, discarding its rows; throws DuckDB's message when it fails. */
  run(sql: string): void {
    this.#endStream();
    const result = new Uint8Array(NATIVE_RESULT_BYTES);
    try {
      if (this.#lib.duckdb_query(_pointer(this.#handle), _text(sql), result) !== 0) {
        throw new Error(_cString(this.#lib.duckdb_result_error(result)) ?? "DuckDB query failed");
      }
    } finally {
      this.#lib.duckdb_destroy_result(result);
    }
  }

  /**
   * Starts `sql`, whose columns are `types` (numbers as DOUBLE, dates as
   * DATE, timestamps as TIMESTAMP) and, with `withFiles`, an INTEGER file
   * index; its chunks come from the source it gives.
   */
  stream(sql: string, types: readonly DatasetColumnType[], withFiles: boolean): NativeChunkSource {
    this.#endStream();
    const lib = this.#lib, statement = new BigUint64Array(1);
    try {
      if (lib.duckdb_prepare(_pointer(this.#handle), _text(sql), _bytes(statement)) !== 0) {
        throw new Error(
          _cString(lib.duckdb_prepare_error(_pointer(statement))) ?? "DuckDB could not prepare",
        );
      }
      const result = new Uint8Array(NATIVE_RESULT_BYTES);
      if (lib.duckdb_execute_prepared_streaming(_pointer(statement), result) !== 0) {
        const message = _cString(lib.duckdb_result_error(result)) ?? "DuckDB query failed";
        lib.duckdb_destroy_result(result);
        throw new Error(message);
      }
      this.#stream = new NativeChunkSource(lib, result, types, withFiles);
      return this.#stream;
    } finally {
      lib.duckdb_destroy_prepare(_bytes(statement));
    }
  }

  /** Asks the running statement to stop (its next fetch ends it). */
  interrupt(): void {
    if (this.#handle[0] !== 0n) this.#lib.duckdb_interrupt(_pointer(this.#handle));
  }

  /** Ends the stream, if any, and the connection. */
  close(): void {
    if (this.#handle[0] === 0n) return;
    this.#endStream();
    this.#lib.duckdb_disconnect(_bytes(this.#handle));
    this.#handle[0] = 0n;
    this.#closed();
  }

  #endStream(): void {
    if (this.#handle[0] === 0n) {
      throw new RatchetError("internal", "a closed DuckDB connection was used");
    }
    this.#stream?.close();
    this.#stream = null;
  }
}

function _bytes(handle: BigUint64Array): Uint8Array {
  return new Uint8Array(handle.buffer, handle.byteOffset, 8);
}

function _pointer(handle: BigUint64Array): Deno.PointerValue {
  return Deno.UnsafePointer.create(handle[0]!);
}

function _text(sql: string): Uint8Array {
  return new TextEncoder().encode(sql + "\0");
}

function _cString(p: Deno.PointerValue): string | null {
  return p === null ? null : Deno.UnsafePointerView.getCString(p);
}
