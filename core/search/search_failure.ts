/**
 * The error of a search that published nothing: a budget too small, an
 * interruption, or every candidate failing, said plainly, never an empty
 * success.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { Leaderboard } from "./leaderboard.ts";

function _duration(ms: number): string {
  return ms < 1000
    ? `${ms} ms`
    : ms < 120_000
    ? `${+(ms / 1000).toFixed(1)} s`
    : `${+(ms / 60_000).toFixed(1)} min`;
}

/**
 * Explains why a search published no candidate. `discardedMs` is how long
 * the candidate that finished past the budget took, if one did.
 *
 * @example
 * ```ts
 * import { searchFailure } from "./search_failure.ts";
 * const board = { budget_ms: 1000, stopped: "budget", candidates: [], files: { json: "l.json" } };
 * const e = searchFailure(board as never, 2500);
 * if (e.exitCode !== 2 || !e.message.includes("took 2.5 s")) throw new Error(e.message);
 * ```
 */
export function searchFailure(board: Leaderboard, discardedMs?: number): RatchetError {
  const where = `(leaderboard: ${board.files.json})`;
  if (board.candidates.length === 0 && board.stopped === "budget") {
    const budget = _duration(board.budget_ms ?? 0);
    const why = discardedMs === undefined
      ? "before the first fit could start (reading and checking the data used it up)"
      : `before any candidate finished: the first took ${
        _duration(discardedMs)
      } to fit and score and was discarded`;
    return new RatchetError(
      "invalid",
      `The budget of ${budget} ran out ${why}. Nothing was published; give a larger --budget ${where}`,
    );
  }
  if (board.candidates.length === 0) {
    return new RatchetError(
      "invalid",
      `The search was interrupted before any candidate finished; nothing was published ${where}`,
    );
  }
  const first = board.candidates.find((e) => e.error !== undefined)!;
  const params = Object.entries(first.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return new RatchetError(
    "invalid",
    `All ${board.candidates.length} candidates failed, so nothing was published. The first ` +
      `(${params.join(" ")}): ${first.error} ${where}`,
  );
}
