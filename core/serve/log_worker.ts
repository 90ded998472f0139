/**
 * The worker behind {@linkcode startLogWriter}: it writes the prediction log
 * with its own DuckDB, so that loading DuckDB, writing Parquet and the
 * fsyncs of an import never stall the thread answering requests. (It keeps
 * its priority: at the lowest, under a load that kept both cores busy, the
 * service's memory grew by 150 MB in three minutes, where it stays flat.)
 *
 * Messages in: `append`, `outcomes` (each with an `id`), `stop`. Messages
 * out: `{id, ok, value}` or `{id, ok: false, message}` per request; `end`
 * after `stop`, once DuckDB is closed.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { Label } from "../artifact/mod.ts";
import { closeDuckdb } from "../data/mod.ts";
import { chunkBuffers, type LogChunk } from "./log_columns.ts";
import { limitLogDuckdb } from "./log_duckdb.ts";
import { appendLog, applyModelOutcomes } from "./write_log.ts";

/** A request to the log worker. */
export type LogRequest =
  | {
    id: number;
    type: "append";
    root: string;
    dataset: string;
    chunk: LogChunk;
    now: string;
  }
  | {
    id: number;
    type: "outcomes";
    root: string;
    model: string;
    outcomes: [string, Label][];
    now: string;
  }
  | { type: "stop" };

/** The worker's answer to a request: rows appended, or the outcome ids matched. */
export type LogReply =
  | { id: number; ok: true; value: number | string[] }
  | { id: number; ok: false; message: string }
  | { type: "end" };

let _queue: Promise<unknown> = limitLogDuckdb().catch(() => {}); // unbounded is still a log

self.onmessage = (e: MessageEvent<LogRequest>) => {
  const m = e.data;
  _queue = _queue.then(async () => {
    if (m.type === "stop") {
      try {
        await closeDuckdb();
      } catch { /* closing is best effort: the worker ends anyway */ }
      _post({ type: "end" });
      return;
    }
    try {
      const now = new Date(m.now);
      const value = m.type === "append"
        ? await appendLog(m.root, m.dataset, m.chunk, now).finally(() => _release(m.chunk))
        : [...await applyModelOutcomes(m.root, m.model, new Map(m.outcomes), now)];
      _post({ id: m.id, ok: true, value });
    } catch (err) {
      _post({ id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  });
};

/**
 * Frees a written chunk's memory now: a buffer that is merely dropped waits
 * for this worker's next garbage collection, which its few allocations make
 * rare, and each chunk holds several megabytes at the default flush size.
 * (Shared memory, as the service's log posts it, is not ours to free: the
 * log reuses it for the rows of a later flush.)
 */
function _release(chunk: LogChunk): void {
  for (const buffer of chunkBuffers(chunk)) buffer.transfer(0);
}

function _post(reply: LogReply): void {
  self.postMessage(reply);
}
