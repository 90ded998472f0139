/**
 * A streaming query's chunks, one fetch always in flight: DuckDB hands over
 * the next chunk (an asynchronous hop through a worker thread) while the
 * caller is still working on the current one.
 *
 * @module
 */
import type { DuckDBDataChunk, DuckDBResult } from "@duckdb/node-api";

type _Fetched = { chunk: DuckDBDataChunk | null } | { error: unknown };

/**
 * The chunks of a streaming result, fetched one ahead. `next()` gives null
 * at the end and throws what DuckDB threw (a file it could not read).
 * {@linkcode ChunkStream.settle} waits for the fetch in flight, which must
 * end before the connection runs another query or closes.
 *
 * @example
 * ```ts
 * import { connectDuckdb } from "./duckdb.ts";
 * import { ChunkStream } from "./chunk_stream.ts";
 * const db = await connectDuckdb();
 * try {
 *   const chunks = new ChunkStream(await db.stream("SELECT range FROM range(5000)"));
 *   let rows = 0;
 *   for (let c = await chunks.next(); c; c = await chunks.next()) rows += c.rowCount;
 *   if (rows !== 5000) throw new Error(String(rows));
 * } finally {
 *   db.disconnectSync();
 * }
 * ```
 */
export class ChunkStream {
  readonly #result: DuckDBResult;
  #pending: Promise<_Fetched> | null;

  /** Starts fetching the first chunk of `result`. */
  constructor(result: DuckDBResult) {
    this.#result = result;
    this.#pending = this.#fetch();
  }

  /** The next chunk, or null after the last. */
  async next(): Promise<DuckDBDataChunk | null> {
    if (this.#pending === null) return null;
    const fetched = await this.#pending;
    if ("error" in fetched) {
      this.#pending = null;
      throw fetched.error;
    }
    const chunk = fetched.chunk;
    this.#pending = chunk === null ? null : this.#fetch();
    return chunk;
  }

  /** Waits until no fetch is in flight, and fetches no more. */
  async settle(): Promise<void> {
    const pending = this.#pending;
    this.#pending = null;
    await pending;
  }

  #fetch(): Promise<_Fetched> {
    // Settled into a value at once, so a failure is never an unhandled rejection.
    return this.#result.fetchChunk().then(
      (chunk) => ({ chunk: chunk && chunk.rowCount > 0 ? chunk : null }),
      (error) => ({ error }),
    );
  }
}
