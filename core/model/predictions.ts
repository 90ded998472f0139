/**
 * From a predictor's numbers to what users read: the predicted label (or
 * value) and the class probabilities.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import type { CompiledModel } from "./compile_model.ts";

/** One row's prediction as `predict --format json` prints it. */
export interface Prediction {
  /** The predicted value (regression) or the most probable class label. */
  prediction: Label;
  /** Each class's probability, keyed by its label as text (classifiers only). */
  probabilities?: Record<string, number>;
}

/**
 * Index of the largest probability of row `i` (the first one on ties, like
 * numpy's argmax).
 *
 * @example
 * ```ts
 * import { argmaxRow } from "./predictions.ts";
 * if (argmaxRow(Float64Array.of(0.2, 0.5, 0.8, 0.5), 2, 2, 0) !== 1) throw new Error();
 * ```
 */
export function argmaxRow(outputs: Float64Array, n: number, width: number, i: number): number {
  let best = 0;
  let bestValue = outputs[i]!;
  for (let k = 1; k < width; k++) {
    const v = outputs[k * n + i]!;
    if (v > bestValue) {
      best = k;
      bestValue = v;
    }
  }
  return best;
}

/**
 * Row `i` of a batch's outputs as a {@linkcode Prediction}.
 *
 * @example
 * ```ts
 * import { predictionOf } from "./predictions.ts";
 * const model = { task: "binary", labels: ["no", "yes"], width: 2 } as const;
 * const p = predictionOf(model, Float64Array.of(0.8, 0.3, 0.2, 0.7), 2, 1);
 * if (p.prediction !== "yes" || p.probabilities?.yes !== 0.7) throw new Error();
 * ```
 */
export function predictionOf(
  model: Pick<CompiledModel, "task" | "labels" | "width">,
  outputs: Float64Array,
  n: number,
  i: number,
): Prediction {
  if (model.task === "regression") return { prediction: outputs[i]! };
  const probabilities: Record<string, number> = {};
  for (let k = 0; k < model.width; k++) {
    probabilities[String(model.labels[k])] = outputs[k * n + i]!;
  }
  return { prediction: model.labels[argmaxRow(outputs, n, model.width, i)]!, probabilities };
}
