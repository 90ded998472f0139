/**
 * The API of an exported predictor (`predictor.js`): `predict(row)`,
 * `predictBatch(columns)`, `model` and `RatchetError`. It is written here
 * in TypeScript over a {@linkcode CompiledModel} and embedded in the bundle
 * with the core code it calls, so a bundle answers exactly as ratchet does.
 *
 * @module
 */
import type { Feature, Label } from "../artifact/mod.ts";
import type { Plugin, PluginRegistry, Predictor, Task } from "../contract/mod.ts";
import { invalid, RatchetError } from "../errors/mod.ts";
import { predictOne } from "../fixtures/mod.ts";
import { argmaxRow, type CompiledModel, compileModel, type Prediction } from "../model/mod.ts";
import { tableFromColumns } from "../table/mod.ts";

/** What an exported predictor says about its model. */
export interface BundleModelInfo {
  /** The model's name. */
  readonly name: string;
  /** The version number. */
  readonly version: number;
  /** `name@version`, as errors name the model. */
  readonly label: string;
  /** The artifact's SHA-256. */
  readonly sha256: string;
  /** What the model predicts. */
  readonly task: Task;
  /** The target's name. */
  readonly target: string;
  /** Class labels in output order; empty for regression. */
  readonly labels: readonly Label[];
  /** The features a row must have. */
  readonly features: readonly Feature[];
  /** The plugin that predicts, and the code version exported. */
  readonly plugin: { readonly id: string; readonly version: string };
}

/** Many rows' predictions, column by column. */
export interface BatchPrediction {
  /** Per row, the predicted value (regression, a `Float64Array`) or the most probable label. */
  readonly prediction: Float64Array | Label[];
  /** Per class label (as text), each row's probability (classifiers only). */
  readonly probabilities?: Record<string, Float64Array>;
}

/** What `predictor.js` exports. */
export interface BundleApi {
  /** Predicts one row, given as an object of feature values by name: what `ratchet predict --format json` prints for it. */
  predict(row: Readonly<Record<string, unknown>>): Prediction;
  /** Predicts many rows, given as one array of values per feature, by name. */
  predictBatch(columns: Readonly<Record<string, ArrayLike<unknown>>>): BatchPrediction;
  /** The model. */
  readonly model: BundleModelInfo;
  /** The class of every error the predictor throws (`kind`, `status`, `message`). */
  readonly RatchetError: typeof RatchetError;
}

/** The plugin of an exported predictor, whose compiled form is `predictor`. */
export interface BundledPlugin {
  /** Plugin id. */
  readonly id: string;
  /** The plugin code's version. */
  readonly version: string;
  /** The plugin's `handles_missing` tag. */
  readonly handlesMissing: boolean;
}

/**
 * Compiles an artifact (its coefficients already in `predictor`) through
 * `compileModel`, so that targets, preprocessing and the refusal of
 * non-finite outputs are ratchet's own.
 *
 * @example
 * ```ts
 * import { compileBundledModel } from "./bundle_api.ts";
 * import { tableFromRows } from "../table/mod.ts";
 * const artifact = {
 *   format: "ratchet.model/v1", plugin: { id: "double", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" }, preprocessing: [],
 *   coefficients: null, hyperparameters: {}, provenance: { created: "2026-01-01", source: "example" },
 * } as const;
 * const predictor = { width: 1, predictBatch: (c: readonly Float64Array[], n: number) => c[0]!.map((x) => 2 * x).subarray(0, n), predictRow: () => new Float64Array(1) };
 * const model = compileBundledModel(structuredClone(artifact) as never, { id: "double", version: "1.0.0", handlesMissing: false }, predictor);
 * if (model.predictTable(tableFromRows([{ x: 4 }]))[0] !== 8) throw new Error();
 * ```
 */
export function compileBundledModel(
  artifact: CompiledModel["artifact"],
  plugin: BundledPlugin,
  predictor: Predictor,
): CompiledModel {
  const compiled: Plugin = {
    id: plugin.id,
    version: plugin.version,
    description: "",
    tasks: [artifact.task],
    tags: {
      handles_missing: plugin.handlesMissing,
      deterministic_fit: true,
      float32_inputs: false,
      strict_outputs: false,
    },
    parse: () => null,
    compile: () => predictor,
  };
  const registry = { get: () => compiled } as unknown as PluginRegistry;
  return compileModel(artifact, registry);
}

