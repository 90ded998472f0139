/**
 * Runs the real CLI (`deno run -A main.ts …`) in a subprocess, as a user or
 * a cron job would, and captures what it prints.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type DenoScriptResult, runDenoScript } from "../../core/testing/mod.ts";

const MAIN = new URL("../../main.ts", import.meta.url);

/** What a CLI run printed and returned. */
export type RunResult = DenoScriptResult;

/** Runs `ratchet ...args`, optionally feeding `stdin`. */
export function ratchet(
  args: string[],
  options: { stdin?: string; cwd?: string } = {},
): Promise<RunResult> {
  return runDenoScript(MAIN, args, { ...options, env: { NO_COLOR: "1" } });
}

/** A fresh project folder, removed after `fn`. */
export async function withProject(fn: (root: string) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-cli-" });
  try {
    await fn(root);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

/**
 * Asserts that a run exited with `code`, showing what it printed when it did
 * not, and returns the run. `label` names the run in that message.
 */
export function expectExit(r: RunResult, code = 0, label = "ratchet"): RunResult {
  assert.equal(r.code, code, `${label}: exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}
