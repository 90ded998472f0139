/**
 * A search space checked against the plugin it searches: every parameter
 * declared, every value and bound valid for it, ranges only on numbers.
 *
 * @module
 */
import { invalid, RatchetError } from "../errors/mod.ts";
import { normalizeParams, type Plugin } from "../contract/mod.ts";
import { type ParamRange, parseSearchSpace, type SearchSpace } from "./search_space.ts";

/**
 * The space a plugin declares for searches: every parameter with a
 * `search` range. Choices and booleans keep their defaults unless a space
 * file lists them (some choices only suit one task, e.g. a tree's criterion).
 *
 * @example
 * ```ts
 * import { defaultSearchSpace } from "./resolve_space.ts";
 * import logistic from "../../plugins/logistic/mod.ts";
 * const space = defaultSearchSpace(logistic);
 * if (Object.keys(space).join() !== "C") throw new Error(Object.keys(space).join());
 * ```
 */
export function defaultSearchSpace(plugin: Plugin): SearchSpace {
  const space: SearchSpace = {};
  for (const [key, spec] of Object.entries(plugin.params ?? {})) {
    if ((spec.type === "float" || spec.type === "int") && spec.search) {
      space[key] = {
        min: spec.search.min,
        max: spec.search.max,
        ...(spec.search.log ? { log: true } : {}),
        ...(spec.type === "int" ? { int: true } : {}),
      };
    }
  }
  return space;
}

/**
 * Checks `space` (default: {@linkcode defaultSearchSpace}) against the
 * plugin and returns it complete: keys sorted, `int` set on every range,
 * integer bounds rounded inward. Errors name the parameter.
 *
 * @example
 * ```ts
 * import { resolveSearchSpace } from "./resolve_space.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * let msg = "";
 * try { resolveSearchSpace(linear, { gamma: [1] }); } catch (e) { msg = String(e); }
 * if (!msg.includes("unknown parameter gamma")) throw new Error(msg);
 * try { resolveSearchSpace(linear, { alpha: [-1] }); } catch (e) { msg = String(e); }
 * if (!msg.includes("parameter alpha: invalid alpha: -1")) throw new Error(msg);
 * ```
 */
export function resolveSearchSpace(plugin: Plugin, space?: SearchSpace): SearchSpace {
  const declared = plugin.params;
  if (!declared) {
    throw invalid(`Plugin ${plugin.id} has no fit, so there is nothing to search`);
  }
  // Callers other than the CLI pass objects that no file parser has seen.
  const given = space ? parseSearchSpace(space, "given to the search") : defaultSearchSpace(plugin);
  const out: SearchSpace = {};
  for (const key of Object.keys(given).sort()) {
    const entry = given[key]!;
    const spec = declared[key];
    const fail = (why: string) => invalid(`Search space: parameter ${key}: ${why}`);
    // normalizeParams names unknown parameters and bad values the way `train --param` does.
    const check = (value: unknown) => {
      try {
        normalizeParams(declared, { [key]: value }, plugin.id);
      } catch (e) {
        if (e instanceof RatchetError) throw fail(e.message);
        throw e;
      }
    };
    if (!spec) check(undefined);
    if (Array.isArray(entry)) {
      entry.forEach(check);
      out[key] = [...new Map(entry.map((v) => [JSON.stringify(v), v])).values()];
      continue;
    }
    if (spec!.type !== "float" && spec!.type !== "int") {
      throw fail(
        `it is a ${spec!.type} parameter, so give a list of values, e.g. ${
          JSON.stringify(spec!.type === "bool" ? [true, false] : spec!.values)
        }`,
      );
    }
    if (spec!.type === "int" && entry.int === false) {
      throw fail("it is an integer parameter, so its range cannot be int: false");
    }
    const range: ParamRange = { ...entry, int: entry.int ?? spec!.type === "int" };
    if (range.int) {
      range.min = Math.ceil(range.min);
      range.max = Math.floor(range.max);
      if (range.min > range.max) {
        throw fail(`the range [${entry.min}, ${entry.max}] holds no integer`);
      }
    }
    check(range.min);
    check(range.max);
    out[key] = range;
  }
  return out;
}
