/**
 * Running a Deno script in a subprocess with the repository's `deno.json`,
 * for tests that need a second process: races between writers, the CLI as a
 * user runs it, a test suite run the way `deno task test` runs it.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's config, so a script sees the same imports and compiler options as the tests. */
const _CONFIG = fileURLToPath(new URL("../../deno.json", import.meta.url));

/** How to run a script with {@linkcode runDenoScript}. */
export interface DenoScriptOptions {
  /** Variables added to the inherited environment. */
  env?: Record<string, string>;
  /** Text fed to the script on stdin; without it stdin is closed. */
  stdin?: string;
  /** The working directory; the caller's when absent. */
  cwd?: string;
  /** `run` (the default) runs the script; `test` runs it as a test file. */
  subcommand?: "run" | "test";
}

/** What a script printed and how it exited. */
export interface DenoScriptResult {
  /** The exit code. */
  code: number;
  /** Whether the exit code is 0. */
  success: boolean;
  /** Everything it printed on stdout. */
  stdout: string;
  /** Everything it printed on stderr. */
  stderr: string;
}

/**
 * Runs `deno run -A --config <repo deno.json> <script> ...args` (or `deno test`,
 * see {@linkcode DenoScriptOptions.subcommand}) and waits for it to exit. `script` is either the source of a module, written to a
 * temporary file that is removed afterwards (so its imports must be absolute
 * URLs, e.g. `new URL("./x.ts", import.meta.url).href`), or the URL of a
 * module file. The subprocess starts before the returned promise settles, so
 * several runs started together race each other.
 *
 * @example
 * ```ts
 * import { runDenoScript } from "./run_deno_script.ts";
 * const r = await runDenoScript(
 *   "console.log(Deno.args[0], Deno.env.get('WHO'))",
 *   ["hello"],
 *   { env: { WHO: "world" } },
 * );
 * if (!r.success || r.stdout !== "hello world\n") throw new Error(r.stderr);
 * ```
 */
export async function runDenoScript(
  script: string | URL,
  args: readonly string[] = [],
  options: DenoScriptOptions = {},
): Promise<DenoScriptResult> {
  if (script instanceof URL) return await _run(fileURLToPath(script), args, options);
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-script-" });
  try {
    const file = join(dir, "script.ts");
    Deno.writeTextFileSync(file, script);
    return await _run(file, args, options);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

async function _run(
  file: string,
  args: readonly string[],
  options: DenoScriptOptions,
): Promise<DenoScriptResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [options.subcommand ?? "run", "-A", "--config", _CONFIG, file, ...args],
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: options.env,
    cwd: options.cwd,
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    success: out.success,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
  };
}
