/**
 * `predictor.js`: a model as a self-contained, dependency-free ES module.
 *
 * @module
 */
import { jsLiteral, jsSource } from "../contract/mod.ts";
import { RATCHET_ERROR_JS, RatchetError } from "../errors/mod.ts";
import { predictOne } from "../fixtures/mod.ts";
import { formatPath } from "../json/mod.ts";
import {
  argmaxRow,
  type CompiledModel,
  compileModel,
  predictionOf,
  targetClasses,
} from "../model/mod.ts";
import {
  COMPILE_STEP_JS,
  FEATURE_COLUMN_JS,
  LEVEL_LOOKUP_JS,
  PREPROCESSOR_JS,
} from "../preprocess/mod.ts";
import { TABLE_JS } from "../table/mod.ts";
import { BUNDLE_API_JS } from "./bundle_api.ts";

/** The core code a bundle's predictor runs, by name. */
const _RUNTIME = [
  RATCHET_ERROR_JS,
  { formatPath },
  TABLE_JS,
  LEVEL_LOOKUP_JS,
  FEATURE_COLUMN_JS,
  COMPILE_STEP_JS,
  PREPROCESSOR_JS,
  { targetClasses, compileModel, argmaxRow, predictionOf, predictOne },
  BUNDLE_API_JS,
];

/**
 * The source of `predictor.js` for a published model: ratchet's own
 * preprocessing, model and API code (see `bundle_api.ts`) and the plugin's
 * `toJS` predictor with its coefficients, in one module without imports,
 * exporting `predict`, `predictBatch`, `model` and `RatchetError`. Refuses
 * a plugin without `toJS`.
 *
 * @example
 * ```ts
 * import { predictorSource } from "./predictor_source.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const model = compileModel({
 *   format: "ratchet.model/v1", name: "temp", version: 1, sha256: "0".repeat(64),
 *   plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" }, preprocessing: [],
 *   coefficients: { intercept: 1, weights: [2] }, hyperparameters: {},
 *   provenance: { created: "2026-01-01", source: "example" },
 * }, new PluginRegistry([linear]));
 * const url = `data:text/javascript,${encodeURIComponent(predictorSource(model))}`;
 * const { predict } = await import(url);
 * if (predict({ x: 3 }).prediction !== 7) throw new Error();
 * ```
 */
export function predictorSource(model: CompiledModel): string {
  const { plugin, artifact } = model;
  if (!plugin.toJS) {
    throw new RatchetError(
      "unsupported",
      `Cannot export ${model.label}: its plugin ${plugin.id} (${plugin.version}) has no JavaScript form ` +
        "(toJS), which the bundle's predictor.js is made of",
    );
  }
  const predictor = plugin.toJS(plugin.parse(artifact.coefficients, model.shape), model.shape);
  // The coefficients live in the predictor; the rest of the artifact drives preprocessing.
  const { coefficients: _, hyperparameters: __, ...rest } = artifact;
  const bundled = {
    id: plugin.id,
    version: plugin.version,
    handlesMissing: plugin.tags.handles_missing,
  };
  return `// @ts-self-types="./predictor.d.ts"
// ${model.label}: the ${plugin.id} ${plugin.version} model of ${
    JSON.stringify(artifact.target.name)
  }, exported by ratchet.
// A self-contained ES module without imports: ratchet's own preprocessing and prediction
// code with the model's coefficients. Generated: do not edit (manifest.json holds its SHA-256).
const { predict, predictBatch, model, RatchetError } = (() => {
"use strict";
${jsSource(..._RUNTIME)}
const predictor = ${predictor};
return bundleApi(compileBundledModel(${jsLiteral({ ...rest, coefficients: null })}, ${
    jsLiteral(bundled)
  }, predictor));
})();
export { model, predict, predictBatch, RatchetError };
`;
}
