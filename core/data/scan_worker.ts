/**
 * The worker behind {@linkcode scanPartitionsInWorker}: it reads partitions
 * with its own DuckDB and posts their batches, their typed arrays
 * transferred, never copied. DuckDB decodes a streaming query only while a
 * fetch is waiting on it, so fetching from a thread that has nothing else to
 * do keeps it decoding while the caller's thread computes.
 *
 * Messages in: `start` (what to read), `ack` (a batch was taken: one more
 * may be sent), `skip` (the caller left a partition), `stop`. Messages out:
 * `batch`, `done` or `failed` for each partition, then `end`; or `fatal`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { RatchetError } from "../errors/mod.ts";
import type { DatasetColumnType, DatasetDescriptor, DatasetPartition } from "./dataset.ts";
import { closeDuckdb } from "./duckdb.ts";
import { readPartitions } from "./read_partitions.ts";

/** What the worker reads. */
export interface ScanStart {
  /** Always `start`. */
  type: "start";
  /** The project folder. */
  root: string;
  /** The dataset. */
  d: DatasetDescriptor;
  /** The partitions to read, in order. */
  partitions: DatasetPartition[];
  /** The columns, checked. */
  names: string[];
  /** Their types. */
  types: DatasetColumnType[];
  /** Rows per batch. */
  batchRows: number;
  /** Queries started ahead. */
  lookahead: number;
  /** Read through DuckDB's C library where it loads. */
  native: boolean;
  /** Batches sent before the first is taken. */
  window: number;
}

/** What the worker posts. */
export type ScanMessage =
  | {
    type: "batch";
    k: number;
    n: number;
    offset: number;
    columns: (Float64Array | unknown[])[];
  }
  | { type: "done"; k: number }
  | { type: "failed"; k: number; kind: RatchetError["kind"]; message: string }
  | { type: "fatal"; message: string }
  | { type: "end" };

let _credits = 0, _stopped = false;
const _skipped = new Set<number>();
let _wake: (() => void) | null = null;

self.onmessage = (e: MessageEvent) => {
  const m = e.data as ScanStart | { type: "ack" | "stop" } | { type: "skip"; k: number };
  if (m.type === "start") {
    _credits = m.window;
    _run(m);
    return;
  }
  if (m.type === "ack") _credits++;
  else if (m.type === "skip") _skipped.add(m.k);
  else _stopped = true;
  _wake?.();
  _wake = null;
};

function _post(m: ScanMessage, transfer: Transferable[] = []): void {
  self.postMessage(m, transfer);
}

async function _run(m: ScanStart): Promise<void> {
  try {
    const partitions = readPartitions(m.root, m.d, m.partitions, m.names, m.types, m);
    let k = 0;
    for await (const { batches } of partitions) {
      if (_stopped) break;
      try {
        for await (const batch of batches) {
          while (_credits === 0 && !_stopped && !_skipped.has(k)) {
            await new Promise<void>((resolve) => (_wake = resolve));
          }
          if (_stopped || _skipped.has(k)) break;
          _credits--;
          const columns = batch.columns();
          const buffers = columns.flatMap((c) =>
            c instanceof Float64Array ? [c.buffer as ArrayBuffer] : []
          );
          _post({ type: "batch", k, n: batch.n, offset: batch.offset, columns }, buffers);
        }
        _post({ type: "done", k });
      } catch (e) {
        if (!(e instanceof RatchetError)) throw e;
        _post({ type: "failed", k, kind: e.kind, message: e.message });
      }
      k++;
    }
  } catch (e) {
    _post({ type: "fatal", message: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
  try {
    await closeDuckdb();
  } catch { /* closing is best effort: the worker ends anyway */ }
  _post({ type: "end" });
}
