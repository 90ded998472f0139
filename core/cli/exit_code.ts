/**
 * Exit code 1, "a check failed", set by a command that ran fine but found a
 * failure (requirements not met, fixtures failing) — without touching the
 * process, so the CLI can run in-process in tests.
 *
 * @module
 */

let _failed = false;

/**
 * Marks the running command's result as a failed check (exit code 1).
 *
 * @example
 * ```ts
 * import { checkFailed, takeExitCode } from "./exit_code.ts";
 * checkFailed();
 * if (takeExitCode() !== 1) throw new Error();
 * ```
 */
export function checkFailed(): void {
  _failed = true;
}

/**
 * Returns 1 if a check failed since the last call, else 0, and resets.
 *
 * @example
 * ```ts
 * import { checkFailed, takeExitCode } from "./exit_code.ts";
 * checkFailed();
 * if (takeExitCode() !== 1 || takeExitCode() !== 0) throw new Error();
 * ```
 */
export function takeExitCode(): number {
  const code = _failed ? 1 : 0;
  _failed = false;
  return code;
}
