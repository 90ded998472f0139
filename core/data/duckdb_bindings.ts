/**
 * DuckDB's C API as `@duckdb/node-api` itself calls it (the
 * `@duckdb/node-bindings` package it depends on), for the paths where its
 * object layer costs: copying a chunk's numeric vectors into batches, where
 * `getColumnVector` resolves each vector's logical type on every chunk.
 * Loaded on first use, like the engine, from node-api's own dependency, so
 * both share one native library.
 *
 * @module
 */
import { createRequire } from "node:module";

/** An opaque handle of the bindings (a data chunk or a vector). */
export type DuckDBHandle = unknown;

/** The few raw functions scans use. */
export interface DuckDBBindings {
  /** Vector `column` of a raw data chunk. */
  data_chunk_get_vector(chunk: DuckDBHandle, column: number): DuckDBHandle;
  /** A copy of the first `bytes` bytes of a vector's data. */
  vector_get_data(vector: DuckDBHandle, bytes: number): Uint8Array;
  /** A copy of a vector's validity mask (bit i = row i is not NULL), or null when every row is valid. */
  vector_get_validity(vector: DuckDBHandle, bytes: number): Uint8Array | null;
}

let _bindings: DuckDBBindings | undefined;

/**
 * The raw bindings, loaded on first call.
 *
 * @example
 * ```ts
 * import { duckdbBindings } from "./duckdb_bindings.ts";
 * if (typeof duckdbBindings().vector_get_data !== "function") throw new Error("no vector_get_data");
 * ```
 */
export function duckdbBindings(): DuckDBBindings {
  _bindings ??= createRequire(import.meta.resolve("@duckdb/node-api"))(
    "@duckdb/node-bindings",
  ) as DuckDBBindings;
  return _bindings;
}
