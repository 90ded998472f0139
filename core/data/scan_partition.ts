/**
 * Streaming one partition into columnar batches of `batchRows` rows, one
 * typed array per number column, so a back-test never holds a whole
 * partition (or an object per row) in JS memory. Several partitions in a
 * row: {@linkcode scanPartitions}, which reads ahead.
 *
 * @module
 */
import type { Table } from "../table/mod.ts";
import type { DatasetDescriptor, DatasetPartition } from "./dataset.ts";
import { scanPartitions } from "./scan_partitions.ts";

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
  for await (const scan of scanPartitions(root, d, [p], columns, { ...options, lookahead: 0 })) {
    yield* scan.batches;
  }
}
