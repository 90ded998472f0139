/**
 * The JSON text of a single-row v1 prediction, written from parts worked
 * out once per served model version rather than by building an object and
 * `JSON.stringify`-ing it on every request: the same text, character for
 * character (the test compares them over many models and outputs).
 *
 * @module
 */
import { jsonNumber } from "../json/mod.ts";
import { argmaxRow, predictionOf } from "../model/mod.ts";
import type { ServedModel } from "./served_model.ts";

/** What every response of a served model repeats. */
interface _Plan {
  /** `{"model":…,"version":…,"id":`. */
  readonly head: string;
  /** Each label as JSON, by output. */
  readonly labels: readonly string[];
  /** The probabilities' keys as JSON with their colon, in the object's key order. */
  readonly keys: readonly string[];
  /** The output each key's probability comes from (the last label of that text). */
  readonly from: readonly number[];
}

const _plans = new WeakMap<ServedModel, _Plan>();

/**
 * `{"model", "version", "id", "prediction", "probabilities"}` of row `i` of
 * `outputs` (output-major, `n` rows) as JSON text: exactly
 * `JSON.stringify({ model, version, id, ...predictionOf(model, outputs, n, i) })`.
 *
 * @example
 * ```ts ignore
 * const text = predictionText(served, "req-1", served.predict([row]), 1, 0);
 * ```
 */
export function predictionText(
  served: ServedModel,
  id: string,
  outputs: Float64Array,
  n: number,
  i: number,
): string {
  let plan = _plans.get(served);
  if (plan === undefined) _plans.set(served, plan = _plan(served));
  const m = served.model;
  if (m.task === "regression") {
    return `${plan.head}${JSON.stringify(id)},"prediction":${jsonNumber(outputs[i]!)}}`;
  }
  let text = `${plan.head}${JSON.stringify(id)},"prediction":${
    plan.labels[argmaxRow(outputs, n, m.width, i)]
  },"probabilities":{`;
  for (let j = 0; j < plan.keys.length; j++) {
    if (j > 0) text += ",";
    text += plan.keys[j]! + jsonNumber(outputs[plan.from[j]! * n + i]!);
  }
  return text + "}}";
}

function _plan(served: ServedModel): _Plan {
  const m = served.model;
  // The key order of the object predictionOf builds (integer-like keys first, a repeated text
  // once, where it first came, with the last value), read off such an object.
  const probe = predictionOf(m, Float64Array.from({ length: m.width }, (_, k) => k), 1, 0);
  const keys = Object.keys(probe.probabilities ?? {});
  return {
    head: `{"model":${JSON.stringify(served.name)},"version":${
      JSON.stringify(served.version)
    },"id":`,
    labels: m.labels.map((l) => JSON.stringify(l)),
    keys: keys.map((k) => `${JSON.stringify(k)}:`),
    from: keys.map((k) => probe.probabilities![k]!),
  };
}
