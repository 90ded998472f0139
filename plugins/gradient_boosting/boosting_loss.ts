/**
 * The losses gradient boosting fits, as scikit-learn 1.2's `_gb_losses`:
 * least squares for regression, binomial and multinomial deviance (log
 * loss) for classification.
 *
 * @module
 */
import type { ModelShape } from "../../core/contract/mod.ts";
import { pairwiseSum } from "../../core/numeric/mod.ts";
import type { BoostingLink } from "./boosting_coefficients.ts";

/** float32's machine epsilon: scikit-learn clips prior probabilities to [eps, 1 − eps]. */
const EPS32 = 1.1920928955078125e-7;

/** What a loss contributes to one boosting fit. */
export interface BoostingLoss {
  readonly link: BoostingLink;
  /** Trees per stage (raw scores per row). */
  readonly trees: number;
  /** Raw scores of the initial estimator (the mean, or the log odds of the class priors). */
  init(target: Float64Array): number[];
  /** Residuals of tree `k`: the negative gradient at the raw scores (output-major, `trees × n`). */
  negativeGradient(target: Float64Array, raw: Float64Array, k: number, out: Float64Array): void;
  /**
   * A leaf's value from the targets and residuals of its samples (a Newton
   * step), or `undefined` to keep the tree's mean residual.
   */
  leafValue?(
    target: Float64Array,
    residual: Float64Array,
    k: number,
    samples: readonly number[],
  ): number;
}

/**
 * The loss scikit-learn's GradientBoosting* uses by default for `shape`.
 *
 * @example
 * ```ts
 * import { boostingLoss } from "./boosting_loss.ts";
 * const loss = boostingLoss({ task: "binary", inputs: ["x"], classes: 2 });
 * const [raw] = loss.init(Float64Array.of(0, 1, 1, 1));
 * if (Math.abs(raw! - Math.log(3)) > 1e-15 || loss.link !== "logistic") throw new Error();
 * ```
 */
export function boostingLoss(shape: ModelShape): BoostingLoss {
  if (shape.task === "regression") {
    return {
      link: "identity",
      trees: 1,
      init: (y) => [pairwiseSum(y, 0, y.length) / y.length],
      negativeGradient: (y, raw, _k, out) => {
        for (let i = 0; i < y.length; i++) out[i] = y[i]! - raw[i]!;
      },
    };
  }
  const classes = shape.classes;
  const binary = shape.task === "binary";
  const trees = binary ? 1 : classes;
  const isClass = (y: number, k: number) => (binary ? y : y === k ? 1 : 0);
  return {
    link: binary ? "logistic" : "softmax",
    trees,
    init: (y) => {
      const counts = new Array<number>(classes).fill(0);
      for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
      const prior = counts.map((c) => Math.min(1 - EPS32, Math.max(EPS32, c / y.length)));
      return binary ? [Math.log(prior[1]! / (1 - prior[1]!))] : prior.map(Math.log);
    },
    negativeGradient: (y, raw, k, out) => {
      const n = y.length;
      for (let i = 0; i < n; i++) {
        let p: number;
        if (binary) {
          p = 1 / (1 + Math.exp(-raw[i]!));
        } else {
          let max = -Infinity, sum = 0;
          for (let c = 0; c < trees; c++) max = Math.max(max, raw[c * n + i]!);
          for (let c = 0; c < trees; c++) sum += Math.exp(raw[c * n + i]! - max);
          p = Math.exp(raw[k * n + i]! - (Math.log(sum) + max));
        }
        out[i] = isClass(y[i]!, k) - p;
      }
    },
    leafValue: (y, residual, k, samples) => {
      // np.sum of the per-sample terms, pairwise like numpy.
      const terms = new Float64Array(samples.length);
      samples.forEach((i, q) => (terms[q] = residual[i]!));
      let numerator = pairwiseSum(terms, 0, terms.length);
      samples.forEach((i, q) => {
        const r = residual[i]!, yk = isClass(y[i]!, k);
        terms[q] = (yk - r) * (1 - yk + r);
      });
      const denominator = pairwiseSum(terms, 0, terms.length);
      if (!binary) numerator *= (trees - 1) / trees;
      // scikit-learn's guard against overflow and division by zero.
      return Math.abs(denominator) < 1e-150 ? 0 : numerator / denominator;
    },
  };
}
