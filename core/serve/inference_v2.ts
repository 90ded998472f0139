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
import type { Feature } from "../artifact/mod.ts";
import { invalid, RatchetError } from "../errors/mod.ts";
import { jsonNumber } from "../json/mod.ts";
import { argmaxRow } from "../model/mod.ts";
import {
  DatatypeSchema,
  type InferRequestSchema,
  type InferResponseSchema,
  type ModelMetadataSchema,
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

const _NUMERIC_TYPES = DatatypeSchema.options.filter((t) => t !== "BOOL" && t !== "BYTES");
// The data types each kind of feature takes (booleans as 0/1, levels as numbers or true/false).
const _NUMERIC: ReadonlySet<string> = new Set(_NUMERIC_TYPES);
const _BOOLEAN: ReadonlySet<string> = new Set<string>([..._NUMERIC_TYPES, "BOOL"]);
const _CATEGORY: ReadonlySet<string> = new Set<string>([..._NUMERIC_TYPES, "BOOL", "BYTES"]);

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
      { name: "predict", datatype: _plan(served).labelType, shape: [-1] },
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
 * `$.inputs[k].data[i]`). Each row's keys come in the model's feature
 * order, whatever the order of the tensors.
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
  const plan = _plan(served);
  const { names, index } = plan;
  const inputs = request.inputs, width = names.length;
  // By feature: its tensor's values, and the tensor's place in the request.
  const columns: (readonly unknown[] | undefined)[] = new Array(width);
  const tensorOf: number[] = new Array(width);
  let ordered = true, n = -1;
  for (let k = 0; k < inputs.length; k++) {
    const input = inputs[k]!;
    const f = index.get(input.name);
    if (f === undefined) {
      throw invalid(
        `${_at(k, input)}: unknown input; ${plan.model} takes one tensor per feature: ${
          names.join(", ")
        }`,
      );
    }
    if (columns[f] !== undefined) {
      throw invalid(`${_at(k, input)}: a second tensor for the same feature`);
    }
    if (!plan.accepts[f]!.has(input.datatype)) {
      throw invalid(
        `${_at(k, input)}: datatype ${input.datatype} does not fit a ${
          plan.features[f]!.type
        } feature; send ${plan.send[f]}`,
      );
    }
    const data = _flat(input.data), shape = input.shape;
    if (shape.length > 2 || (shape.length === 2 && shape[1] !== 1)) {
      throw invalid(
        `${_at(k, input)}: shape [${shape}]: a feature's tensor is [rows] or [rows, 1]`,
      );
    }
    let size = 1;
    for (let j = 0; j < shape.length; j++) size *= shape[j]!;
    if (size !== data.length) {
      throw invalid(
        `${_at(k, input)}: shape [${shape}] holds ${size} values, data has ${data.length}`,
      );
    }
    if (n >= 0 && data.length !== n) {
      throw invalid(`${_at(k, input)}: ${data.length} rows, but the tensors before have ${n}`);
    }
    n = data.length;
    columns[f] = data;
    tensorOf[f] = k;
    if (f !== k) ordered = false;
  }
  // Every tensor named a different feature, so fewer tensors than features means some are missing.
  if (inputs.length < width) {
    const missing = names.filter((_, f) => columns[f] === undefined);
    throw invalid(
      `$.inputs: no tensor for ${missing.map((name) => JSON.stringify(name)).join(", ")}; ` +
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
  const rows: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    // Keys set in one fixed order give every row the same hidden class.
    const row: Record<string, unknown> = {};
    for (let f = 0; f < width; f++) row[names[f]!] = columns[f]![i];
    rows[i] = row;
  }
  const label: FieldLabel = ordered
    ? plan.ordered
    : (i, key) =>
      key === undefined ? `$.inputs row ${i}` : `$.inputs[${tensorOf[index.get(key)!]}].data[${i}]`;
  checkRows(served.rows, rows, label, plan.model);
  return { rows, label };
}

/**
 * The inference response for `n` rows of outputs (output-major) as JSON
 * text, with only the outputs `requested` when the request named some (400
 * for a name the model has not). It is written out by hand: the same text
 * `JSON.stringify` makes of an `InferResponse`, without building the object
 * tree first.
 *
 * @example
 * ```ts ignore
 * const text = inferResponse(served, "req-1", served.predict(rows), rows.length, undefined);
 * const body: InferResponse = JSON.parse(text);
 * ```
 */
