/**
 * Number options (`--seed 7`, `--tolerance 0.05`): parsed once, refused
 * with the option's name and what it expects.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/**
 * Parses a number option, refusing anything else with the option's name.
 *
 * @example
 * ```ts
 * import { numberOption } from "./number_option.ts";
 * if (numberOption("--tolerance", { min: 0 })("0.05") !== 0.05) throw new Error();
 * let msg = "";
 * try { numberOption("--seed", { integer: true })("1.5"); } catch (e) { msg = String(e); }
 * if (!msg.includes("--seed 1.5")) throw new Error(msg);
 * ```
 */
export function numberOption(
  option: string,
  rules: { min?: number; max?: number; integer?: boolean } = {},
): (text: string) => number {
  return (text) => {
    const x = Number(text);
    const ok = text.trim() !== "" && Number.isFinite(x) &&
      (!rules.integer || Number.isSafeInteger(x)) &&
      (rules.min === undefined || x >= rules.min) && (rules.max === undefined || x <= rules.max);
    if (!ok) {
      const what = [
        rules.integer ? "a whole number" : "a number",
        rules.min !== undefined ? `≥ ${rules.min}` : "",
        rules.max !== undefined ? `≤ ${rules.max}` : "",
      ].filter(Boolean).join(" ");
      throw invalid(`Invalid ${option} ${text}: expected ${what}`);
    }
    return x;
  };
}
