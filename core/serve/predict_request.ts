/**
 * The v1 prediction request, `{"features": {…}}` or `{"rows": [{…}, …]}`,
 * checked in order of cost: its envelope, the row count against the limit,
 * then every row against the model's schema.
 *
 * @module
 */
import { invalid, RatchetError } from "../errors/mod.ts";
import { formatPath } from "../json/mod.ts";
import { PredictRowRequestSchema, PredictRowsRequestSchema } from "./api_schemas.ts";
import { parseBody } from "./parse_body.ts";
import { checkRows, type FieldLabel } from "./row_schema.ts";
import type { ServedModel } from "./served_model.ts";

/** A checked prediction request. */
export interface PredictRequest {
  /** The rows, each checked against the model's schema. */
  readonly rows: readonly Record<string, unknown>[];
  /** One id per row: the client's, or fresh ones. */
  readonly ids: readonly string[];
  /** True for `{"features": …}` (answered with one object), false for `{"rows": …}`. */
  readonly single: boolean;
  /** How errors name a row's fields: `$.features.x` or `$.rows[2].x`. */
  readonly label: FieldLabel;
}

const _HINT = 'send {"features": {…}} for one row or {"rows": [{…}, …]} for several';

const _rowPath: FieldLabel = (i, key) =>
  formatPath(key === undefined ? ["rows", i] : ["rows", i, key]);
/** How errors name the fields of a `{"features": …}` request: `$.features.x`. */
export const featurePath: FieldLabel = (_i, key) =>
  formatPath(key === undefined ? ["features"] : ["features", key]);

/**
 * Checks a parsed v1 body for `served`. `newId` makes the ids of rows the
 * client gave none.
 *
 * @example
 * ```ts ignore
 * const { rows, ids } = predictRequest({ features: { x: 1 } }, served, 1000, () => "id-1");
 * ```
 */
export function predictRequest(
  body: unknown,
  served: ServedModel,
  maxRows: number,
  newId: () => string,
): PredictRequest {
  const model = `${served.name}@${served.version}`;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalid(`$: expected a JSON object; ${_HINT}`);
  }
  if (!("rows" in body)) {
    const { id, features } = parseBody(PredictRowRequestSchema, body, _HINT);
    checkRows(served.rows, [features], featurePath, model);
    return { rows: [features], ids: [id ?? newId()], single: true, label: featurePath };
  }
  const count = Array.isArray(body.rows) ? body.rows.length : 0;
  if (count > maxRows) {
    throw new RatchetError(
      "too_large",
      `$.rows: ${count} rows, over the limit of ${maxRows} per request: split them into several requests`,
    );
  }
  const { ids, rows } = parseBody(PredictRowsRequestSchema, body, _HINT);
  if (ids !== undefined && ids.length !== rows.length) {
    throw invalid(`$.ids: ${ids.length} ids for ${rows.length} rows; give one id per row`);
  }
  checkRows(served.rows, rows, _rowPath, model);
  return { rows, ids: ids ?? rows.map(() => newId()), single: false, label: _rowPath };
}
