/**
 * Fitting a linear model: ordinary least squares (scikit-learn's
 * LinearRegression) or ridge regression (scikit-learn's Ridge).
 *
 * @module
 */
import type { Params, ParamSpace, TrainingData } from "../../core/contract/mod.ts";
import { invalid, RatchetError } from "../../core/errors/mod.ts";
import type { LinearCoefficients } from "./coefficients.ts";
import { leastSquares } from "./least_squares.ts";

/** The hyperparameters of `linear`. */
export const LINEAR_PARAMS: ParamSpace = {
  alpha: {
    type: "float",
    default: 0,
    min: 0,
    search: { min: 1e-4, max: 100, log: true },
    description: "L2 penalty on the weights: 0 = ordinary least squares, > 0 = ridge regression",
  },
  fit_intercept: {
    type: "bool",
    default: true,
    description: "learn a constant term (unpenalised); false forces the intercept to 0",
  },
};

/**
 * Learns `{intercept, weights}` minimising `‖y − Xw − b‖² + alpha‖w‖²`.
 * With `fit_intercept`, inputs and target are centred first, so the
 * intercept is not penalised (`b = ȳ − x̄·w`), as scikit-learn does.
 * `alpha = 0` gives the minimum-norm least-squares solution, equal to
 * LinearRegression's even with collinear inputs.
 *
 * @example
 * ```ts
 * import { fitLinear } from "./fit.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const columns = [new Float64Array([0, 1, 2, 3])];
 * const target = new Float64Array([1, 3, 5, 7]); // y = 1 + 2x
 * const c = fitLinear({ shape, columns, n: 4, target }, { alpha: 0, fit_intercept: true });
 * if (Math.abs(c.intercept - 1) > 1e-14 || Math.abs(c.weights[0]! - 2) > 1e-14) throw new Error();
 * ```
 */
export function fitLinear(data: TrainingData, params: Params): LinearCoefficients {
  const alpha = params.alpha as number;
  const fitIntercept = params.fit_intercept as boolean;
  const { n, target } = data;
  if (n < 1) throw invalid("Cannot fit linear on 0 rows: the training data is empty");
  const columns = data.columns.map((c) => c.subarray(0, n));
  const y = target.subarray(0, n);
  let weights: Float64Array;
  let intercept = 0;
  if (fitIntercept) {
    const xMean = columns.map(_mean);
    const yMean = _mean(y);
    const centred = columns.map((c, j) => c.map((x) => x - xMean[j]!));
    weights = leastSquares(centred, y.map((v) => v - yMean), alpha);
    // scikit-learn's _set_intercept: y_offset - X_offset @ coef.
    let dot = 0;
    for (let j = 0; j < weights.length; j++) dot += xMean[j]! * weights[j]!;
    intercept = yMean - dot;
  } else {
    weights = leastSquares(columns, y, alpha);
  }
  if (!Number.isFinite(intercept) || !weights.every(Number.isFinite)) {
    throw new RatchetError(
      "invalid",
      "Cannot fit linear: the solution is not finite. Check the training data for missing, infinite or " +
        "extremely large values",
    );
  }
  return { intercept, weights: Array.from(weights) };
}

function _mean(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]!;
  return sum / x.length;
}
