/**
 * `predictor.d.ts`: the types of a bundle's `predictor.js`, so that
 * TypeScript callers get the feature row and the result checked.
 *
 * @module
 */
import type { Feature, Label } from "../artifact/mod.ts";
import type { CompiledModel } from "../model/mod.ts";

/**
 * The declarations of `predictor.js` for a model: `Features` (a number, a
 * union of the category's levels, or a boolean per feature; `| null` where
 * the model fills in a missing value), `Columns`, `Label`, `Prediction`,
 * `BatchPrediction`, `predict`, `predictBatch`, `model` and `RatchetError`.
 *
 * @example
 * ```ts
 * import { predictorTypes } from "./predictor_types.ts";
 * const types = predictorTypes({
 *   label: "rain@1", task: "binary", labels: ["no", "yes"],
 *   plugin: { tags: { handles_missing: false } },
 *   preprocessor: { features: [{ name: "season", type: "category", levels: ["winter", "summer"] }] },
 *   artifact: { preprocessing: [] },
 * } as never);
 * if (!types.includes('season: "winter" | "summer";')) throw new Error(types);
 * ```
 */
export function predictorTypes(
  model: Pick<CompiledModel, "label" | "task" | "labels" | "plugin" | "preprocessor" | "artifact">,
): string {
  const imputed = new Set(
    (model.artifact.preprocessing ?? []).flatMap((s) => (s.type === "impute" ? s.columns : [])),
  );
  const features = model.preprocessor.features.map((f) => {
    const nullable = imputed.has(f.name) ||
      (model.plugin.tags.handles_missing && f.type !== "category");
    return `  /** ${_describe(f)}${nullable ? "; null when unknown" : ""}. */\n  ${_key(f.name)}: ${
      _featureType(f)
    }${nullable ? " | null" : ""};`;
  });
  const regression = model.task === "regression";
  const label = regression ? "number" : _union(model.labels);
  const classes = _union(model.labels.map(String));
  const result = regression
    ? `  /** The predicted value. */\n  prediction: number;`
    : `  /** The most probable class (the first one on ties). */\n  prediction: Label;\n` +
      `  /** Each class's probability, by label as text. */\n  probabilities: Record<${classes}, number>;`;
  const batch = regression
    ? `  /** Each row's predicted value. */\n  prediction: Float64Array;`
    : `  /** Each row's most probable class. */\n  prediction: Label[];\n` +
      `  /** Per class (label as text), each row's probability. */\n  probabilities: Record<${classes}, Float64Array>;`;
  return `// Types of predictor.js (${model.label}), written by ratchet export.

/** One row of ${model.label}'s features, by name; other keys are ignored. */
export interface Features {
${features.join("\n")}
}

/** Many rows: one array of values per feature, all of the same length. */
export type Columns = { [K in keyof Features]: ArrayLike<Features[K]> };

/** ${regression ? "The predicted value" : "A class label"} of ${model.label}. */
export type Label = ${label};

/** One row's prediction, as \`ratchet predict --format json\` prints it. */
export interface Prediction {
${result}
}

/** Many rows' predictions, column by column, in row order. */
export interface BatchPrediction {
${batch}
}

/** Predicts one row. Throws a {@link RatchetError} naming the feature it cannot read. */
export declare function predict(row: Features): Prediction;

/** Predicts many rows at once. Throws a {@link RatchetError} naming the row and feature it cannot read. */
export declare function predictBatch(columns: Columns): BatchPrediction;

/** The model this module predicts with. */
export declare const model: {
  readonly name: string;
  readonly version: number;
  readonly label: string;
  readonly sha256: string;
  readonly task: "regression" | "binary" | "multiclass";
  readonly target: string;
  readonly labels: readonly Label[];
  readonly features: readonly {
    readonly name: string;
    readonly type: "number" | "category" | "boolean";
    readonly levels?: readonly (string | number | boolean)[];
    readonly description?: string;
  }[];
  readonly plugin: { readonly id: string; readonly version: string };
};

/** What predict and predictBatch throw: \`kind\` says why, \`status\` is the matching HTTP status. */
export declare class RatchetError extends Error {
  readonly kind: "invalid" | "not_found" | "conflict" | "unsupported" | "too_large" | "internal";
  readonly status: number;
  readonly exitCode: 2;
  constructor(kind: RatchetError["kind"], message: string, options?: ErrorOptions);
}
`;
}

function _featureType(f: Feature): string {
  if (f.type === "number") return "number";
  if (f.type === "boolean") return "boolean";
  return _union(f.levels ?? []);
}

function _describe(f: Feature): string {
  const what = f.type === "category" ? "one of the levels" : f.type;
  const text = f.description ? `${f.description} (${what})` : `${f.name}: ${what}`;
  return text.replaceAll("*/", "* /");
}

/** A union of literal types; `never` for none. */
function _union(values: readonly Label[]): string {
  if (values.length === 0) return "never";
  return values.map((v) => (typeof v === "string" ? JSON.stringify(v) : String(v))).join(" | ");
}

/** A property name, quoted unless it is an identifier. */
function _key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
