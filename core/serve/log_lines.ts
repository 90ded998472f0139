/**
 * Rows of the prediction log as JSON Lines text (one value per log column,
 * in column order), made when a request is answered so that the log holds
 * bytes rather than every request's objects until its flush. Each line is
 * kept open before its last value, the target, which an outcome may fill
 * before the line is written.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import { argmaxRow } from "../model/mod.ts";
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
 * The log lines of `batch`, each open before the target's value, which
 * {@linkcode targetJson} gives once the outcome is known (or not).
 *
 * @example
 * ```ts ignore
 * const open = openLines(logSchema(served), batch);
 * const text = open.map((line) => line + targetJson(schema, undefined) + "}\n").join("");
 * ```
 */
export function openLines(schema: LogSchema, batch: LogBatch): string[] {
  const m = batch.model.model, n = batch.ids.length;
  const time = _timeJson(batch.time);
  const features = m.preprocessor.features;
  const keys = schema.keys;
  const shadow = batch.shadow && _sameOutputs(batch.model, batch.shadow.model)
    ? batch.shadow
    : undefined;
  const width = m.task === "regression" ? 1 : 1 + m.width;
  const lines: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    let line = keys[c++] + JSON.stringify(batch.ids[i]) + keys[c++] + time + keys[c++] +
      batch.model.version;
    const row = batch.rows[i]!;
    for (const f of features) {
      const v = row[f.name];
      line += keys[c++]! + (v === null || v === undefined ? "null" : f.type === "number"
        ? v // a finite number: its text is its JSON
        : f.type === "boolean"
        ? (v === true || v === 1 ? "true" : "false")
        : JSON.stringify(String(v)));
    }
    line += _outputs(schema, batch.model, batch.outputs, n, i, keys, c);
    c += width;
    if (shadow) {
      line += keys[c]! + shadow.model.version +
        _outputs(schema, shadow.model, shadow.outputs, n, i, keys, c + 1);
    } else line += schema.noShadow;
    lines[i] = line + keys[keys.length - 1];
  }
  return lines;
}

/**
 * The JSON of an outcome in the target column of a schema: null when none
 * is known yet.
 *
 * @example
 * ```ts ignore
 * targetJson(schema, "yes"); // '"yes"'
 * ```
 */
export function targetJson(schema: LogSchema, outcome: Label | undefined): string {
  return outcome === undefined ? "null" : JSON.stringify(schema.label(outcome));
}

/** The prediction, then each class probability, of row `i`, as log text from column `c` on. */
function _outputs(
  schema: LogSchema,
  served: ServedModel,
  outputs: Float64Array,
  n: number,
  i: number,
  keys: readonly string[],
  c: number,
): string {
  const m = served.model;
  if (m.task === "regression") return keys[c]! + outputs[i]!;
  const label = schema.label(m.labels[argmaxRow(outputs, n, m.width, i)]!);
  let text = keys[c] + JSON.stringify(label);
  for (let k = 0; k < m.width; k++) text += keys[c + 1 + k]! + outputs[k * n + i]!;
  return text;
}

let _lastTime = NaN, _lastJson = "";

/** A time as the log's TIMESTAMP column reads it (UTC, no zone); requests share their millisecond. */
function _timeJson(time: Date): string {
  const ms = time.getTime();
  if (ms !== _lastTime) {
    _lastTime = ms;
    _lastJson = JSON.stringify(time.toISOString().slice(0, -1));
  }
  return _lastJson;
}

/** Whether a challenger's outputs fit the champion's columns: same task, same labels in order. */
function _sameOutputs(a: ServedModel, b: ServedModel): boolean {
  return a.model.task === b.model.task && a.model.labels.length === b.model.labels.length &&
    a.model.labels.every((l, k) => l === b.model.labels[k]);
}
