/**
 * Prediction with boosted trees, in scikit-learn 1.2's order.
 *
 * @module
 */
import type { ModelShape, Predictor } from "../../core/contract/mod.ts";
import { FlatForest } from "../decision_tree/mod.ts";
import type { BoostingLink, GradientBoostingCoefficients } from "./boosting_coefficients.ts";

/**
 * Compiles boosted trees: raw scores start at `init` and each stage adds
 * `learning_rate × tree(x)` in stage order (the product computed once per
 * leaf, the same double as scikit-learn's `scale * value`), then the link
 * gives the value or the class probabilities. A binary model's raw score
 * is kept in output 1 until the link turns it into `[1 - p, p]`.
 *
 * @example
 * ```ts
 * import { boostingPredictor } from "./boosting_predictor.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const leaf = (v: number) => ({ left: [-1], right: [-1], feature: [-2], threshold: [-2], value: [[v]] });
 * const p = boostingPredictor({ link: "identity", init: [1], learning_rate: 0.5, stages: [[leaf(2)], [leaf(4)]] }, shape);
 * if (p.predictRow([0])[0] !== 4) throw new Error();
 * ```
 */
export function boostingPredictor(
  coefficients: GradientBoostingCoefficients,
  shape: ModelShape,
): Predictor {
  const { link, init, stages } = coefficients;
  const width = shape.task === "regression" ? 1 : shape.classes;
  const m = init.length;
  const offset = link === "logistic" || link === "exponential" ? 1 : 0;
  const trees = stages.flat();
  const slots = trees.map((_, t) => offset + (t % m));
  const forest = new FlatForest(trees, 1, shape.inputs.length, {
    slots,
    scale: coefficients.learning_rate,
  });
  const scratch = new Float64Array(width);
  const start = (out: Float64Array, n: number) => {
    for (let k = 0; k < m; k++) out.fill(init[k]!, (offset + k) * n, (offset + k + 1) * n);
  };
  return {
    width,
    predictBatch(columns, n, out = new Float64Array(width * n)) {
      start(out, n);
      forest.addBatch(columns, n, out);
      for (let i = 0; i < n; i++) _link(link, out, n, i, width, scratch);
      return out;
    },
    predictRow(row, out = new Float64Array(width)) {
      start(out, 1);
      forest.addRow(row, out);
      _link(link, out, 1, 0, width, scratch);
      return out;
    },
  };
}

/** Applies the link to row `i` of output-major `out` (stride `n`). */
function _link(
  link: BoostingLink,
  out: Float64Array,
  n: number,
  i: number,
  width: number,
  scratch: Float64Array,
): void {
  switch (link) {
    case "identity":
      return;
    case "logistic":
    case "exponential": {
      const raw = out[n + i]!;
      const p1 = _expit(link === "logistic" ? raw : 2 * raw);
      out[n + i] = p1;
      out[i] = 1 - p1;
      return;
    }
    case "softmax": {
      // exp(raw - logsumexp(raw)), with scipy's logsumexp (shift by the maximum).
      let max = -Infinity;
      for (let k = 0; k < width; k++) max = Math.max(max, out[k * n + i]!);
      let sum = 0;
      for (let k = 0; k < width; k++) {
        scratch[k] = out[k * n + i]!;
        sum += Math.exp(scratch[k]! - max);
      }
      const lse = Math.log(sum) + max;
      for (let k = 0; k < width; k++) out[k * n + i] = Math.exp(scratch[k]! - lse);
    }
  }
}

/** scipy's expit, 1 / (1 + e^-x): exp overflows to Infinity and the result to 0, never NaN. */
function _expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * This module's definitions as the plugin's `toJS` embeds them (see
 * `jsPredictor` in core/contract), with `FLAT_FOREST_JS` and
 * `RATCHET_ERROR_JS`.
 *
 * @example
 * ```ts
 * import { BOOSTING_PREDICTOR_JS } from "./boosting_predictor.ts";
 * if (typeof BOOSTING_PREDICTOR_JS._link !== "function") throw new Error();
 * ```
 */
export const BOOSTING_PREDICTOR_JS = { boostingPredictor, _link, _expit };