/**
 * The exported predictor's API over a published model.
 *
 * @example
 * ```ts
 * import { bundleApi } from "./bundle_api.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import logistic from "../../plugins/logistic/mod.ts";
 * const model = compileModel({
 *   format: "ratchet.model/v1", name: "rain", version: 2, sha256: "0".repeat(64),
 *   plugin: { id: "logistic", version: "^1.0.0" }, task: "binary",
 *   features: [{ name: "x", type: "number" }], target: { name: "y", labels: ["no", "yes"] },
 *   preprocessing: [], coefficients: { link: "ovr", intercepts: [0], weights: [[1]] },
 *   hyperparameters: {}, provenance: { created: "2026-01-01", source: "example" },
 * }, new PluginRegistry([logistic]));
 * const api = bundleApi(model);
 * if (api.predict({ x: 0 }).probabilities?.yes !== 0.5) throw new Error();
 * const batch = api.predictBatch({ x: [-5, 5] });
 * if (batch.prediction.join() !== "no,yes" || api.model.label !== "rain@2") throw new Error();
 * ```
 */
export function bundleApi(model: CompiledModel): BundleApi {
  const { artifact } = model;
  if (artifact.name === undefined || artifact.version === undefined || !artifact.sha256) {
    throw new RatchetError("internal", "Only a published model version can be exported");
  }
  const features = model.preprocessor.features;
  const info: BundleModelInfo = Object.freeze({
    name: artifact.name,
    version: artifact.version,
    label: model.label,
    sha256: artifact.sha256,
    task: model.task,
    target: artifact.target.name,
    labels: Object.freeze([...model.labels]),
    features: Object.freeze(features.map((f) => Object.freeze({ ...f }))),
    plugin: Object.freeze({ id: model.plugin.id, version: model.plugin.version }),
  });
  const names = features.map((f) => f.name).join(", ");
  return Object.freeze({
    predict(row: Readonly<Record<string, unknown>>): Prediction {
      if (row === null || typeof row !== "object" || Array.isArray(row)) {
        throw invalid(
          `predict(row) takes one row, an object of feature values by name (${names}), not ${
            _kindOf(row)
          }`,
        );
      }
      return predictOne(model, row);
    },
    predictBatch(columns: Readonly<Record<string, ArrayLike<unknown>>>): BatchPrediction {
      const n = _rowCount(columns, features);
      const out = model.predictTable(tableFromColumns(columns, n));
      if (model.task === "regression") return { prediction: out.slice(0, n) };
      const prediction: Label[] = [];
      for (let i = 0; i < n; i++) prediction.push(model.labels[argmaxRow(out, n, model.width, i)]!);
      const probabilities: Record<string, Float64Array> = {};
      model.labels.forEach((l, k) => (probabilities[String(l)] = out.slice(k * n, (k + 1) * n)));
      return { prediction, probabilities };
    },
    model: info,
    RatchetError,
  });
}

/** The rows of a batch: every feature column given must have the same length. */
function _rowCount(columns: unknown, features: readonly Feature[]): number {
  const usage = "predictBatch(columns) takes an object of columns by feature name, " +
    "each an array with one value per row";
  if (columns === null || typeof columns !== "object" || Array.isArray(columns)) {
    throw invalid(`${usage}, not ${_kindOf(columns)}`);
  }
  let n = -1, first = "";
  for (const f of features) {
    if (!Object.hasOwn(columns, f.name)) continue; // reading the features says which one lacks
    const col = (columns as Record<string, unknown>)[f.name] as { length?: unknown } | null;
    if (col === null || typeof col !== "object" || typeof col.length !== "number") {
      throw invalid(`${usage}: column ${JSON.stringify(f.name)} is ${_kindOf(col)}`);
    }
    if (n < 0) [n, first] = [col.length, f.name];
    else if (col.length !== n) {
      throw invalid(
        `${usage}: column ${JSON.stringify(f.name)} has ${col.length} values but ${
          JSON.stringify(first)
        } has ${n}`,
      );
    }
  }
  return Math.max(n, 0);
}

function _kindOf(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}

/**
 * This module's definitions as `predictor.js` embeds them, with the core
 * code they call (see `jsSource` in core/contract).
 *
 * @example
 * ```ts
 * import { BUNDLE_API_JS } from "./bundle_api.ts";
 * if (typeof BUNDLE_API_JS.bundleApi !== "function") throw new Error();
 * ```
 */
export const BUNDLE_API_JS = { compileBundledModel, bundleApi, _rowCount, _kindOf };
