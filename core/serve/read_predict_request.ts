/**
 * A v1 prediction request read from its body text: by a template learned
 * from an earlier request of the same shape when the text matches one
 * (`row_templates.ts`), else by the full path (`parseJsonText`, then
 * `predictRequest`), which learns from it. Both give the same request, and
 * the same error for a value the model refuses.
 *
 * @module
 */
import type { ScalarSpan } from "../json/mod.ts";
import { RowIdSchema } from "./api_schemas.ts";
import { featurePath, type PredictRequest, predictRequest } from "./predict_request.ts";
import { parseJsonText } from "./read_json_body.ts";
import { checkRows } from "./row_schema.ts";
import { RowTemplates } from "./row_templates.ts";
import type { ServedModel } from "./served_model.ts";
import type { ServiceLimits } from "./service_limits.ts";

/** The templates of v1 requests learned by the service. */
const _templates = new RowTemplates<undefined>();

/** `{"features": {name: value}}`: the value of each feature is a slot. */
const _featureAt = (path: ScalarSpan["path"]) =>
  path.length === 2 && path[0] === "features" ? String(path[1]) : undefined;

/**
 * The prediction request in `text`, checked against `served` (see
 * `predictRequest` for what is refused). `templates` are the service's own
 * unless a test gives others.
 *
 * @example
 * ```ts
 * import { readPredictRequest } from "./read_predict_request.ts";
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
 * let n = 0;
 * const newId = () => `r${++n}`;
 * const first = readPredictRequest('{"features": {"x": 1}}', served, DEFAULT_LIMITS, newId);
 * const second = readPredictRequest('{"features": {"x": 2.5}}', served, DEFAULT_LIMITS, newId);
 * if (first.rows[0]!.x !== 1 || second.rows[0]!.x !== 2.5 || second.ids[0] !== "r2") throw new Error();
 * let msg = "";
 * try { readPredictRequest('{"features": {"x": "2"}}', served, DEFAULT_LIMITS, newId); }
 * catch (e) { msg = String(e); }
 * if (!msg.includes('$.features.x: expected a finite number or null, found "2"')) throw new Error(msg);
 * ```
 */
export function readPredictRequest(
  text: string,
  served: ServedModel,
  limits: ServiceLimits,
  newId: () => string,
  templates: RowTemplates<undefined> = _templates,
): PredictRequest {
  const hit = templates.match(served, text);
  // A client's own id is a slot too, checked as the full path checks it (which says why not).
  if (hit !== undefined && (hit.id === undefined || RowIdSchema.safeParse(hit.id).success)) {
    const rows = [hit.row], id = hit.id as string | undefined;
    checkRows(served.rows, rows, featurePath, `${served.name}@${served.version}`);
    return { rows, ids: [id ?? newId()], single: true, label: featurePath };
  }
  const body = parseJsonText(text, limits);
  const request = predictRequest(body, served, limits.maxRows, newId);
  if (request.single) {
    const id = (body as { id?: string }).id;
    templates.learn(served, text, request.rows[0]!, _featureAt, undefined, id);
  }
  return request;
}
