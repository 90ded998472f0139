/**
 * The preprocessing a model carries (impute, scale, one-hot), checked once
 * when the model is compiled and then applied to each batch, so every plugin
 * receives a dense numeric matrix in the order of the artifact's `inputs`.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { ArtifactBody, Feature, Label, Step } from "../artifact/mod.ts";
import type { Table } from "../table/mod.ts";
import { formatPath } from "../json/mod.ts";
import { type FrameColumn, labelKey, MISSING, readFeature, UNKNOWN } from "./feature_column.ts";

/** Applies a model's preprocessing to rows. */
export interface Preprocessor {
  /** The raw features rows must have. */
  readonly features: readonly Feature[];
  /** The plugin's input columns, in order. */
  readonly inputs: readonly string[];
  /** Reads and transforms a table into one column per input. Errors name row and feature. */
  encode(table: Table): Float64Array[];
}

type _Kind = "number" | "category";
type _Frame = Map<string, FrameColumn>;
interface _Plan {
  kinds: Map<string, _Kind>;
  order: string[];
  levels: Map<string, readonly Label[]>;
  origin: Map<string, string>;
  mayMiss: Set<string>;
}

/** The name one-hot encoding gives the column of one level: `plan=basic`. */
export function oneHotName(column: string, level: Label): string {
  return `${column}=${String(level)}`;
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
  const steps = (body.preprocessing ?? []).map((step, k) => _compileStep(step, k, plan));
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
  return {
    features,
    inputs,
    encode(table: Table): Float64Array[] {
      const frame: _Frame = new Map();
      for (const f of features) frame.set(f.name, readFeature(table, f, model));
      for (const step of steps) step(frame, table, model);
      for (const name of checkMissing) {
        const col = frame.get(name) as { values: Float64Array };
        const values = col.values;
        for (let i = 0; i < table.n; i++) {
          if (values[i] !== values[i]) {
            throw invalid(
              `${table.rowLabel(i)}: feature ${
                JSON.stringify(plan.origin.get(name))
              } is missing (empty or null) and ` +
                `${model} has no imputer for it; fill in the value, or publish a version whose preprocessing imputes it`,
            );
          }
        }
      }
      return inputs.map((name) => (frame.get(name) as { values: Float64Array }).values);
    },
  };
}

