/**
 * Reading a partition window like `--train 2012-01..2013-12`.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/** Inclusive partition labels; an absent end means the dataset's first or last partition. */
export interface PartitionWindow {
  /** First partition, inclusive. */
  from?: string;
  /** Last partition, inclusive. */
  to?: string;
}

/**
 * Splits `FROM..TO` into its ends; either may be left out (`..2013-12`,
 * `2014-01..`). The labels themselves are checked against the dataset's
 * grain when the search reads it.
 *
 * @example
 * ```ts
 * import { parseWindow } from "./parse_window.ts";
 * const w = parseWindow("2012-01..2013-12", "--train");
 * if (w.from !== "2012-01" || w.to !== "2013-12") throw new Error();
 * if (parseWindow("..2013-12", "--train").from !== undefined) throw new Error();
 * let msg = "";
 * try { parseWindow("2012-01", "--train"); } catch (e) { msg = String(e); }
 * if (!msg.includes("--train 2012-01")) throw new Error(msg);
 * ```
 */
export function parseWindow(text: string, option: string): PartitionWindow {
  const parts = text.trim().split("..");
  if (parts.length !== 2) {
    throw invalid(
      `${option} ${text}: expected FROM..TO, two partition labels (inclusive), e.g. 2012-01..2013-12`,
    );
  }
  const [from, to] = parts.map((p) => p.trim());
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
