/**
 * Background work that keeps out of the way of requests: the process that
 * compacts a day of the prediction log lowers its own scheduling priority,
 * so that its burst of work (it rewrites a million rows or so) never
 * preempts the thread answering requests on a busy machine.
 *
 * Linux keeps a nice value per thread: `setpriority(PRIO_PROCESS, 0, n)`
 * from a thread changes that thread (and the threads it starts later) and
 * nothing else. It is called through Deno's FFI, which the service has
 * with `-A`; without FFI permission, or on another system, the work keeps
 * its priority and all works as before. (The log worker inside the service
 * does not use it: at the lowest priority, under a load that kept both
 * cores busy, the service's memory grew by 150 MB in three minutes.)
 *
 * @module
 */

/** The nice value background threads take: the lowest priority. */
export const BACKGROUND_NICE = 19;

/**
 * Lowers the calling thread's priority to nice {@linkcode BACKGROUND_NICE}
 * (call it from a worker or a background process, never from the thread
 * answering requests).
 * True if it did; false where it cannot (not Linux, no FFI permission).
 *
 * @example
 * ```ts ignore
 * // compact_log.ts, run as a process of its own:
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
