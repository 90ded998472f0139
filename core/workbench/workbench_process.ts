/**
 * Starting the real workbench in a child process, as a person does with
 * `deno task start`, and reading the URL it prints: for browser tests and
 * the start-up benchmark.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** A workbench running in a child process. */
export interface WorkbenchProcess {
  /** The URL it printed, with its token: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** Its token. */
  token: string;
  /** Milliseconds from spawning to the printed URL. */
  startMs: number;
  /** What it printed on stderr so far (for failure messages). */
  stderr(): string;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

const _MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/**
 * Spawns `deno run -A main.ts workbench --port 0 --root ROOT` (plus `args`)
 * and resolves once it printed its URL; rejects with its output if it exits
 * first or prints nothing within `timeoutMs` (default 60 s).
 *
 * @example
 * ```ts ignore
 * const wb = await startWorkbench(root);
 * const home = await fetch(wb.origin + "/", { headers: { authorization: `token ${wb.token}` } });
 * await wb.stop();
 * ```
 */
export async function startWorkbench(
  root: string,
  options: { args?: string[]; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<WorkbenchProcess> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", _MAIN, "workbench", "--port", "0", "--root", root, ...(options.args ?? [])],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...options.env },
  }).spawn();
  let out = "", err = "";
  const decoder = new TextDecoder();
  const drain = async (stream: ReadableStream<Uint8Array>, into: (s: string) => void) => {
    for await (const chunk of stream) into(decoder.decode(chunk, { stream: true }));
  };
  const printed = Promise.withResolvers<string>();
  const stdout = drain(child.stdout, (s) => {
    out += s;
    const url = /http:\/\/[^\s]+\/\?token=[^\s]+/.exec(out)?.[0];
    if (url) printed.resolve(url);
  });
  const stderr = drain(child.stderr, (s) => err += s);
  const timer = setTimeout(
    () => printed.reject(new Error(`The workbench printed no URL in time:\n${out}\n${err}`)),
    options.timeoutMs ?? 60_000,
  );
  child.status.then((s) =>
    printed.reject(
      new Error(`The workbench exited (${s.code}) before printing its URL:\n${out}\n${err}`),
    )
  );
  let url: string;
  try {
    url = await printed.promise;
  } catch (e) {
    clearTimeout(timer);
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    await Promise.all([child.status, stdout, stderr]);
    throw e;
  }
  clearTimeout(timer);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get("token")!,
    startMs: performance.now() - started,
    stderr: () => err,
    async stop() {
      const kill = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* already gone */ }
      }, 5000);
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await Promise.all([child.status, stdout, stderr]);
      clearTimeout(kill);
    },
  };
}
