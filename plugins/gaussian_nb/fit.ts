/**
 * Fitting Gaussian naive Bayes as scikit-learn 1.2's `GaussianNB.fit` does,
 * in the same summation order, so the coefficients agree to the last bits.
 *
 * @module
 */
import type { Params, ParamSpace, TrainingData } from "../../core/contract/mod.ts";
import { invalid } from "../../core/errors/mod.ts";
import type { GaussianNBCoefficients } from "./coefficients.ts";
import { columnSum } from "../../core/numeric/mod.ts";

/** The hyperparameters of {@linkcode fitGaussianNB}. */
export const GAUSSIAN_NB_PARAMS: ParamSpace = {
  var_smoothing: {
    type: "float",
    default: 1e-9,
    min: 0,
    description: "fraction of the largest input variance added to every variance, for stability",
    search: { min: 1e-12, max: 1e-1, log: true },
  },
};

/**
 * Learns per-class means, variances (biased, plus `var_smoothing` × the
 * largest variance of any input over all rows) and class frequencies.
 *
 * A class without training rows keeps scikit-learn's `partial_fit` values:
 * prior 0, means 0, variances equal to the smoothing; the model never
 * predicts it.
 *
 * @example
 * ```ts
 * import { fitGaussianNB } from "./fit.ts";
 * const c = fitGaussianNB({
 *   shape: { task: "binary", inputs: ["x"], classes: 2 },
 *   columns: [new Float64Array([0, 2, 10, 14])],
 *   n: 4,
 *   target: new Float64Array([0, 0, 1, 1]),
 * }, { var_smoothing: 0 });
 * if (c.theta[1]![0] !== 12 || c.var[0]![0] !== 1 || c.class_prior[0] !== 0.5) throw new Error();
 * ```
 */
export function fitGaussianNB(data: TrainingData, params: Params): GaussianNBCoefficients {
  const { shape, columns, n, target } = data;
  const k = shape.classes;
  const p = shape.inputs.length;
  const smoothing = params.var_smoothing;
  if (typeof smoothing !== "number" || !(smoothing >= 0)) {
    throw invalid(`invalid var_smoothing: ${smoothing} (expected a number ≥ 0)`);
  }
  if (n < 1) throw invalid("Cannot fit gaussian_nb on no rows: give it at least one training row");
  if (columns.length !== p) {
    throw invalid(`Cannot fit gaussian_nb: got ${columns.length} input columns for ${p} inputs`);
  }

  // Rows of each class, in row order (scikit-learn's X[y == c]).
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = target[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw invalid(
        `Cannot fit gaussian_nb: target of row ${i} is ${c}, expected a class index 0…${k - 1}`,
      );
    }
    counts[c]! += 1;
  }
  const rowsOf = Array.from(counts, (count) => new Int32Array(count));
  const filled = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = target[i]!;
    rowsOf[c]![filled[c]!] = i;
    filled[c]! += 1;
  }

  const all = Int32Array.from({ length: n }, (_, i) => i);
  const scratch = new Float64Array(n);
  let largest = -Infinity;
  for (let j = 0; j < p; j++) {
    largest = Math.max(largest, _meanAndVariance(columns[j]!, all, p, scratch)[1]);
  }
  const epsilon = p === 0 ? 0 : smoothing * largest;

  const theta = Array.from({ length: k }, () => new Array<number>(p).fill(0));
  const variance = Array.from({ length: k }, () => new Array<number>(p).fill(0));
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    for (let j = 0; j < p; j++) {
      const [mean, v] = _meanAndVariance(columns[j]!, rowsOf[c]!, p, scratch);
      theta[c]![j] = mean;
      variance[c]![j] = v;
    }
  }
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < p; j++) {
      const v = variance[c]![j]! + epsilon;
      if (!(v > 0)) {
        throw invalid(
          `Cannot fit gaussian_nb: input ${
            JSON.stringify(shape.inputs[j])
          } has variance 0 in class ${c} ` +
            `(constant there${
              counts[c] === 0 ? ", as the class has no rows" : ""
            }) and var_smoothing adds ${epsilon}; ` +
            `set var_smoothing > 0 (default 1e-9) and give at least one input that varies`,
        );
      }
      variance[c]![j] = v;
    }
  }
  let total = 0;
  for (let c = 0; c < k; c++) total += counts[c]!;
  return { class_prior: Array.from(counts, (count) => count / total), theta, var: variance };
}

/** numpy's `np.mean` and `np.var` of `column[rows]`, as a column of a `features`-wide matrix. */
function _meanAndVariance(
  column: Float64Array,
  rows: Int32Array,
  features: number,
  scratch: Float64Array,
): [number, number] {
  const count = rows.length;
  for (let r = 0; r < count; r++) scratch[r] = column[rows[r]!]!;
  const mean = columnSum(scratch, count, features) / count;
  for (let r = 0; r < count; r++) {
    const d = scratch[r]! - mean;
    scratch[r] = d * d;
  }
  return [mean, columnSum(scratch, count, features) / count];
}