export function inferResponse(
  served: ServedModel,
  id: string,
  outputs: Float64Array,
  n: number,
  requested: readonly string[] | undefined,
): string {
  const plan = _plan(served), m = served.model, width = m.width;
  let predict = true, proba = plan.outputs.length > 1;
  if (requested !== undefined && requested.length > 0) {
    for (const name of requested) {
      if (!plan.outputs.includes(name)) {
        throw invalid(
          `$.outputs: unknown output ${JSON.stringify(name)}; outputs: ${plan.outputs.join(", ")}`,
        );
      }
    }
    predict = requested.includes("predict");
    proba = requested.includes("predict_proba");
  }
  let text = `${plan.head}${JSON.stringify(id)},"outputs":[`;
  if (predict) {
    text += `{"name":"predict","shape":[${n}],"datatype":"${plan.labelType}","data":[`;
    for (let i = 0; i < n; i++) {
      if (i > 0) text += ",";
      text += m.task === "regression"
        ? jsonNumber(outputs[i]!)
        : plan.labelJson[argmaxRow(outputs, n, width, i)];
    }
    text += "]}";
  }
  if (proba) {
    if (predict) text += ",";
    text += `{"name":"predict_proba","shape":[${n},${width}],"datatype":"FP64","data":[`;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < width; k++) {
        if (i + k > 0) text += ",";
        text += jsonNumber(outputs[k * n + i]!);
      }
    }
    text += "]}";
  }
  return text + "]}";
}

/** What every request to a served model would otherwise work out again. */
interface _Plan {
  readonly features: readonly Feature[];
  readonly names: readonly string[];
  /** Feature name → its place in `features`. */
  readonly index: ReadonlyMap<string, number>;
  /** By feature: the data types its tensor may have, and the one to suggest. */
  readonly accepts: readonly ReadonlySet<string>[];
  readonly send: readonly Datatype[];
  /** `name@version`, as errors name the model. */
  readonly model: string;
  /** The response's text up to its id: `{"model_name":…,"model_version":…,"id":`. */
  readonly head: string;
  readonly outputs: readonly string[];
  readonly labelType: Datatype;
  /** Each label as JSON, in label order. */
  readonly labelJson: readonly string[];
  /** Labels fields when tensor k is feature k, as clients mostly send them. */
  readonly ordered: FieldLabel;
}

// A served model never changes (a new version is a new object), so its plan holds for its life.
const _plans = new WeakMap<ServedModel, _Plan>();

function _plan(served: ServedModel): _Plan {
  const known = _plans.get(served);
  if (known !== undefined) return known;
  const features = served.model.preprocessor.features;
  const index = new Map(features.map((f, i) => [f.name, i]));
  const plan: _Plan = {
    features,
    names: features.map((f) => f.name),
    index,
    accepts: features.map((f) =>
      f.type === "number" ? _NUMERIC : f.type === "boolean" ? _BOOLEAN : _CATEGORY
    ),
    send: features.map((f) =>
      f.type === "number" ? "FP64" : f.type === "boolean" ? "BOOL" : "BYTES"
    ),
    model: `${served.name}@${served.version}`,
    head: `{"model_name":${JSON.stringify(served.name)},"model_version":${
      JSON.stringify(String(served.version))
    },"id":`,
    outputs: served.model.task === "regression" ? ["predict"] : ["predict", "predict_proba"],
    labelType: _labelType(served),
    labelJson: served.model.labels.map((l) => JSON.stringify(l)),
    ordered: (i, key) =>
      key === undefined ? `$.inputs row ${i}` : `$.inputs[${index.get(key)}].data[${i}]`,
  };
  _plans.set(served, plan);
  return plan;
}

/** Names tensor `k` in errors: `$.inputs[2] ("wind")`. */
function _at(k: number, input: { readonly name: string }): string {
  return `$.inputs[${k}] (${JSON.stringify(input.name)})`;
}

/** The values of a tensor sent flat (`[1, 2]`) or nested (`[[1], [2]]`). */
function _flat(data: readonly unknown[]): readonly unknown[] {
  for (let i = 0; i < data.length; i++) if (Array.isArray(data[i])) return data.flat();
  return data;
}

function _labelType(served: ServedModel): Datatype {
  const labels = served.model.labels;
  if (served.model.task === "regression" || labels.every((l) => typeof l === "number")) {
    return "FP64";
  }
  return labels.every((l) => typeof l === "boolean") ? "BOOL" : "BYTES";
}
