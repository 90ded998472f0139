/**
 * A model's preprocessing compiled for one row at a time. Core's batch
 * preprocessor allocates a typed array per column and a lookup per
 * category on every call, some 20 µs for a single row; a service answers
 * single rows. This encoder resolves every column to a slot of one scratch
 * vector when the model is loaded, then reads a row object straight into
 * the plugin's inputs with the batch path's arithmetic, step for step, so
 * that the numbers are the same (a test holds it to that).
 *
 * @module
 */
import type { Label, Step } from "../artifact/mod.ts";
import { invalid } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { labelKey, levelLookup, MISSING, oneHotName, UNKNOWN } from "../preprocess/mod.ts";
import type { FieldLabel } from "./row_schema.ts";

/** Reads rows into a model's input vector. */
export interface RowEncoder {
  /** Number of inputs the plugin takes. */
  readonly width: number;
  /**
   * Writes the inputs of `row` (already checked against the model's row
   * schema) into `into`. A missing value the model cannot fill, or a level
   * its one-hot encoder refuses, is a 400 error naming the feature as
   * `label(i, feature)` does.
   */
  encode(
    row: Readonly<Record<string, unknown>>,
    into: Float64Array,
    label: FieldLabel,
    i: number,
  ): void;
}

type _Op = (
  s: Float64Array,
  row: Readonly<Record<string, unknown>>,
  label: FieldLabel,
  i: number,
) => void;

/**
 * Compiles a model's features and preprocessing for single rows.
 *
 * @example
 * ```ts
 * import { compileRowEncoder } from "./row_encoder.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const model = compileModel({
 *   format: "ratchet.model/v1", plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }, { name: "c", type: "category", levels: ["a", "b"] }],
 *   target: { name: "y" },
 *   preprocessing: [
 *     { type: "impute", columns: ["x"], strategy: "constant", fill: [10] },
 *     { type: "one_hot", columns: ["c"], handle_unknown: "error" },
 *   ],
 *   coefficients: { intercept: 0, weights: [1, 2, 3] }, hyperparameters: {},
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, new PluginRegistry([linear]));
 * const into = new Float64Array(3);
 * compileRowEncoder(model).encode({ x: null, c: "b" }, into, (i, key) => `row ${i} ${key}`, 0);
 * if (into.join() !== "10,0,1") throw new Error(into.join());
 * ```
 */
export function compileRowEncoder(model: CompiledModel): RowEncoder {
  const { features } = model.preprocessor;
  const slots = new Map<string, number>();
  const origin = new Map<string, string>();
  const levels = new Map<string, readonly Label[]>();
  const mayMiss = new Set<string>();
  const slot = (name: string) => {
    if (!slots.has(name)) slots.set(name, slots.size);
    return slots.get(name)!;
  };
  const reads: ((row: Readonly<Record<string, unknown>>, s: Float64Array) => void)[] = [];
  for (const f of features) {
    const at = slot(f.name), name = f.name;
    origin.set(name, name);
    mayMiss.add(name);
    if (f.type === "category") {
      const lookup = levelLookup(f.levels ?? []);
      levels.set(name, f.levels ?? []);
      reads.push((row, s) => {
        const v = row[name];
        s[at] = v === null ? MISSING : lookup(v);
      });
    } else if (f.type === "boolean") {
      reads.push((row, s) => {
        const v = row[name];
        s[at] = v === null ? NaN : v === true || v === 1 ? 1 : 0;
      });
    } else {
      reads.push((row, s) => {
        const v = row[name];
        s[at] = v === null ? NaN : v as number;
      });
    }
  }
  const ops = (model.artifact.preprocessing ?? []).map((step) =>
    _compileStep(step, slot, levels, origin, mayMiss, model.label)
  );
  const inputs = Int32Array.from(model.preprocessor.inputs, (name) => slots.get(name)!);
  const checkMissing = model.plugin.tags.handles_missing
    ? []
    : model.preprocessor.inputs.filter((name) => mayMiss.has(name)).map((name) => ({
      at: slots.get(name)!,
      origin: origin.get(name)!,
    }));
  const scratch = new Float64Array(slots.size);
  return {
    width: inputs.length,
    encode(row, into, label, i) {
      const s = scratch;
      for (let j = 0; j < reads.length; j++) reads[j]!(row, s);
      for (let j = 0; j < ops.length; j++) ops[j]!(s, row, label, i);
      for (const { at, origin } of checkMissing) {
        if (s[at] !== s[at]) throw _missing(label(i, origin), model.label);
      }
      for (let k = 0; k < inputs.length; k++) into[k] = s[inputs[k]!]!;
    },
  };
}

