/**
 * Reading many partitions, in order, in this thread. Small partitions are
 * read many to a query: one query per small file is slow (it decodes on one
 * thread and pays a query's set-up), so a query reads up to
 * {@linkcode SCAN_GROUP_FILES} files, each row tagged with its file so that
 * rows go back to their own partition. Queries stream through a buffer of
 * {@linkcode SCAN_BUFFER} (DuckDB decodes while a fetch waits on it, a
 * buffer's worth at a time), and the next query starts before this one ends.
 * Memory stays bounded by the buffers and the batches, whatever the size of
 * the partitions or of the dataset.
 *
 * @module
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { ChunkStream } from "./chunk_stream.ts";
import { type ChunkSource, chunkSource } from "./chunk_source.ts";
import {
  type DatasetColumnType,
  type DatasetDescriptor,
  datasetDir,
  type DatasetPartition,
} from "./dataset.ts";
import { connectDuckdb } from "./duckdb.ts";
import { type GroupRead, PartitionGroupReader } from "./partition_group_reader.ts";
import { partitionSql } from "./partition_sql.ts";
import { NativeDuckdb } from "./native_duckdb.ts";
import { nativelyReadable } from "./native_chunk_source.ts";
import { readError } from "./read_error.ts";
import { type ScanBatch, scanSelectSql } from "./scan_batch.ts";

/** Most files one query reads. */
export const SCAN_GROUP_FILES = 256;
/** How much a query decodes ahead of the caller (DuckDB's `streaming_buffer_size`). */
export const SCAN_BUFFER = "64MB";

/** How {@linkcode readPartitions} reads. */
export interface ReadOptions {
  /** Rows per batch (the last of a partition may be shorter). */
  batchRows: number;
  /** Queries started ahead of the one being read; 0 starts each when it is needed. */
  lookahead: number;
  /**
   * Read numbers, dates and timestamps through DuckDB's C library where it
   * loads (much faster than node-api; each fetch blocks the thread, so the
   * read lets the event loop run every {@linkcode NATIVE_SLICE_MS}). Default false.
   */
  native?: boolean;
  /** A partition's batches share one set of arrays, each overwriting the last. Default false. */
  recycle?: boolean;
}

/** Longest a native read works before it lets the event loop run (timers, I/O), in ms. */
export const NATIVE_SLICE_MS = 50;

/** One partition of a scan, its batches as `T`. */
export interface PartitionScanOf<T> {
  /** The partition. */
  partition: DatasetPartition;
  /**
   * Its rows, batch by batch; throws a `RatchetError` naming the file when
   * the partition cannot be read. Read it (or stop reading it) before asking
   * for the next partition: what is left unread is skipped.
   */
  batches: AsyncIterable<T>;
}

/**
 * Reads `partitions` of `d` in order, as {@linkcode ScanBatch}es of the
 * columns `names` of `types` (checked by the caller). Only the files the
 * descriptor lists are read. A file that cannot be read fails its own
 * partition only, naming the file; so do files that hold another row count
 * than the descriptor says.
 *
 * @example
 * ```ts ignore
 * for await (const { partition, batches } of readPartitions(".", d, d.partitions, ["x"], ["number"], { batchRows: 65536, lookahead: 1 })) {
 *   for await (const b of batches) console.log(partition.label, b.n);
 * }
 * ```
 */
