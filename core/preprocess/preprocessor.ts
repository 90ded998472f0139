/**
 * The preprocessing a model carries (impute, scale, one-hot), checked once
 * when the model is compiled and then applied to each batch, so every plugin
 * receives a dense numeric matrix in the order of the artifact's `inputs`.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { ArtifactBody, Feature } from "../artifact/mod.ts";
import type { Table } from "../table/mod.ts";
import { formatPath } from "../json/mod.ts";
import { type NumberColumn, readFeature } from "./feature_column.ts";
import { labelKey } from "./level_lookup.ts";
import { compileStep, type Frame, type Plan } from "./compile_step.ts";

/** Applies a model's preprocessing to rows. */
export interface Preprocessor {
  /** The raw features rows must have. */
  readonly features: readonly Feature[];
  /** The plugin's input columns, in order. */
  readonly inputs: readonly string[];
  /**
   * Reads and transforms a table into one column per input. Errors name row
   * and feature. It never writes into the table's columns; a column no step
   * changes may come back as the table's own array, so callers must not
   * write into the columns either (plugins never do).
   */
  encode(table: Table): Float64Array[];
}

/**
 * Checks an artifact's features, preprocessing and inputs together and
 * returns the function that applies them.
 *
 * @example
 * ```ts
 * import { compilePreprocessing } from "./preprocessor.ts";
 * import { tableFromRows } from "../table/mod.ts";
 * const pre = compilePreprocessing({
 *   features: [{ name: "x", type: "number" }, { name: "c", type: "category", levels: ["a", "b"] }],
 *   preprocessing: [
 *     { type: "impute", columns: ["x"], strategy: "constant", fill: [0] },
 *     { type: "one_hot", columns: ["c"], handle_unknown: "error" },
 *   ],
 * }, { model: "demo@1", handlesMissing: false });
 * const [x, ca, cb] = pre.encode(tableFromRows([{ x: null, c: "b" }]));
 * if (pre.inputs.join() !== "x,c=a,c=b" || x![0] !== 0 || ca![0] !== 0 || cb![0] !== 1) throw new Error();
 * ```
 */
export function compilePreprocessing(
  body: Pick<ArtifactBody, "features" | "preprocessing"> & {
    inputs?: readonly string[] | undefined;
  },
  options: { model: string; handlesMissing: boolean },
): Preprocessor {
  const { model } = options;
  const plan = _initialPlan(body.features);
  const steps = (body.preprocessing ?? []).map((step, k) => compileStep(step, k, plan));
  if (!body.inputs) {
    for (const name of plan.order) {
      if (plan.kinds.get(name) === "category") {
        const k = body.features.findIndex((f) => f.name === name);
        throw invalid(
          `Invalid model artifact: ${formatPath(["features", k])}: ${
            JSON.stringify(name)
          } is a category but no ` +
            `one_hot step encodes it; add {"type": "one_hot", "columns": [${
              JSON.stringify(name)
            }], "handle_unknown": "error"}`,
        );
      }
    }
  }
  const inputs = body.inputs ? [...body.inputs] : [...plan.order];
  const seenInputs = new Set<string>();
  inputs.forEach((name, k) => {
    const where = formatPath(["inputs", k]);
    if (seenInputs.has(name)) {
      throw invalid(
        `Invalid model artifact: ${where}: input ${JSON.stringify(name)} is listed twice`,
      );
    }
    seenInputs.add(name);
    const kind = plan.kinds.get(name);
    if (kind === undefined) {
      throw invalid(
        `Invalid model artifact: ${where}: no feature or preprocessing output is called ${
          JSON.stringify(name)
        }`,
      );
    }
    if (kind === "category") {
      throw invalid(
        `Invalid model artifact: ${where}: ${
          JSON.stringify(name)
        } is a category; add a one_hot step so the plugin gets numbers`,
      );
    }
  });
  const checkMissing = options.handlesMissing ? [] : inputs.filter((c) => plan.mayMiss.has(c));
  const features = body.features;
  const reads = features.map((f) => ({ readOnly: !plan.inPlace.has(f.name) }));
  return {
    features,
    inputs,
    encode(table: Table): Float64Array[] {
      const frame: Frame = new Map();
      features.forEach((f, j) => frame.set(f.name, readFeature(table, f, model, reads[j])));
      for (const step of steps) step(frame, table, model);
      for (const name of checkMissing) {
        const i = _firstMissing(frame.get(name) as NumberColumn, table.n);
        if (i >= 0) {
          throw invalid(
            `${table.rowLabel(i)}: feature ${
              JSON.stringify(plan.origin.get(name))
            } is missing (empty or null) and ` +
              `${model} has no imputer for it; fill in the value, or publish a version whose preprocessing imputes it`,
          );
        }
      }
      return inputs.map((name) => (frame.get(name) as NumberColumn).values);
    },
  };
}