/** One step on the scratch vector, with the arithmetic of core's batch step. */
function _compileStep(
  step: Step,
  slot: (name: string) => number,
  levels: Map<string, readonly Label[]>,
  origin: Map<string, string>,
  mayMiss: Set<string>,
  model: string,
): _Op {
  const at = step.columns.map(slot);
  switch (step.type) {
    case "impute": {
      const fills = step.columns.map((c, j) => {
        const fill = step.fill[j]!;
        const ls = levels.get(c);
        return ls === undefined
          ? fill as number
          : ls.findIndex((l) => labelKey(l) === labelKey(fill));
      });
      step.columns.forEach((c) => mayMiss.delete(c));
      return (s) => {
        for (let j = 0; j < at.length; j++) {
          const v = s[at[j]!]!;
          const missing = levels.has(step.columns[j]!) ? v === MISSING : v !== v;
          if (missing) s[at[j]!] = fills[j]!;
        }
      };
    }
    case "standard_scale": {
      const { mean, scale } = step;
      return (s) => {
        for (let j = 0; j < at.length; j++) s[at[j]!] = (s[at[j]!]! - mean[j]!) / scale[j]!;
      };
    }
    case "minmax_scale": {
      const { min, scale } = step;
      const clip = step.clip ?? null;
      return (s) => {
        for (let j = 0; j < at.length; j++) {
          let x = s[at[j]!]! * scale[j]!;
          x += min[j]!;
          if (clip) x = x < clip[0] ? clip[0] : x > clip[1] ? clip[1] : x;
          s[at[j]!] = x;
        }
      };
    }
    case "one_hot": {
      const ignore = step.handle_unknown === "ignore";
      const specs = step.columns.map((c, j) => {
        const ls = levels.get(c)!;
        const drop = step.drop?.[j] ?? null;
        const dropCode = drop === null ? -1 : ls.findIndex((l) => labelKey(l) === labelKey(drop));
        const kept = ls.map((_, code) => code).filter((code) => code !== dropCode);
        const outs = Int32Array.from(kept, (code) => {
          const name = oneHotName(c, ls[code]!);
          origin.set(name, origin.get(c)!);
          return slot(name);
        });
        mayMiss.delete(c);
        return {
          at: at[j]!,
          kept: Int32Array.from(kept),
          outs,
          levels: ls,
          origin: origin.get(c)!,
        };
      });
      return (s, row, label, i) => {
        for (const spec of specs) {
          const code = s[spec.at]!;
          if (code === MISSING) throw _missing(label(i, spec.origin), model);
          if (code === UNKNOWN && !ignore) {
            const shown = spec.levels.slice(0, 8).map((l) => JSON.stringify(l)).join(", ") +
              (spec.levels.length > 8 ? ", …" : "");
            throw invalid(
              `${label(i, spec.origin)}: ${_shown(row[spec.origin])} is not a level ` +
                `${model} knows (levels: ${shown}); its one-hot encoder refuses unknown values`,
            );
          }
          for (let k = 0; k < spec.outs.length; k++) {
            s[spec.outs[k]!] = code === spec.kept[k] ? 1 : 0;
          }
        }
      };
    }
  }
}

function _missing(where: string, model: string) {
  return invalid(
    `${where}: null, and ${model} has no imputer for it: send a value, or publish a ` +
      `version whose preprocessing imputes it`,
  );
}

function _shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? text.slice(0, 40) + "…" : text;
}
