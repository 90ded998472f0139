/**
 * The bounds of the DuckDB instance that writes the prediction log (in the
 * log worker, and in a compaction's process): one thread and a memory
 * limit, so that the log never crowds out the requests it records.
 *
 * @module
 */
import { connectDuckdb } from "../data/mod.ts";

/** DuckDB settings of the log's instance. */
const _SETTINGS = [
  "SET GLOBAL threads = 1",
  "SET GLOBAL memory_limit = '256MB'",
  "SET GLOBAL allocator_background_threads = true",
  "SET GLOBAL allocator_flush_threshold = '4MB'",
];

/**
 * Applies the log's bounds to this thread's DuckDB instance (modules, and so
 * instances, are per worker).
 *
 * @example
 * ```ts ignore
 * await limitLogDuckdb(); // then appendLog, compactLogPartition, …
 * ```
 */
export async function limitLogDuckdb(): Promise<void> {
  const db = await connectDuckdb();
  try {
    for (const sql of _SETTINGS) await db.run(sql);
  } finally {
    db.disconnectSync();
  }
}