export async function* readPartitions(
  root: string,
  d: DatasetDescriptor,
  partitions: readonly DatasetPartition[],
  names: readonly string[],
  types: readonly DatasetColumnType[],
  options: ReadOptions,
): AsyncGenerator<PartitionScanOf<ScanBatch>> {
  const { batchRows, lookahead } = options;
  const dir = datasetDir(root, d.name);
  const select = names.map((n, j) => scanSelectSql(n, types[j]!)).join(", ");
  // A data column named file_index would hide DuckDB's: then each partition is its own query.
  const groupable = !d.columns.some((c) => c.name === "file_index");
  const groups = _groups(partitions, groupable ? SCAN_GROUP_FILES : 1);
  const native = options.native && nativelyReadable(types) ? NativeDuckdb.open() : null;
  // Native fetches block: every NATIVE_SLICE_MS the scan waits a turn of the event loop.
  let slice = performance.now();
  const pace = async () => {
    if (performance.now() - slice < NATIVE_SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    slice = performance.now();
  };
  const conns: _Connection[] = [];
  const readers: PartitionGroupReader[] = [];
  let diagnosis: Promise<DuckDBConnection> | undefined;
  const readOn = (conn: _Connection): GroupRead => ({
    d,
    types,
    batchRows,
    recycle: options.recycle,
    open: (ps) => conn.open(_sql(d, dir, select, ps), types, ps.length > 1),
    failure: async (p, cause) =>
      readError(await (diagnosis ??= connectDuckdb()), d, p, dir, select || "1", cause),
  });
  try {
    for (let k = 0; k < Math.min(lookahead + 1, groups.length); k++) {
      conns.push(native ? _nativeConnection(native, pace) : await _nodeConnection());
    }
    for (let g = 0; g < groups.length; g++) {
      for (let k = readers.length; k <= Math.min(g + lookahead, groups.length - 1); k++) {
        const read = readOn(conns[k % conns.length]!);
        readers.push(new PartitionGroupReader(read, groups[k]!, read.open(groups[k]!)));
      }
      const reader = readers[g]!, read = readOn(conns[g % conns.length]!);
      for (const [k, partition] of groups[g]!.entries()) {
        if (!reader.broken) {
          yield { partition, batches: reader.batches(k) };
          await reader.skipBefore(k + 1);
          continue;
        }
        // The group's query failed: the rest of it is read one query per partition.
        await reader.close();
        const alone = new PartitionGroupReader(read, [partition], read.open([partition]));
        try {
          yield { partition, batches: alone.batches(0) };
        } finally {
          await alone.close();
        }
      }
      await reader.close();
    }
  } finally {
    // When the caller stops early, queries started ahead end before their connections close.
    for (const conn of conns) conn.interrupt();
    await Promise.all(readers.map((r) => r.close()));
    for (const conn of conns) conn.close();
    native?.close();
    if (diagnosis) (await diagnosis.catch(() => null))?.disconnectSync();
  }
}

/** A connection that group queries run on, one at a time. */
interface _Connection {
  open(sql: string, types: readonly DatasetColumnType[], withFiles: boolean): Promise<ChunkSource>;
  interrupt(): void;
  close(): void;
}

async function _nodeConnection(): Promise<_Connection> {
  const db = await connectDuckdb();
  await db.run(`SET streaming_buffer_size = '${SCAN_BUFFER}'`);
  return {
    open: async (sql, types, withFiles) =>
      chunkSource(new ChunkStream(await db.stream(sql)), types, withFiles),
    interrupt: () => db.interrupt(),
    close: () => db.disconnectSync(),
  };
}

function _nativeConnection(native: NativeDuckdb, pace: () => Promise<void>): _Connection {
  const conn = native.connect();
  conn.run(`SET streaming_buffer_size = '${SCAN_BUFFER}'`);
  return {
    // Started at once, like node-api's: a failure to start is the caller's to read.
    open: (sql, types, withFiles) => {
      try {
        const source = conn.stream(sql, types, withFiles);
        return Promise.resolve({
          next: async () => {
            await pace();
            return source.next();
          },
          settle: () => source.settle(),
        });
      } catch (e) {
        return Promise.reject(e);
      }
    },
    interrupt: () => conn.interrupt(),
    close: () => conn.close(),
  };
}

function _groups(partitions: readonly DatasetPartition[], maxFiles: number): DatasetPartition[][] {
  const groups: DatasetPartition[][] = [];
  let current: DatasetPartition[] = [], files = 0;
  for (const p of partitions) {
    if (current.length && files + p.files.length > maxFiles) {
      groups.push(current);
      current = [];
      files = 0;
    }
    current.push(p);
    files += p.files.length;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** The query of a group; with several partitions, each row also gives its file's index. */
function _sql(
  d: DatasetDescriptor,
  dir: string,
  select: string,
  partitions: readonly DatasetPartition[],
): string {
  const files = { ...partitions[0]!, files: partitions.flatMap((p) => p.files) };
  const columns = partitions.length > 1
    ? [select, "CAST(file_index AS INTEGER)"].filter(Boolean).join(", ")
    : select || "1";
  return `SELECT ${columns} FROM ${partitionSql(d, files, dir)}`;
}
