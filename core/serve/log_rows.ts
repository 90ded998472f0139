/**
 * Rows of the prediction log (one value per log column, in column order),
 * written into the log's column buffers when a request is answered, so
 * that the log holds typed arrays rather than every request's objects
 * until its flush. The last value, the target, is left for an outcome to
 * fill before the flush.
 *
 * @module
 */
import { argmaxRow } from "../model/mod.ts";
import type { LogColumns } from "./log_columns.ts";
import type { LogSchema } from "./log_schema.ts";
import type { ServedModel } from "./served_model.ts";

/** The rows of one request, as the log receives them. */
export interface LogBatch {
  /** The version that answered. */
  readonly model: ServedModel;
  /** One id per row. */
  readonly ids: readonly string[];
  /** The rows as sent (already checked). */
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  /** The answering model's outputs, output-major. */
  readonly outputs: Float64Array;
  /** When the request arrived. */
  readonly time: Date;
  /** The challenger's outputs for the same rows, when one predicts in shadow. */
  readonly shadow?: { readonly model: ServedModel; readonly outputs: Float64Array } | undefined;
}

/**
 * Writes the rows of `batch` into `rows`, all but the target, which an
 * outcome may fill before the flush (see `LogColumns.close`).
 *
 * @example
 * ```ts ignore
 * const rows = new LogColumns(schema.columns);
 * writeRows(schema, batch, rows);
 * ```
 */
export function writeRows(schema: LogSchema, batch: LogBatch, rows: LogColumns): void {
  const m = batch.model.model, n = batch.ids.length;
  const time = batch.time.getTime();
  const features = m.preprocessor.features;
  const shadow = batch.shadow && _sameOutputs(batch.model, batch.shadow.model)
    ? batch.shadow
    : undefined;
  const width = m.task === "regression" ? 0 : m.width;
  for (let i = 0; i < n; i++) {
    rows.begin(batch.ids[i]!);
    rows.number(time);
    rows.number(batch.model.version);
    const row = batch.rows[i]!;
    for (const f of features) {
      const v = row[f.name];
      if (v === null || v === undefined) {
        f.type === "number" || f.type === "boolean" ? rows.number(NaN) : rows.text(undefined);
      } else if (f.type === "number") rows.number(v as number);
      else if (f.type === "boolean") rows.number(v === true || v === 1 ? 1 : 0);
      else rows.text(String(v));
    }
    _outputs(schema, batch.model, batch.outputs, n, i, rows);
    if (shadow) {
      rows.number(shadow.model.version);
      _outputs(schema, shadow.model, shadow.outputs, n, i, rows);
    } else {
      rows.number(NaN);
      rows.label(undefined);
      for (let k = 0; k < width; k++) rows.number(NaN);
    }
  }
}

/** The prediction, then each class probability, of row `i`. */
function _outputs(
  schema: LogSchema,
  served: ServedModel,
  outputs: Float64Array,
  n: number,
  i: number,
  rows: LogColumns,
): void {
  const m = served.model;
  if (m.task === "regression") return rows.number(outputs[i]!);
  rows.label(schema.label(m.labels[argmaxRow(outputs, n, m.width, i)]!));
  for (let k = 0; k < m.width; k++) rows.number(outputs[k * n + i]!);
}

/** Whether a challenger's outputs fit the champion's columns: same task, same labels in order. */
function _sameOutputs(a: ServedModel, b: ServedModel): boolean {
  return a.model.task === b.model.task && a.model.labels.length === b.model.labels.length &&
    a.model.labels.every((l, k) => l === b.model.labels[k]);
}