function _initialPlan(features: readonly Feature[]): _Plan {
  const plan: _Plan = {
    kinds: new Map(),
    order: [],
    levels: new Map(),
    origin: new Map(),
    mayMiss: new Set(),
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

type _Apply = (frame: _Frame, table: Table, model: string) => void;

function _compileStep(step: Step, k: number, plan: _Plan): _Apply {
  const at = (...p: (string | number)[]) => formatPath(["preprocessing", k, ...p]);
  const bad = (where: string, what: string) => invalid(`Invalid model artifact: ${where}: ${what}`);
  const cols = step.columns;
  cols.forEach((c, j) => {
    if (!plan.kinds.has(c)) {
      throw bad(at("columns", j), `no column ${JSON.stringify(c)} exists at this step`);
    }
    if (cols.indexOf(c) !== j) {
      throw bad(at("columns", j), `column ${JSON.stringify(c)} is listed twice`);
    }
  });
  const lengths = (key: string, arr: readonly unknown[]) => {
    if (arr.length !== cols.length) {
      throw bad(at(key), `expected ${cols.length} values (one per column), found ${arr.length}`);
    }
  };
  const numeric = (what: string) =>
    cols.forEach((c, j) => {
      if (plan.kinds.get(c) !== "number") {
        throw bad(at("columns", j), `${what} needs numbers but ${JSON.stringify(c)} is a category`);
      }
    });
  switch (step.type) {
    case "impute": {
      lengths("fill", step.fill);
      const fills = cols.map((c, j) => {
        const fill = step.fill[j]!;
        if (plan.kinds.get(c) === "number") {
          if (typeof fill !== "number") {
            throw bad(
              at("fill", j),
              `the fill of number column ${JSON.stringify(c)} must be a number`,
            );
          }
          return fill;
        }
        const code = plan.levels.get(c)!.findIndex((l) => labelKey(l) === labelKey(fill));
        if (code < 0) {
          throw bad(
            at("fill", j),
            `fill ${JSON.stringify(fill)} is not a level of ${JSON.stringify(c)}`,
          );
        }
        return code;
      });
      cols.forEach((c) => plan.mayMiss.delete(c));
      return (frame) => {
        cols.forEach((c, j) => {
          const col = frame.get(c)!;
          const fill = fills[j]!;
          if (col.kind === "number") {
            const v = col.values;
            for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) v[i] = fill;
          } else {
            const v = col.codes;
            for (let i = 0; i < v.length; i++) if (v[i] === MISSING) v[i] = fill;
          }
        });
      };
    }
    case "standard_scale": {
      numeric("standard_scale");
      lengths("mean", step.mean);
      lengths("scale", step.scale);
      step.scale.forEach((s, j) => {
        if (s === 0) {
          throw bad(
            at("scale", j),
            "a scale of 0 would divide by zero (scikit-learn stores 1 for constant columns)",
          );
        }
      });
      const { mean, scale } = step;
      return (frame) =>
        cols.forEach((c, j) => {
          const v = (frame.get(c) as { values: Float64Array }).values;
          const m = mean[j]!, s = scale[j]!;
          for (let i = 0; i < v.length; i++) v[i] = (v[i]! - m) / s;
        });
    }
    case "minmax_scale": {
      numeric("minmax_scale");
      lengths("min", step.min);
      lengths("scale", step.scale);
      const { min, scale } = step;
      const clip = step.clip ?? null;
      if (clip && !(clip[0] < clip[1])) {
        throw bad(at("clip"), "clip must be [low, high] with low < high");
      }
      return (frame) =>
        cols.forEach((c, j) => {
          const v = (frame.get(c) as { values: Float64Array }).values;
          const lo = min[j]!, s = scale[j]!;
          for (let i = 0; i < v.length; i++) {
            let x = v[i]! * s;
            x += lo;
            if (clip) x = x < clip[0] ? clip[0] : x > clip[1] ? clip[1] : x;
            v[i] = x;
          }
        });
    }
    case "one_hot":
      return _compileOneHot(step, plan, at, bad);
  }
}

function _compileOneHot(
  step: Extract<Step, { type: "one_hot" }>,
  plan: _Plan,
  at: (...p: (string | number)[]) => string,
  bad: (where: string, what: string) => Error,
): _Apply {
  const cols = step.columns;
  if (step.drop && step.drop.length !== cols.length) {
    throw bad(
      at("drop"),
      `expected ${cols.length} values (one per column, null for none), found ${step.drop.length}`,
    );
  }
  const specs = cols.map((c, j) => {
    if (plan.kinds.get(c) !== "category") {
      throw bad(at("columns", j), `one_hot needs a category but ${JSON.stringify(c)} is a number`);
    }
    const levels = plan.levels.get(c)!;
    const drop = step.drop?.[j] ?? null;
    const dropCode = drop === null ? -1 : levels.findIndex((l) => labelKey(l) === labelKey(drop));
    if (drop !== null && dropCode < 0) {
      throw bad(at("drop", j), `${JSON.stringify(drop)} is not a level of ${JSON.stringify(c)}`);
    }
    const kept = levels.map((_, code) => code).filter((code) => code !== dropCode);
    const names = kept.map((code) => oneHotName(c, levels[code]!));
    const missing = plan.mayMiss.has(c);
    const pos = plan.order.indexOf(c);
    for (const name of names) {
      if (plan.kinds.has(name)) {
        throw bad(at("columns", j), `its output column ${JSON.stringify(name)} already exists`);
      }
      plan.kinds.set(name, "number");
      plan.origin.set(name, plan.origin.get(c)!);
    }
    plan.order.splice(pos, 1, ...names);
    plan.kinds.delete(c);
    plan.mayMiss.delete(c);
    return { column: c, levels, kept, names, missing, origin: plan.origin.get(c)! };
  });
  const ignore = step.handle_unknown === "ignore";
  return (frame, table, model) => {
    for (const s of specs) {
      const col = frame.get(s.column) as Extract<FrameColumn, { kind: "category" }>;
      const codes = col.codes;
      const n = codes.length;
      for (let i = 0; i < n; i++) {
        const code = codes[i]!;
        if (code === MISSING) {
          throw invalid(
            `${table.rowLabel(i)}: feature ${
              JSON.stringify(s.origin)
            } is missing (empty or null) and ${model} has no ` +
              `imputer for it; fill in the value, or publish a version whose preprocessing imputes it`,
          );
        }
        if (code === UNKNOWN && !ignore) {
          const shown = s.levels.slice(0, 8).map((l) => JSON.stringify(l)).join(", ") +
            (s.levels.length > 8 ? ", …" : "");
          throw invalid(
            `${table.rowLabel(i)}: feature ${JSON.stringify(s.origin)} has the value ${
              JSON.stringify(col.raw[i])
            }, ` +
              `which ${model} did not see in training (levels: ${shown}); its one-hot encoder refuses unknown ` +
              `values (handle_unknown: error)`,
          );
        }
      }
      frame.delete(s.column);
      s.kept.forEach((levelCode, j) => {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) if (codes[i] === levelCode) out[i] = 1;
        frame.set(s.names[j]!, { kind: "number", values: out });
      });
    }
  };
}
