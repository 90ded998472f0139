/**
 * What a group's reader pulls rows from: a query's chunks, each already read
 * into columns ({@linkcode ChunkColumns}). Two kinds serve: node-api's
 * streaming results ({@linkcode chunkSource}) and, for numbers and times,
 * DuckDB's C library called directly (`NativeChunkSource`).
 *
 * @module
 */
import type { ChunkStream } from "./chunk_stream.ts";
import { type ChunkColumns, readChunkColumns } from "./chunk_columns.ts";
import type { DatasetColumnType } from "./dataset.ts";

/** A query's chunks, read into columns. */
export interface ChunkSource {
  /**
   * The next chunk, or null after the last; throws what DuckDB threw (a file
   * it could not read). What it gives may be reused by the next call.
   */
  next(): Promise<ChunkColumns | null>;
  /** Waits until nothing is in flight, and reads no more. */
  settle(): Promise<void>;
}

/**
 * The chunks of a node-api stream whose columns are `types` followed, with
 * `withFiles`, by an INTEGER file index.
 *
 * @example
 * ```ts
 * import { connectDuckdb } from "./duckdb.ts";
 * import { ChunkStream } from "./chunk_stream.ts";
 * import { chunkSource } from "./chunk_source.ts";
 * const db = await connectDuckdb();
 * try {
 *   const source = chunkSource(new ChunkStream(await db.stream("SELECT 2.5::DOUBLE")), ["number"], false);
 *   const c = await source.next();
 *   if (c?.columns[0]!.values![0] !== 2.5 || (await source.next()) !== null) throw new Error();
 * } finally {
 *   db.disconnectSync();
 * }
 * ```
 */
export function chunkSource(
  stream: ChunkStream,
  types: readonly DatasetColumnType[],
  withFiles: boolean,
): ChunkSource {
  return {
    next: async () => {
      const chunk = await stream.next();
      return chunk && readChunkColumns(chunk, types, withFiles);
    },
    settle: () => stream.settle(),
  };
}
