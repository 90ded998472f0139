/**
 * Streaming many partitions of a dataset, in order, into columnar batches:
 * what a back-test reads. Large scans read in a worker, so that DuckDB keeps
 * decoding while the caller computes; small ones here, without a worker's
 * start-up. Either way, memory stays bounded by a few batches and DuckDB's
 * buffers, whatever the size of the partitions or of the dataset.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { Table } from "../table/mod.ts";
import type { DatasetColumnType, DatasetDescriptor, DatasetPartition } from "./dataset.ts";
import { readPartitions } from "./read_partitions.ts";
import type { ScanBatch } from "./scan_batch.ts";
import { scanPartitionsInWorker } from "./scan_in_worker.ts";

/** Scans of at least this many rows read in a worker by default. */
export const SCAN_WORKER_ROWS = 1 << 20;

/** Options of {@linkcode scanPartitions}. */
export interface ScanPartitionsOptions {
  /** Rows per batch (the last of a partition may be shorter). Default 65536. */
  batchRows?: number;
  /** Queries started ahead of the one being read. Default 1; 0 starts each when it is needed. */
  lookahead?: number;
  /** Read in a worker; default: when the partitions hold {@linkcode SCAN_WORKER_ROWS} rows or more. */
  worker?: boolean;
  /**
   * Read numbers, dates and times through DuckDB's C library (Deno FFI) where
   * it loads, several times faster than node-api; each fetch then blocks the
   * reading thread while DuckDB decodes (a scan here lets the event loop
   * run every `NATIVE_SLICE_MS`). Default: when reading
   * {@linkcode SCAN_WORKER_ROWS} rows or more.
   */
  native?: boolean;
  /**
   * Here (not in a worker), a partition's tables share one set of arrays:
   * each table is valid only until the next is asked for. Saves allocating
   * and collecting a batch's arrays for callers that keep nothing of a
   * table. Default false.
   */
  recycle?: boolean;
}

/** One partition of a scan. */
export interface PartitionScan {
  /** The partition. */
  partition: DatasetPartition;
  /**
   * Its rows, batch by batch; throws a `RatchetError` naming the file when
   * the partition cannot be read. Read it (or stop reading it) before asking
   * for the next partition: what is left unread is skipped.
   */
  batches: AsyncIterable<Table>;
}

/**
 * Streams `partitions` of `d`, in order, as {@linkcode PartitionScan}s whose
 * batches are {@linkcode Table}s of `columns` (as `scanPartition` gives
 * them). Only the files the descriptor lists are read. A file that cannot
 * be read fails its own partition only, naming the file; so do files that
 * hold another row count than the descriptor says.
 *
 * @example
 * ```ts ignore
 * import { loadDataset, scanPartitions } from "./mod.ts";
 * const d = loadDataset(".", "seattle");
 * for await (const { partition, batches } of scanPartitions(".", d, d.partitions, ["temp_max"])) {
 *   try {
 *     for await (const t of batches) console.log(partition.label, t.n);
 *   } catch (e) {
 *     console.error(String(e)); // this partition failed; the next ones are still read
 *   }
 * }
 * ```
 */
export async function* scanPartitions(
  root: string,
  d: DatasetDescriptor,
  partitions: readonly DatasetPartition[],
  columns: readonly string[],
  options: ScanPartitionsOptions = {},
): AsyncGenerator<PartitionScan> {
  const batchRows = options.batchRows ?? 65536;
  if (!Number.isInteger(batchRows) || batchRows < 1) {
    throw invalid(`batchRows must be a whole number ≥ 1, not ${batchRows}`);
  }
  const lookahead = options.lookahead ?? 1;
  if (!Number.isInteger(lookahead) || lookahead < 0) {
    throw invalid(`lookahead must be a whole number ≥ 0, not ${lookahead}`);
  }
  const names = [...new Set(columns)];
  const types = names.map((name) => _columnType(d, name));
  const rows = partitions.reduce((sum, p) => sum + p.rows, 0);
  const worker = options.worker ?? rows >= SCAN_WORKER_ROWS;
  const native = options.native ?? rows >= SCAN_WORKER_ROWS;
  if (worker) {
    yield* scanPartitionsInWorker(root, d, partitions, names, types, {
      batchRows,
      lookahead,
      native,
      window: 3,
    });
    return;
  }
  const read = { batchRows, lookahead, native, recycle: options.recycle };
  for await (const scan of readPartitions(root, d, partitions, names, types, read)) {
    yield {
      partition: scan.partition,
      batches: _tables(scan.batches, names, scan.partition.label),
    };
  }
}

async function* _tables(
  batches: AsyncIterable<ScanBatch>,
  names: readonly string[],
  label: string,
): AsyncGenerator<Table> {
  for await (const batch of batches) yield batch.table(names, label);
}

function _columnType(d: DatasetDescriptor, name: string): DatasetColumnType {
  const column = d.columns.find((c) => c.name === name);
  if (!column) {
    throw invalid(
      `Dataset ${d.name} has no column ${JSON.stringify(name)}; its columns are ${
        d.columns.map((c) => c.name).join(", ")
      }`,
    );
  }
  return column.type;
}