/** The first of `n` rows whose value is missing, -1 when none; found once when the column was read, if it could be. */
function _firstMissing(col: NumberColumn, n: number): number {
  if (col.firstMissing !== undefined) return col.firstMissing;
  const values = col.values;
  for (let i = 0; i < n; i++) if (values[i] !== values[i]) return i;
  return -1;
}

function _initialPlan(features: readonly Feature[]): Plan {
  const plan: Plan = {
    kinds: new Map(),
    order: [],
    levels: new Map(),
    origin: new Map(),
    mayMiss: new Set(),
    inPlace: new Set(),
  };
  features.forEach((f, k) => {
    const where = formatPath(["features", k]);
    if (plan.kinds.has(f.name)) {
      throw invalid(
        `Invalid model artifact: ${where}: feature ${JSON.stringify(f.name)} appears twice`,
      );
    }
    if (f.type === "category") {
      if (!f.levels || f.levels.length === 0) {
        throw invalid(
          `Invalid model artifact: ${where}.levels: category feature ${
            JSON.stringify(f.name)
          } needs its levels`,
        );
      }
      const keys = new Set(f.levels.map(labelKey));
      if (keys.size !== f.levels.length) {
        throw invalid(`Invalid model artifact: ${where}.levels: a level appears twice`);
      }
      plan.levels.set(f.name, f.levels);
    } else if (f.levels !== undefined) {
      throw invalid(`Invalid model artifact: ${where}.levels: only category features have levels`);
    }
    plan.kinds.set(f.name, f.type === "category" ? "category" : "number");
    plan.order.push(f.name);
    plan.origin.set(f.name, f.name);
    plan.mayMiss.add(f.name);
  });
  return plan;
}

/**
 * This module's definitions as exported code embeds them (see `jsSource` in
 * core/contract), with `COMPILE_STEP_JS`, `FEATURE_COLUMN_JS`,
 * `LEVEL_LOOKUP_JS`, `formatPath` and `RATCHET_ERROR_JS`: a bundle's
 * predictor preprocesses rows exactly as ratchet does.
 *
 * @example
 * ```ts
 * import { COMPILE_STEP_JS, FEATURE_COLUMN_JS, LEVEL_LOOKUP_JS, PREPROCESSOR_JS } from "./mod.ts";
 * import { RATCHET_ERROR_JS } from "../errors/mod.ts";
 * import { formatPath } from "../json/mod.ts";
 * import { tableFromRows } from "../table/mod.ts";
 * import { jsSource } from "../contract/mod.ts";
 * const source = jsSource(
 *   PREPROCESSOR_JS, COMPILE_STEP_JS, FEATURE_COLUMN_JS, LEVEL_LOOKUP_JS, RATCHET_ERROR_JS, { formatPath },
 * );
 * const compile = new Function(`${source}\nreturn compilePreprocessing;`)();
 * const pre = compile({ features: [{ name: "x", type: "number" }], preprocessing: [] }, { model: "m@1", handlesMissing: false });
 * if (pre.encode(tableFromRows([{ x: 4 }]))[0][0] !== 4) throw new Error();
 * ```
 */
export const PREPROCESSOR_JS = { compilePreprocessing, _firstMissing, _initialPlan };
