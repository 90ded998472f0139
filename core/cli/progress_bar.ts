/**
 * A progress bar on stderr for long work, shown only on a terminal: piped
 * output and CI logs stay clean.
 *
 * @module
 */

/** What commands need of a progress bar. */
export interface Progress {
  /** Moves the bar to `done` of `total`, naming the current item. */
  update(done: number, total: number, item?: string): void;
  /** Clears the bar. */
  stop(): void;
}

/**
 * A progress bar for `what` (e.g. "partitions"), or a no-op when stderr is
 * not a terminal.
 *
 * @example
 * ```ts
 * import { progressBar } from "./progress_bar.ts";
 * const bar = progressBar("partitions");
 * bar.update(1, 2, "2015-01");
 * bar.stop();
 * ```
 */
export function progressBar(what: string): Progress {
  if (!Deno.stderr.isTerminal()) return { update() {}, stop() {} };
  const enc = new TextEncoder();
  let shown = false;
  return {
    update(done, total, item) {
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      const line = `\r[${"█".repeat(filled)}${
        "░".repeat(width - filled)
      }] ${done}/${total} ${what}${item ? ` ${item}` : ""}\x1b[K`;
      Deno.stderr.writeSync(enc.encode(line));
      shown = true;
    },
    stop() {
      if (shown) Deno.stderr.writeSync(enc.encode("\r\x1b[K"));
    },
  };
}
