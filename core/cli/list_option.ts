/**
 * Parsing comma-separated option values (`--keep id,region`).
 *
 * @module
 */

/**
 * Splits `a, b,c` into `["a", "b", "c"]`, dropping empty items.
 *
 * @example
 * ```ts
 * import { listOption } from "./list_option.ts";
 * if (listOption("a, b,,c").join() !== "a,b,c") throw new Error();
 * ```
 */
export function listOption(value: string): string[] {
  return value.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * Collects a repeatable option (`--param a=1 --param b=2`).
 *
 * @example
 * ```ts
 * import { collect } from "./list_option.ts";
 * if (collect("b=2", collect("a=1")).join(" ") !== "a=1 b=2") throw new Error();
 * ```
 */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
