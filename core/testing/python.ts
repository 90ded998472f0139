/**
 * Running Debian's scikit-learn from tests, to prove parity.
 *
 * Parity tests need `/usr/bin/python3` with `python3-sklearn`. On a machine
 * without it they are skipped with a notice, so `deno task test` passes on a
 * fresh machine that has only Node; CI sets `RATCHET_REQUIRE_SKLEARN=1`, which
 * turns a missing scikit-learn into a failure, so CI always proves parity.
 *
 * @module
 */

/** The interpreter that has Debian's scikit-learn (the first `python3` on PATH may not). */
export const PYTHON: string = Deno.env.get("RATCHET_PYTHON") ?? "/usr/bin/python3";

let _available: boolean | undefined;

/**
 * Whether scikit-learn can be imported by {@linkcode PYTHON}. Throws when it
 * cannot and `RATCHET_REQUIRE_SKLEARN=1` is set.
 *
 * @example
 * ```ts
 * import { sklearnAvailable } from "./python.ts";
 * const ok: boolean = sklearnAvailable();
 * ```
 */
export function sklearnAvailable(): boolean {
  if (_available === undefined) {
    try {
      const out = new Deno.Command(PYTHON, {
        args: ["-c", "import sklearn, numpy"],
        stdout: "null",
        stderr: "null",
      }).outputSync();
      _available = out.success;
    } catch {
      _available = false;
    }
  }
  if (!_available && Deno.env.get("RATCHET_REQUIRE_SKLEARN") === "1") {
    throw new Error(
      `RATCHET_REQUIRE_SKLEARN=1 but ${PYTHON} cannot import sklearn: apt-get install -y python3-sklearn`,
    );
  }
  return _available;
}

/**
 * Runs a Python script with `input` as JSON on stdin and returns its stdout
 * parsed as JSON. A failing script throws with its stderr.
 *
 * @example
 * ```ts ignore
 * import { runPython } from "./python.ts";
 * const out = await runPython("import json,sys; print(json.dumps(json.load(sys.stdin)['x'] * 2))", { x: 21 });
 * ```
 */
export async function runPython<T = unknown>(script: string, input: unknown): Promise<T> {
  const child = new Deno.Command(PYTHON, {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  await writer.close();
  const out = await child.output();
  if (!out.success) {
    throw new Error(`python failed (${out.code}):\n${new TextDecoder().decode(out.stderr)}`);
  }
  return JSON.parse(new TextDecoder().decode(out.stdout)) as T;
}

/**
 * Options for `Deno.test` that skip a parity test when scikit-learn is absent
 * (and fail it when `RATCHET_REQUIRE_SKLEARN=1`).
 *
 * @example
 * ```ts ignore
 * import { sklearnTest } from "./python.ts";
 * Deno.test({ name: "ols equals sklearn", ...sklearnTest(), fn: async () => {} });
 * ```
 */
export function sklearnTest(): { ignore: boolean } {
  const ok = sklearnAvailable();
  if (!ok) console.warn(`scikit-learn not importable by ${PYTHON}: parity tests skipped`);
  return { ignore: !ok };
}
