/**
 * `--window`: which rows a now-test judges. `latest` is the newest
 * partition, `<N>p` the newest N partitions; `<N>d`, `<N>w` and `<N>m` are
 * the rows whose time lies in the N days, weeks or calendar months before
 * `--now`, whichever partitions hold them.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/** A time unit of a `--window`. */
export type WindowUnit = "days" | "weeks" | "months";

/** A parsed `--window`. */
export type WindowSpec =
  | {
    /** The newest partition. */
    kind: "latest";
    /** The text as given. */
    text: string;
  }
  | {
    /** The newest `count` partitions. */
    kind: "partitions";
    /** How many partitions. */
    count: number;
    /** The text as given. */
    text: string;
  }
  | {
    /** Rows whose time lies in the `count` units before `--now`. */
    kind: WindowUnit;
    /** How many units. */
    count: number;
    /** The text as given. */
    text: string;
  };

const _UNITS: Record<string, "partitions" | WindowUnit> = {
  p: "partitions",
  d: "days",
  w: "weeks",
  m: "months",
};

/**
 * Parses a `--window` value. Anything else is an error that lists the forms.
 *
 * @example
 * ```ts
 * import { parseWindowSpec } from "./window_spec.ts";
 * const w = parseWindowSpec("30d");
 * if (w.kind !== "days" || w.count !== 30) throw new Error(JSON.stringify(w));
 * let msg = "";
 * try { parseWindowSpec("7x"); } catch (e) { msg = String(e); }
 * if (!msg.includes('"7x"') || !msg.includes("latest")) throw new Error(msg);
 * ```
 */
export function parseWindowSpec(text: string): WindowSpec {
  if (text === "latest") return { kind: "latest", text };
  const m = /^([1-9][0-9]{0,4})([pdwm])$/.exec(text);
  if (!m) {
    throw invalid(
      `Invalid --window ${JSON.stringify(text)}: use latest (the newest partition), ` +
        `<N>p (the newest N partitions), or <N>d, <N>w, <N>m (the N days, weeks or months ` +
        `before --now), e.g. 3p, 7d, 4w, 1m`,
    );
  }
  return { kind: _UNITS[m[2]!]!, count: Number(m[1]), text };
}
