/**
 * Running `ratchet fixtures …` on a project folder in CLI tests.
 *
 * @module
 */
import { ratchet, type RunResult } from "./_ratchet.ts";

/** Runs `ratchet fixtures ...args --root root`, feeding `stdin` when given. */
export function fixtures(root: string, args: string[], stdin?: string): Promise<RunResult> {
  return ratchet(["fixtures", ...args, "--root", root], stdin === undefined ? {} : { stdin });
}

/**
 * Runs `ratchet fixtures add name --input - ...options --root root` with `row`
 * (a JSON object's text) on stdin.
 */
export function addCase(
  root: string,
  name: string,
  row: string,
  ...options: string[]
): Promise<RunResult> {
  return fixtures(root, ["add", name, "--input", "-", ...options], row);
}
