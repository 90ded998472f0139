/**
 * Where the prediction log is written: a worker (`log_worker.ts`) started on
 * the first write, answering one request at a time. Every few hundred
 * writes the worker is replaced by a fresh one: DuckDB's allocator keeps
 * some memory after each import, and a service must run for weeks with a
 * flat footprint.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { chunkBuffers, type LogChunk } from "./log_columns.ts";
import type { LogReply, LogRequest } from "./log_worker.ts";

/** Writes log lines and outcomes into a project's datasets. */
export interface LogWriter {
  /**
   * Appends the rows of `chunk` to `dataset`; resolves to the rows written.
   * Arrays in ordinary memory may be transferred (the caller must not use
   * them after); arrays in shared memory are read in place, so the caller
   * must leave them unchanged until the promise settles.
   */
  append(dataset: string, chunk: LogChunk, now: Date): Promise<number>;
  /** Writes a model's outcomes into its logged rows; resolves to the ids matched. */
  outcomes(model: string, outcomes: ReadonlyMap<string, Label>, now: Date): Promise<Set<string>>;
  /** Waits for the writes under way, then stops. */
  close(): Promise<void>;
}

/** Writes a worker serves before it is replaced. */
const _WRITES_PER_WORKER = 200;

/** One worker and the requests it has not answered yet. */
interface _Session {
  readonly worker: Worker;
  readonly waiting: Map<number, PromiseWithResolvers<number | string[]>>;
  readonly ended: PromiseWithResolvers<void>;
  writes: number;
}

/**
 * A writer into `<root>/data/`, its DuckDB in a worker.
 *
 * @example
 * ```ts ignore
 * const writer = startLogWriter(".");
 * await writer.append("live-churn", rows.close(() => undefined), new Date());
 * await writer.close();
 * ```
 */
export function startLogWriter(root: string): LogWriter {
  let session: _Session | undefined;
  let retiring: Promise<void> = Promise.resolve();
  let next = 0;
  const open = (): _Session => {
    const worker = new Worker(new URL("./log_worker.ts", import.meta.url).href, {
      type: "module",
    });
    const s: _Session = {
      worker,
      waiting: new Map(),
      ended: Promise.withResolvers<void>(),
      writes: 0,
    };
    worker.onmessage = (e: MessageEvent<LogReply>) => {
      const m = e.data;
      if ("type" in m) return s.ended.resolve();
      const w = s.waiting.get(m.id)!;
      s.waiting.delete(m.id);
      if (m.ok) w.resolve(m.value);
      else w.reject(new RatchetError("internal", m.message));
      if (++s.writes >= _WRITES_PER_WORKER && s.waiting.size === 0) retire(s);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      const error = new RatchetError("internal", `the log writer failed: ${e.message}`);
      for (const w of s.waiting.values()) w.reject(error);
      s.waiting.clear();
      worker.terminate();
      s.ended.resolve();
      if (session === s) session = undefined;
    };
    return s;
  };
  const retire = (s: _Session) => {
    if (session === s) session = undefined;
    s.worker.postMessage({ type: "stop" } satisfies LogRequest);
    retiring = retiring.then(async () => {
      await s.ended.promise;
      s.worker.terminate();
    });
  };
  const ask = (request: LogRequest & { id: number }, transfer: Transferable[] = []) => {
    session ??= open();
    const w = Promise.withResolvers<number | string[]>();
    session.waiting.set(request.id, w);
    session.worker.postMessage(request, transfer);
    return w.promise;
  };
  return {
    async append(dataset, chunk, now) {
      return await ask({
        id: ++next,
        type: "append",
        root,
        dataset,
        chunk,
        now: now.toISOString(),
      }, chunkBuffers(chunk)) as number;
    },
    async outcomes(model, outcomes, now) {
      const ids = await ask({
        id: ++next,
        type: "outcomes",
        root,
        model,
        outcomes: [...outcomes],
        now: now.toISOString(),
      }) as string[];
      return new Set(ids);
    },
    async close() {
      if (session) retire(session);
      await retiring;
    },
  };
}
