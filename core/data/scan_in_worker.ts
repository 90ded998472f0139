/**
 * Reading partitions in a worker (`scan_worker.ts`) while this thread
 * computes: the worker keeps DuckDB decoding, and its batches arrive as
 * tables, a few at most waiting here (a window of `window` batches).
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { Table } from "../table/mod.ts";
import type { DatasetColumnType, DatasetDescriptor, DatasetPartition } from "./dataset.ts";
import type { PartitionScanOf } from "./read_partitions.ts";
import { ScanBatch } from "./scan_batch.ts";
import type { ScanMessage, ScanStart } from "./scan_worker.ts";

/**
 * Reads `partitions` in a worker: the same partitions, batches and errors
 * as reading them here.
 *
 * @example
 * ```ts ignore
 * for await (const { partition, batches } of scanPartitionsInWorker(".", d, d.partitions, ["x"], ["number"], { batchRows: 65536, lookahead: 1, window: 3 })) {
 *   for await (const t of batches) console.log(partition.label, t.n);
 * }
 * ```
 */
export async function* scanPartitionsInWorker(
  root: string,
  d: DatasetDescriptor,
  partitions: readonly DatasetPartition[],
  names: readonly string[],
  types: readonly DatasetColumnType[],
  options: { batchRows: number; lookahead: number; native: boolean; window: number },
): AsyncGenerator<PartitionScanOf<Table>> {
  const worker = new Worker(new URL("./scan_worker.ts", import.meta.url).href, { type: "module" });
  const inbox = new _Inbox(worker);
  const start: ScanStart = {
    type: "start",
    root,
    d,
    partitions: [...partitions],
    names: [...names],
    types: [...types],
    ...options,
  };
  worker.postMessage(start);
  try {
    for (const [k, partition] of partitions.entries()) {
      let finished = false;
      const batches = async function* (): AsyncGenerator<Table> {
        for (;;) {
          const m = await inbox.next();
          if ("k" in m && m.k !== k) {
            throw _fatal({ type: "fatal", message: `out of step at ${k}` });
          }
          if (m.type === "batch") {
            worker.postMessage({ type: "ack" });
            yield ScanBatch.tableOf(names, types, m.columns, m.n, partition.label, m.offset);
          } else if (m.type === "done" || m.type === "failed") {
            finished = true;
            if (m.type === "failed") throw new RatchetError(m.kind, m.message);
            return;
          } else throw _fatal(m);
        }
      };
      yield { partition, batches: batches() };
      if (finished) continue;
      // The caller left this partition: the worker skips the rest of it.
      worker.postMessage({ type: "skip", k });
      for (let m = await inbox.next(); m.type === "batch"; m = await inbox.next()) {
        worker.postMessage({ type: "ack" });
      }
    }
  } finally {
    worker.postMessage({ type: "stop" });
    // The worker closes its DuckDB before it ends; then it can go.
    for (let m = await inbox.next(); m.type !== "end" && m.type !== "fatal";) {
      m = await inbox.next();
    }
    worker.terminate();
  }
}

function _fatal(m: ScanMessage): Error {
  return new Error(`The scan worker failed: ${"message" in m ? m.message : m.type}`);
}

/** The worker's messages, in order, awaited one at a time. */
class _Inbox {
  #queue: ScanMessage[] = [];
  #waiting: ((m: ScanMessage) => void) | null = null;
  /** Set when the worker died: every later read gets it. */
  #dead: ScanMessage | null = null;

  constructor(worker: Worker) {
    const deliver = (m: ScanMessage) => {
      const waiting = this.#waiting;
      this.#waiting = null;
      if (waiting) waiting(m);
      else this.#queue.push(m);
    };
    worker.onmessage = (e: MessageEvent<ScanMessage>) => deliver(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault(); // reported to the caller, not fatal to the process
      this.#dead = { type: "fatal", message: e.message };
      deliver(this.#dead);
    };
  }

  next(): Promise<ScanMessage> {
    const m = this.#queue.shift() ?? this.#dead;
    if (m) return Promise.resolve(m);
    return new Promise((resolve) => (this.#waiting = resolve));
  }
}
