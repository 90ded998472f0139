/**
 * An Open Inference Protocol (v2) request read from its body text: by a
 * template learned from an earlier request of the same shape when the text
 * matches one (`row_templates.ts`), else by the full path
 * (`parseJsonText`, `inferRequest`, `inferRows`), which learns from it.
 * Both give the same rows, and the same error for a value the model refuses.
 *
 * @module
 */
import type { ScalarSpan } from "../json/mod.ts";
import { RowIdSchema } from "./api_schemas.ts";
import { inferRequest } from "./infer_request.ts";
import { inferRows } from "./inference_v2.ts";
import { parseJsonText } from "./read_json_body.ts";
import { checkRows, type FieldLabel } from "./row_schema.ts";
import { RowTemplates } from "./row_templates.ts";
import type { ServedModel } from "./served_model.ts";
import type { ServiceLimits } from "./service_limits.ts";

/** The rows of an inference request, and what its envelope asked for. */
export interface InferInput {
  /** The rows, checked against the model. */
  readonly rows: Record<string, unknown>[];
  /** How errors name the rows' fields (`$.inputs[2].data[0]`). */
  readonly label: FieldLabel;
  /** The request's id, if it gave one. */
  readonly id: string | undefined;
  /** The outputs it asked for, if it named any. */
  readonly wanted: readonly string[] | undefined;
}

/** What a template of an inference request keeps of the request it was learned from. */
export interface InferTemplateMeta {
  readonly label: FieldLabel;
  readonly wanted: readonly string[] | undefined;
}

/** The templates of v2 requests learned by the service. */
const _templates = new RowTemplates<InferTemplateMeta>();

/**
 * The rows of the inference request in `text`, checked against `served`
 * (see `inferRequest` and `inferRows` for what is refused). `templates`
 * are the service's own unless a test gives others.
 *
 * @example
 * ```ts
 * import { readInferRequest } from "./read_infer_request.ts";
 * import { DEFAULT_LIMITS } from "./service_limits.ts";
 * import { serveModel } from "./served_model.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const served = serveModel(compileModel({
 *   format: "ratchet.model/v1", name: "m", version: 1,
 *   plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" }, preprocessing: [],
 *   coefficients: { intercept: 1, weights: [2] }, hyperparameters: {},
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, new PluginRegistry([linear])));
 * const body = (x: string) => `{"inputs": [{"name": "x", "shape": [1], "datatype": "FP64", "data": [${x}]}]}`;
 * const first = readInferRequest(body("1"), served, DEFAULT_LIMITS);
 * const second = readInferRequest(body("-0.5"), served, DEFAULT_LIMITS);
 * if (first.rows[0]!.x !== 1 || second.rows[0]!.x !== -0.5 || second.id !== undefined) throw new Error();
 * let msg = "";
 * try { readInferRequest(body("true"), served, DEFAULT_LIMITS); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.inputs[0].data[0]: expected a finite number or null, found true")) throw new Error(msg);
 * ```
 */
export function readInferRequest(
  text: string,
  served: ServedModel,
  limits: ServiceLimits,
  templates: RowTemplates<InferTemplateMeta> = _templates,
): InferInput {
  const hit = templates.match(served, text);
  // A client's own id is a slot too, checked as the full path checks it (which says why not).
  if (hit !== undefined && (hit.id === undefined || RowIdSchema.safeParse(hit.id).success)) {
    const rows = [hit.row], { label, wanted } = hit.meta;
    checkRows(served.rows, rows, label, `${served.name}@${served.version}`);
    return { rows, label, id: hit.id as string | undefined, wanted };
  }
  const request = inferRequest(parseJsonText(text, limits));
  const { rows, label } = inferRows(served, request, limits.maxRows);
  const wanted = request.outputs?.map((o) => o.name);
  if (rows.length === 1) {
    const names = request.inputs.map((input) => input.name);
    // `"data": [v]` or `[[v]]`: the one value of tensor k is feature names[k]'s slot.
    const featureAt = (path: ScalarSpan["path"]) =>
      path[0] === "inputs" && path[2] === "data" && path[3] === 0 &&
        (path.length === 4 || (path.length === 5 && path[4] === 0))
        ? names[path[1] as number]
        : undefined;
    templates.learn(served, text, rows[0]!, featureAt, { label, wanted }, request.id);
  }
  return { rows, label, id: request.id, wanted };
}
