/**
 * Hyperparameters: one plain serialisable object per fit, declared by the
 * plugin as a space with defaults, valid bounds and search ranges.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/** A hyperparameter value. */
export type ParamValue = number | string | boolean | null;

/** A complete set of hyperparameters, as `fit` receives it. */
export type Params = Readonly<Record<string, ParamValue>>;

/** What every declared hyperparameter has, whatever its type. */
export interface BaseParam {
  /** One line for `--help` and the workbench. */
  readonly description: string;
  /** Whether `null` is allowed (e.g. `max_depth: null` means unlimited). */
  readonly nullable?: boolean;
}

/** A real number in `[min, max]`; `log` means search on a log scale. */
export interface FloatParam extends BaseParam {
  /** Tags a real-valued parameter. */
  readonly type: "float";
  /** The value `fit` gets when none is given. */
  readonly default: number | null;
  /** Smallest valid value (inclusive unless `exclusiveMin`); no bound when absent. */
  readonly min?: number;
  /** Largest valid value, inclusive; no bound when absent. */
  readonly max?: number;
  /** Exclusive lower bound (e.g. a learning rate must be > 0). */
  readonly exclusiveMin?: boolean;
  /** The range a search explores, when narrower than the valid range. */
  readonly search?: { readonly min: number; readonly max: number; readonly log?: boolean };
}

/** An integer in `[min, max]`. */
export interface IntParam extends BaseParam {
  /** Tags an integer parameter. */
  readonly type: "int";
  /** The value `fit` gets when none is given. */
  readonly default: number | null;
  /** Smallest valid value, inclusive; no bound when absent. */
  readonly min?: number;
  /** Largest valid value, inclusive; no bound when absent. */
  readonly max?: number;
  /** The range a search explores, when narrower than the valid range. */
  readonly search?: { readonly min: number; readonly max: number; readonly log?: boolean };
}

/** One of a list of values. */
export interface ChoiceParam extends BaseParam {
  /** Tags a parameter that takes one of `values`. */
  readonly type: "choice";
  /** The value `fit` gets when none is given; one of `values`. */
  readonly default: ParamValue;
  /** The allowed values; listing `null` allows null without `nullable`. */
  readonly values: readonly ParamValue[];
}

/** True or false. */
export interface BoolParam extends BaseParam {
  /** Tags a true/false parameter. */
  readonly type: "bool";
  /** The value `fit` gets when none is given. */
  readonly default: boolean;
}

/** One declared hyperparameter. */
export type ParamSpec = FloatParam | IntParam | ChoiceParam | BoolParam;

/** All hyperparameters of a plugin, by name. */
export type ParamSpace = Readonly<Record<string, ParamSpec>>;

/**
 * Fills defaults and checks every value against its spec. Unknown names and
 * out-of-range values throw `invalid <name>: <value> (…)`.
 *
 * @example
 * ```ts
 * import { normalizeParams } from "./params.ts";
 * const space = { alpha: { type: "float", default: 1, min: 0, description: "L2 strength" } } as const;
 * const p = normalizeParams(space, { alpha: 0.5 }, "linear");
 * if (p.alpha !== 0.5) throw new Error();
 * ```
 */
export function normalizeParams(
  space: ParamSpace,
  given: Readonly<Record<string, unknown>>,
  pluginId: string,
): Params {
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(space, key)) {
      const known = Object.keys(space).join(", ") || "(none)";
      throw invalid(`unknown parameter ${key} for plugin ${pluginId}; known parameters: ${known}`);
    }
  }
  for (const [key, spec] of Object.entries(space)) {
    const value = Object.hasOwn(given, key) ? given[key] : spec.default;
    out[key] = _check(key, spec, value);
  }
  return out;
}

function _check(key: string, spec: ParamSpec, value: unknown): ParamValue {
  const bad = (why: string) =>
    invalid(`invalid ${key}: ${JSON.stringify(value) ?? String(value)} (${why})`);
  if (value === null) {
    if (spec.nullable || (spec.type === "choice" && spec.values.includes(null))) return null;
    throw bad("must not be null");
  }
  switch (spec.type) {
    case "bool":
      if (typeof value !== "boolean") throw bad("expected true or false");
      return value;
    case "choice":
      if (!spec.values.includes(value as ParamValue)) {
        throw bad(`expected one of ${spec.values.map((v) => JSON.stringify(v)).join(", ")}`);
      }
      return value as ParamValue;
    case "int":
    case "float": {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw bad("expected a finite number");
      }
      if (spec.type === "int" && !Number.isInteger(value)) throw bad("expected an integer");
      if (spec.min !== undefined) {
        const exclusive = spec.type === "float" && spec.exclusiveMin;
        if (exclusive ? value <= spec.min : value < spec.min) {
          throw bad(`expected a number ${exclusive ? ">" : "≥"} ${spec.min}`);
        }
      }
      if (spec.max !== undefined && value > spec.max) throw bad(`expected a number ≤ ${spec.max}`);
      return value;
    }
  }
}

/**
 * Reads a `--param key=value` string into the type its spec declares:
 * `max_depth=none` is `null`, `fit_intercept=false` is `false`.
 *
 * @example
 * ```ts
 * import { parseParamArgument } from "./params.ts";
 * const space = { max_depth: { type: "int", default: null, nullable: true, description: "" } } as const;
 * const [k, v] = parseParamArgument("max_depth=5", space, "decision_tree");
 * if (k !== "max_depth" || v !== 5) throw new Error();
 * ```
 */
export function parseParamArgument(
  text: string,
  space: ParamSpace,
  pluginId: string,
): [string, ParamValue] {
  const eq = text.indexOf("=");
  if (eq <= 0) {
    throw invalid(`invalid --param ${JSON.stringify(text)}: expected key=value, e.g. alpha=0.1`);
  }
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const spec = space[key];
  if (!spec) {
    const known = Object.keys(space).join(", ") || "(none)";
    throw invalid(`unknown parameter ${key} for plugin ${pluginId}; known parameters: ${known}`);
  }
  if (/^(null|none)$/i.test(raw)) return [key, null];
  if (spec.type === "bool" || (spec.type === "choice" && /^(true|false)$/i.test(raw))) {
    if (/^(true|false)$/i.test(raw)) return [key, raw.toLowerCase() === "true"];
    throw invalid(`invalid ${key}: ${raw} (expected true or false)`);
  }
  if (spec.type === "int" || spec.type === "float") {
    const n = Number(raw);
    if (raw === "" || !Number.isFinite(n)) {
      throw invalid(`invalid ${key}: ${raw} (expected a number)`);
    }
    return [key, n];
  }
  const asNumber = Number(raw);
  if (raw !== "" && Number.isFinite(asNumber) && spec.values.includes(asNumber)) {
    return [key, asNumber];
  }
  return [key, raw];
}
