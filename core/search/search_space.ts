/**
 * The space a search explores, as a `--space FILE` gives it: per
 * hyperparameter a list of values, or a numeric range.
 *
 * ```json
 * { "C": { "min": 0.01, "max": 100, "log": true }, "penalty": ["l2", "none"] }
 * ```
 *
 * @module
 */
import { z } from "zod";
import { invalid, RatchetError } from "../errors/mod.ts";
import { formatPath, parseJson } from "../json/mod.ts";
import type { ParamValue } from "../contract/mod.ts";

/** A numeric range to search: grid points between the bounds, or uniform draws. */
export interface ParamRange {
  /** Smallest value, inclusive. */
  min: number;
  /** Largest value, inclusive. */
  max: number;
  /** Search on a log scale (both bounds must be > 0). */
  log?: boolean;
  /** Integers only; default: whether the parameter is an integer. */
  int?: boolean;
  /** How many grid points a grid search takes from the range (default 5, bounds included). */
  points?: number;
}

/** How one hyperparameter is searched: the values to try, or a range. */
export type ParamSearch = ParamValue[] | ParamRange;

/** Per hyperparameter, how it is searched; the others keep the plugin's defaults. */
export type SearchSpace = Record<string, ParamSearch>;

const _finite = z.number().refine(Number.isFinite, "expected a finite number");

const _ValuesSchema = z.array(z.union([z.string(), _finite, z.boolean(), z.null()])).min(
  1,
  "the list of values is empty; give at least one value",
);

const _RangeSchema = z.object({
  min: _finite,
  max: _finite,
  log: z.boolean().optional(),
  int: z.boolean().optional(),
  points: z.number().int().min(2).max(1000).optional(),
}).strict().refine((r) => r.min <= r.max, {
  message: "the range is empty: min is greater than max",
}).refine((r) => !r.log || r.min > 0, { message: "a log range needs min > 0" });

/** The zod schema of a search space file. */
export const SearchSpaceSchema: z.ZodType<SearchSpace> = z.record(
  z.string(),
  z.union([_ValuesSchema, _RangeSchema]),
);

/**
 * Validates a search space (parsed JSON). Errors name the parameter and the
 * JSON path, and say what a valid entry looks like.
 *
 * @example
 * ```ts
 * import { parseSearchSpace } from "./search_space.ts";
 * const space = parseSearchSpace({ C: { min: 0.1, max: 10, log: true }, penalty: ["l2"] }, "space.json");
 * if (!Array.isArray(space.penalty)) throw new Error();
 * let msg = "";
 * try { parseSearchSpace({ C: { min: 10, max: 1 } }, "space.json"); } catch (e) { msg = String(e); }
 * if (!msg.includes("parameter C") || !msg.includes("min is greater than max")) throw new Error(msg);
 * ```
 */
export function parseSearchSpace(value: unknown, source: string): SearchSpace {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(
      `Invalid search space ${source}: expected a JSON object with one entry per parameter, ` +
        `e.g. {"C": {"min": 0.01, "max": 100, "log": true}, "penalty": ["l2", "none"]}`,
    );
  }
  const out: SearchSpace = {};
  for (const [key, entry] of Object.entries(value)) {
    const schema = Array.isArray(entry) ? _ValuesSchema : _RangeSchema;
    const result = schema.safeParse(entry);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const path = formatPath([key, ...(issue.path as (string | number)[])]);
      throw invalid(
        `Invalid search space ${source}: parameter ${key}: ${path}: ${issue.message}. ` +
          `Give a list of values, e.g. [0.1, 1, 10], or a range, e.g. {"min": 0.1, "max": 10, "log": true}`,
      );
    }
    out[key] = result.data;
  }
  // Checked by hand above for better messages; the schema stays the single description.
  return SearchSpaceSchema.parse(out);
}

/**
 * Reads and validates a `--space FILE`.
 *
 * @example
 * ```ts
 * import { readSearchSpace } from "./search_space.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/space.json`, '{"alpha": [0, 0.1, 1]}');
 * if ((readSearchSpace(`${dir}/space.json`).alpha as number[]).length !== 3) throw new Error();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function readSearchSpace(path: string): SearchSpace {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new RatchetError("not_found", `Search space file ${path} does not exist`);
    }
    throw e;
  }
  return parseSearchSpace(parseJson(text, { source: path }), path);
}
