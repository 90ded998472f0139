/**
 * The one error type of ratchet. Every failure a user can cause or fix is a
 * `RatchetError`: its message says what failed and how to fix it, its
 * `status` is the HTTP status a server answers with, and its `exitCode` is
 * what the CLI exits with.
 *
 * @module
 */

/** Broad kinds of failure; each maps to one HTTP status. */
export type ErrorKind =
  | "invalid" // bad input: 400
  | "not_found" // unknown model, version, plugin, file: 404
  | "conflict" // immutable thing would change: 409
  | "unsupported" // content type, estimator, format we do not handle: 415
  | "too_large" // body or rows over a limit: 413
  | "internal"; // a model produced something it must not: 500

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  unsupported: 415,
  too_large: 413,
  internal: 500,
};

/**
 * An error with a message for humans, a kind for code, an HTTP status for
 * servers and an exit code (2) for the CLI.
 *
 * @example
 * ```ts
 * import { RatchetError } from "./ratchet_error.ts";
 * const err = new RatchetError("not_found", "No model named churn: run `ratchet models list`");
 * if (err.status !== 404 || err.exitCode !== 2) throw new Error("unexpected");
 * ```
 */
export class RatchetError extends Error {
  /** What kind of failure this is. */
  readonly kind: ErrorKind;
  /** The HTTP status that a server answers with. */
  readonly status: number;
  /** The CLI's exit code: 2 means "error", as opposed to 1, "a check failed". */
  readonly exitCode = 2;

  /** An error of `kind` whose `message` says what failed and how to fix it. */
  constructor(kind: ErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RatchetError";
    this.kind = kind;
    this.status = STATUS[kind];
  }
}

/**
 * Shorthand for the most common error: bad input.
 *
 * @example
 * ```ts
 * import { invalid } from "./ratchet_error.ts";
 * const e = invalid("invalid margin: -1 (expected a number ≥ 0)");
 * if (e.status !== 400) throw new Error("unexpected");
 * ```
 */
export function invalid(message: string, options?: ErrorOptions): RatchetError {
  return new RatchetError("invalid", message, options);
}

/**
 * This module's definitions as exported code embeds them (see `jsSource` in
 * core/contract): a bundle's predictor raises the same errors as ratchet.
 *
 * @example
 * ```ts
 * import { RATCHET_ERROR_JS } from "./ratchet_error.ts";
 * import { jsSource } from "../contract/mod.ts";
 * const make = new Function(`${jsSource(RATCHET_ERROR_JS)}\nreturn invalid;`)();
 * if (make("bad row").status !== 400) throw new Error();
 * ```
 */
export const RATCHET_ERROR_JS = { STATUS, RatchetError, invalid };
