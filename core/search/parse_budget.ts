/**
 * Reading a time budget like `--budget 10m`.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

const _UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds in a duration written as numbers with units: `500ms`, `90s`,
 * `10m`, `1.5h`, `1h30m`. A bare number, an unknown unit or a zero budget
 * is refused with an example.
 *
 * @example
 * ```ts
 * import { parseBudget } from "./parse_budget.ts";
 * if (parseBudget("10m") !== 600_000 || parseBudget("1h30m") !== 5_400_000) throw new Error();
 * let msg = "";
 * try { parseBudget("10"); } catch (e) { msg = String(e); }
 * if (!msg.includes("--budget 10")) throw new Error(msg);
 * ```
 */
export function parseBudget(text: string): number {
  const fail = (why: string) =>
    invalid(
      `--budget ${text}: ${why}; write a duration with units, e.g. 90s, 10m, 1h30m or 500ms`,
    );
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) throw fail("not a duration");
  let ms = 0;
  for (const [, amount, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g)) {
    ms += Number(amount) * _UNITS[unit!]!;
  }
  if (!Number.isFinite(ms)) throw fail("too long");
  if (ms < 1) throw fail("a search needs more than no time at all");
  return Math.round(ms);
}
