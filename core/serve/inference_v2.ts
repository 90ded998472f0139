/**
 * The Open Inference Protocol (v2), as KServe and Seldon MLServer speak it,
 * for tabular models: one input tensor per feature, named after it, each
 * holding one value per row; outputs `predict` (the label or value) and,
 * for classifiers, `predict_proba` (rows × classes, row-major), as
 * scikit-learn servers name them.
 *
 * @module
 */
import type { z } from "@hono/zod-openapi";
import type { Feature, Label } from "../artifact/mod.ts";
import { invalid, RatchetError } from "../errors/mod.ts";
import { argmaxRow } from "../model/mod.ts";
import type {
  DatatypeSchema,
  InferRequestSchema,
  InferResponseSchema,
  ModelMetadataSchema,
} from "./api_schemas.ts";
import { checkRows, type FieldLabel } from "./row_schema.ts";
import type { ServedModel } from "./served_model.ts";

/** A tensor data type. */
export type Datatype = z.infer<typeof DatatypeSchema>;
/** An inference request, as validated. */
export type InferRequest = z.infer<typeof InferRequestSchema>;
/** An inference response. */
export type InferResponse = z.infer<typeof InferResponseSchema>;
/** Model metadata. */
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;

const _NUMERIC = new Set<Datatype>([
  "UINT8",
  "UINT16",
  "UINT32",
  "UINT64",
  "INT8",
  "INT16",
  "INT32",
  "INT64",
  "FP16",
  "FP32",
  "FP64",
]);

/**
 * The model metadata: each feature an input tensor of shape `[-1]` (FP64,
 * BOOL or BYTES), and the output tensors.
 *
 * @example
 * ```ts ignore
 * const meta = modelMetadata(pool.champion("churn"), [1, 2, 3]);
 * ```
 */
export function modelMetadata(served: ServedModel, versions: readonly number[]): ModelMetadata {
  const m = served.model;
  return {
    name: served.name,
    versions: versions.map(String),
    platform: `ratchet/${m.plugin.id}`,
    inputs: m.preprocessor.features.map((f) => ({
      name: f.name,
      datatype: f.type === "number" ? "FP64" : f.type === "boolean" ? "BOOL" : "BYTES",
      shape: [-1],
    })),
    outputs: [
      { name: "predict", datatype: _labelType(served), shape: [-1] },
      ...(m.task === "regression"
        ? []
        : [{ name: "predict_proba", datatype: "FP64" as const, shape: [-1, m.width] }]),
    ],
  };
}

/**
 * The rows an inference request describes, checked: exactly one tensor per
 * feature, data types that fit the features, equal row counts within
 * `maxRows` (413 above), and every value valid for its feature (400 naming
 * `$.inputs[k].data[i]`).
 *
 * @example
 * ```ts ignore
 * const { rows, label } = inferRows(served, { inputs: [{ name: "x", shape: [2], datatype: "FP64", data: [1, 2] }] }, 1000);
 * ```
 */
