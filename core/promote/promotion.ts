/**
 * A promotion as the model keeps it: one line of
 * `models/<name>/promotions.jsonl` per change of champion (read back by
 * `promote` to know former champions) and one section of `CHANGELOG.md`
 * (for people).
 *
 * @module
 */
import type { RequirementChange } from "../requirements/mod.ts";

/**
 * How a version became champion: on the `promote` verdict of its latest
 * challenge, `forced` without one (with a reason), or a `rollback` to a
 * former champion (with a reason).
 */
export type PromotionKind = "challenge" | "forced" | "rollback";

/** The requirements raised with a promotion (`--ratchet`). */
export interface PromotionRatchet {
  /** The margin left below the new champion's baseline. */
  margin: number;
  /** What the baseline was measured on. */
  source: string;
  /** The thresholds raised; empty when every one was already as strict. */
  changes: RequirementChange[];
}

/** One change of champion. */
export interface Promotion {
  /** When (ISO 8601). */
  date: string;
  /** The model. */
  model: string;
  /** The champion before, or null when there was none. */
  from: number | null;
  /** The new champion. */
  to: number;
  /** How it was decided. */
  kind: PromotionKind;
  /** The verdict summary, in one line. */
  summary: string;
  /** Why, when given (always for forced promotions and rollbacks). */
  reason?: string;
  /** Who, when known. */
  by?: string;
  /** The latest challenge of the version, relative to the project folder, when there is one. */
  evidence?: string;
  /** That challenge's verdict. */
  verdict?: "promote" | "reject";
  /** The requirements raised, with `--ratchet`. */
  ratchet?: PromotionRatchet;
}
