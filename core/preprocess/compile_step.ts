/**
 * The preprocessing steps, each checked once against the columns that exist
 * at its point in the pipeline and compiled into an in-place transform of a
 * batch: impute, standard scale, min-max scale, one-hot.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { Label, Step } from "../artifact/mod.ts";
import type { Table } from "../table/mod.ts";
import { formatPath } from "../json/mod.ts";
import type { FrameColumn } from "./feature_column.ts";
import { labelKey, MISSING, UNKNOWN } from "./level_lookup.ts";

/** The columns of a batch while it is being preprocessed, by name. */
export type Frame = Map<string, FrameColumn>;

/** What is known about the columns at a step, before any data is seen. */
export interface Plan {
  /** Each column's kind. */
  kinds: Map<string, "number" | "category">;
  /** Column order, for the default inputs. */
  order: string[];
  /** Levels of category columns. */
  levels: Map<string, readonly Label[]>;
  /** The raw feature each column comes from, for error messages. */
  origin: Map<string, string>;
  /** Columns that may still hold missing values. */
  mayMiss: Set<string>;
  /**
   * Columns a step overwrites in place: they are read into a copy, so that
   * preprocessing never writes into the caller's table.
   */
  inPlace: Set<string>;
}

/**
 * The name one-hot encoding gives the column of one level: `plan=basic`.
 *
 * @example
 * ```ts
 * import { oneHotName } from "./compile_step.ts";
 * if (oneHotName("zip", 1000) !== "zip=1000") throw new Error();
 * ```
 */
export function oneHotName(column: string, level: Label): string {
  return `${column}=${String(level)}`;
}

/**
 * What a step does to a batch: rewrites the frame's columns in place (those
 * it added to the plan's `inPlace`) or replaces them with new ones (one-hot).
 */
export type ApplyStep = (frame: Frame, table: Table, model: string) => void;

/**
 * Checks one preprocessing step against the plan of columns so far (naming
 * `$.preprocessing[k]…` on any inconsistency), updates the plan, and returns
 * the function that applies the step to a batch.
 *
 * @example
 * ```ts
 * import { compileStep, type Plan } from "./compile_step.ts";
 * import { tableFromRows } from "../table/mod.ts";
 * const plan: Plan = {
 *   kinds: new Map([["age", "number"]]),
 *   order: ["age"],
 *   levels: new Map(),
 *   origin: new Map([["age", "age"]]),
 *   mayMiss: new Set(),
 *   inPlace: new Set(),
 * };
 * const scale = compileStep({ type: "standard_scale", columns: ["age"], mean: [40], scale: [10] }, 0, plan);
 * const age = Float64Array.of(50, 30);
 * scale(new Map([["age", { kind: "number", values: age }]]), tableFromRows([]), "m@1");
 * if (age.join() !== "1,-1" || !plan.inPlace.has("age")) throw new Error(String(age));
 * let msg = "";
 * try { compileStep({ type: "one_hot", columns: ["age"], handle_unknown: "error" }, 1, plan); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.preprocessing[1].columns[0]")) throw new Error(msg);
 * ```
 */
export function compileStep(step: Step, k: number, plan: Plan): ApplyStep {
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
  // Listing a column that is not rewritten costs a copy; missing one would write into the table.
  if (step.type !== "one_hot") cols.forEach((c) => plan.inPlace.add(c));
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
  plan: Plan,
  at: (...p: (string | number)[]) => string,
  bad: (where: string, what: string) => Error,
): ApplyStep {
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

/**
 * This module's definitions as exported code embeds them (see `jsSource` in
 * core/contract); {@linkcode PREPROCESSOR_JS} lists what else they need.
 *
 * @example
 * ```ts
 * import { COMPILE_STEP_JS } from "./compile_step.ts";
 * if (typeof COMPILE_STEP_JS.compileStep !== "function") throw new Error();
 * ```
 */
export const COMPILE_STEP_JS = { oneHotName, compileStep, _compileOneHot };