export function inferRows(
  served: ServedModel,
  request: InferRequest,
  maxRows: number,
): { rows: Record<string, unknown>[]; label: FieldLabel } {
  const features = served.model.preprocessor.features;
  const byName = new Map(features.map((f) => [f.name, f]));
  const columns = new Map<string, { k: number; data: unknown[] }>();
  let n = -1;
  request.inputs.forEach((input, k) => {
    const at = `$.inputs[${k}] (${JSON.stringify(input.name)})`;
    const f = byName.get(input.name);
    if (f === undefined) {
      throw invalid(
        `${at}: unknown input; ${served.name}@${served.version} takes one tensor per feature: ${
          features.map((x) => x.name).join(", ")
        }`,
      );
    }
    if (columns.has(input.name)) throw invalid(`${at}: a second tensor for the same feature`);
    if (!_fits(f, input.datatype)) {
      throw invalid(
        `${at}: datatype ${input.datatype} does not fit a ${f.type} feature; send ${
          f.type === "number" ? "FP64" : f.type === "boolean" ? "BOOL" : "BYTES"
        }`,
      );
    }
    const data = input.data.some(Array.isArray) ? input.data.flat() : input.data;
    const size = input.shape.reduce((a, b) => a * b, 1);
    if (input.shape.length > 2 || (input.shape.length === 2 && input.shape[1] !== 1)) {
      throw invalid(`${at}: shape [${input.shape}]: a feature's tensor is [rows] or [rows, 1]`);
    }
    if (size !== data.length) {
      throw invalid(`${at}: shape [${input.shape}] holds ${size} values, data has ${data.length}`);
    }
    if (n >= 0 && data.length !== n) {
      throw invalid(`${at}: ${data.length} rows, but the tensors before have ${n}`);
    }
    n = data.length;
    columns.set(input.name, { k, data });
  });
  const missing = features.filter((f) => !columns.has(f.name));
  if (missing.length > 0) {
    throw invalid(
      `$.inputs: no tensor for ${missing.map((f) => JSON.stringify(f.name)).join(", ")}; ` +
        `send one per feature (null values when unknown)`,
    );
  }
  if (n === 0) throw invalid("$.inputs: the tensors hold no rows");
  if (n > maxRows) {
    throw new RatchetError(
      "too_large",
      `The request holds ${n} rows, over the limit of ${maxRows}: split it into several requests`,
    );
  }
  const rows: Record<string, unknown>[] = Array.from({ length: n }, () => ({}));
  for (const [name, { data }] of columns) {
    for (let i = 0; i < n; i++) rows[i]![name] = data[i];
  }
  const label: FieldLabel = (i, key) =>
    key === undefined ? `$.inputs row ${i}` : `$.inputs[${columns.get(key)!.k}].data[${i}]`;
  checkRows(served.rows, rows, label, `${served.name}@${served.version}`);
  return { rows, label };
}

/**
 * The inference response for `n` rows of outputs (output-major), with only
 * the outputs `requested` when the request named some (400 for a name the
 * model has not).
 *
 * @example
 * ```ts ignore
 * const body = inferResponse(served, "req-1", served.predict(rows), rows.length, undefined);
 * ```
 */
export function inferResponse(
  served: ServedModel,
  id: string,
  outputs: Float64Array,
  n: number,
  requested: readonly string[] | undefined,
): InferResponse {
  const m = served.model;
  const names = m.task === "regression" ? ["predict"] : ["predict", "predict_proba"];
  for (const name of requested ?? []) {
    if (!names.includes(name)) {
      throw invalid(
        `$.outputs: unknown output ${JSON.stringify(name)}; outputs: ${names.join(", ")}`,
      );
    }
  }
  const wanted = requested && requested.length > 0 ? requested : names;
  const tensors: InferResponse["outputs"] = [];
  if (wanted.includes("predict")) {
    const data: Label[] = new Array(n);
    for (let i = 0; i < n; i++) {
      data[i] = m.task === "regression"
        ? outputs[i]!
        : m.labels[argmaxRow(outputs, n, m.width, i)]!;
    }
    tensors.push({ name: "predict", shape: [n], datatype: _labelType(served), data });
  }
  if (wanted.includes("predict_proba")) {
    const data: number[] = new Array(n * m.width);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < m.width; k++) data[i * m.width + k] = outputs[k * n + i]!;
    }
    tensors.push({ name: "predict_proba", shape: [n, m.width], datatype: "FP64", data });
  }
  return {
    model_name: served.name,
    model_version: String(served.version),
    id,
    outputs: tensors,
  };
}

function _fits(f: Feature, datatype: Datatype): boolean {
  if (f.type === "number") return _NUMERIC.has(datatype);
  if (f.type === "boolean") return datatype === "BOOL" || _NUMERIC.has(datatype);
  return datatype === "BYTES" || datatype === "BOOL" || _NUMERIC.has(datatype);
}

function _labelType(served: ServedModel): Datatype {
  const labels = served.model.labels;
  if (served.model.task === "regression" || labels.every((l) => typeof l === "number")) {
    return "FP64";
  }
  return labels.every((l) => typeof l === "boolean") ? "BOOL" : "BYTES";
}
