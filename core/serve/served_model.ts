/**
 * A model version as the service holds it: compiled once, with the schema
 * its request rows must match and its preprocessing compiled for single
 * rows. Versions are immutable, so a served model never changes; a
 * champion swap replaces the whole object.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { compileRowEncoder } from "./row_encoder.ts";
import { type FieldLabel, type RowSchema, rowSchema } from "./row_schema.ts";

/** A compiled, published model version ready for requests. */
export interface ServedModel {
  /** The model name. */
  readonly name: string;
  /** The version number. */
  readonly version: number;
  /** The compiled model. */
  readonly model: CompiledModel;
  /** The schema of its rows. */
  readonly rows: RowSchema;
  /**
   * Predicts rows already checked against `rows`: `width * n` values,
   * output-major, the same numbers as `model.predictTable`. Preprocessing
   * refusals (an unknown level, a missing value with no imputer) are 400
   * errors naming the field as `label` does; a non-finite output is a 500
   * error.
   */
  predict(rows: readonly Readonly<Record<string, unknown>>[], label?: FieldLabel): Float64Array;
}

const _label: FieldLabel = (i, key) =>
  key === undefined ? `row ${i + 1}` : `row ${i + 1}, feature ${JSON.stringify(key)}`;

/**
 * Wraps a compiled, published model version for serving.
 *
 * @example
 * ```ts
 * import { serveModel } from "./served_model.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const served = serveModel(compileModel({
 *   format: "ratchet.model/v1", name: "m", version: 3,
 *   plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" }, preprocessing: [],
 *   coefficients: { intercept: 1, weights: [2] }, hyperparameters: {},
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, new PluginRegistry([linear])));
 * if (served.version !== 3 || served.predict([{ x: 3 }])[0] !== 7) throw new Error();
 * ```
 */
export function serveModel(model: CompiledModel): ServedModel {
  const { name, version } = model.artifact;
  if (name === undefined || version === undefined) {
    throw new TypeError("serveModel needs a published model version (with a name and version)");
  }
  const encoder = compileRowEncoder(model);
  const { predictor, width } = model;
  const input = new Float64Array(encoder.width), out = new Float64Array(width);
  return {
    name,
    version,
    model,
    rows: rowSchema(model.preprocessor.features),
    predict(rows, label = _label) {
      const n = rows.length;
      const outputs = new Float64Array(width * n);
      for (let i = 0; i < n; i++) {
        encoder.encode(rows[i]!, input, label, i);
        const values = predictor.predictRow(input, out);
        for (let k = 0; k < width; k++) {
          const v = values[k]!;
          if (v - v !== 0) {
            throw new RatchetError(
              "internal",
              `${model.label} produced a non-finite value (${v}) for ${label(i)}; ` +
                `the model is unusable on this input`,
            );
          }
          outputs[k * n + i] = v;
        }
      }
      return outputs;
    },
  };
}
