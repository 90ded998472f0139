/**
 * Prediction with Gaussian naive Bayes, in scikit-learn 1.2's arithmetic
 * order (`GaussianNB._joint_log_likelihood`, then `predict_proba` through
 * scipy's `logsumexp`), so probabilities agree to the last few bits.
 *
 * @module
 */
import type { ModelShape, Predictor } from "../../core/contract/mod.ts";
import type { GaussianNBCoefficients } from "./coefficients.ts";
import { pairwiseSum } from "../../core/numeric/mod.ts";

/**
 * Compiles validated coefficients into a predictor whose outputs are the
 * class probabilities in label order.
 *
 * @example
 * ```ts
 * import { compilePredictor } from "./predictor.ts";
 * const shape = { task: "binary", inputs: ["x"], classes: 2 } as const;
 * const predictor = compilePredictor(
 *   { class_prior: [0.5, 0.5], theta: [[0], [2]], var: [[1], [1]] },
 *   shape,
 * );
 * const p = predictor.predictRow([1]); // halfway between the means
 * if (Math.abs(p[0]! - 0.5) > 1e-15 || Math.abs(p[1]! - 0.5) > 1e-15) throw new Error(String(p));
 * const batch = predictor.predictBatch([new Float64Array([1, 3])], 2);
 * if (batch[2] !== p[1] || !(batch[3]! > 0.5)) throw new Error(String(batch));
 * ```
 */
export function compilePredictor(
  coefficients: GaussianNBCoefficients,
  shape: ModelShape,
): Predictor {
  const k = coefficients.class_prior.length;
  const p = shape.inputs.length;
  const theta = new Float64Array(k * p);
  const variance = new Float64Array(k * p);
  const logPrior = new Float64Array(k);
  // -0.5 * Σ_j log(2π var_kj) does not depend on the row.
  const normaliser = new Float64Array(k);
  const logTerms = new Float64Array(p);
  for (let c = 0; c < k; c++) {
    logPrior[c] = Math.log(coefficients.class_prior[c]!);
    for (let j = 0; j < p; j++) {
      theta[c * p + j] = coefficients.theta[c]![j]!;
      variance[c * p + j] = coefficients.var[c]![j]!;
      logTerms[j] = Math.log(2.0 * Math.PI * coefficients.var[c]![j]!);
    }
    normaliser[c] = -0.5 * pairwiseSum(logTerms, 0, p);
  }
  // Scratch buffers shared by every call: prediction is synchronous, so no
  // two calls interleave.
  const x = new Float64Array(p);
  const terms = new Float64Array(p);
  const jll = new Float64Array(k);
  const shifted = new Float64Array(k);

  // Both paths copy the row into `x` and go through here, so they agree bit for bit.
  const predictInto = (out: Float64Array, offset: number, stride: number): void => {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const base = c * p;
      for (let j = 0; j < p; j++) {
        const d = x[j]! - theta[base + j]!;
        terms[j] = (d * d) / variance[base + j]!;
      }
      const v = logPrior[c]! + (normaliser[c]! - 0.5 * pairwiseSum(terms, 0, p));
      jll[c] = v;
      if (v > max) max = v;
    }
    // scipy's logsumexp: shift by the maximum unless it is infinite.
    if (!Number.isFinite(max)) max = 0;
    for (let c = 0; c < k; c++) shifted[c] = Math.exp(jll[c]! - max);
    const logTotal = Math.log(pairwiseSum(shifted, 0, k)) + max;
    for (let c = 0; c < k; c++) out[offset + c * stride] = Math.exp(jll[c]! - logTotal);
  };

  return {
    width: k,
    predictBatch(
      columns: readonly Float64Array[],
      n: number,
      out = new Float64Array(k * n),
    ): Float64Array {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < p; j++) x[j] = columns[j]![i]!;
        predictInto(out, i, n);
      }
      return out;
    },
    predictRow(row: ArrayLike<number>, out = new Float64Array(k)): Float64Array {
      for (let j = 0; j < p; j++) x[j] = row[j]!;
      predictInto(out, 0, 1);
      return out;
    },
  };
}
