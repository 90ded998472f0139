/**
 * Linear regression (`linear`): `y = intercept + Σ w_j·x_j`. Serves models
 * exported from scikit-learn's LinearRegression, Ridge, Lasso and ElasticNet
 * (all share this format), and fits ordinary least squares or ridge itself.
 *
 * @module
 */
import { definePlugin, jsPredictor, type Plugin } from "../../core/contract/mod.ts";
import { type LinearCoefficients, parseLinear } from "./coefficients.ts";
import { compileLinear } from "./predictor.ts";
import { fitLinear, LINEAR_PARAMS } from "./fit.ts";
import { linearSQL } from "./sql.ts";
import { LINEAR_DECISION_JS } from "./linear_decision.ts";

export type { LinearCoefficients } from "./coefficients.ts";

/**
 * The `linear` plugin.
 *
 * @example
 * ```ts
 * import linear from "./mod.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const c = linear.parse({ intercept: 1, weights: [2] }, shape);
 * if (linear.compile(c, shape).predictRow([3])[0] !== 7) throw new Error();
 * if (linear.toSQL!(c, shape, ['"x"'])[0] !== '2e0 * ("x") + 1e0') throw new Error();
 * ```
 */
const plugin: Plugin<LinearCoefficients> = definePlugin({
  id: "linear",
  version: "1.0.0",
  description:
    "Linear regression y = intercept + Σ w·x (scikit-learn LinearRegression, Ridge, Lasso, ElasticNet); " +
    "fits least squares or ridge",
  tasks: ["regression"],
  // w·x + b: a NaN, an infinity (0·∞ is NaN) or a SQL NULL in any input reaches the output.
  tags: { strict_outputs: true },
  parse: parseLinear,
  compile: compileLinear,
  params: LINEAR_PARAMS,
  fit: fitLinear,
  toSQL: (c, _shape, inputs) => [linearSQL(c.weights, c.intercept, inputs)],
  toJS: (c, shape) =>
    jsPredictor(
      "compileLinear(coefficients, shape)",
      c,
      shape,
      { compileLinear },
      LINEAR_DECISION_JS,
    ),
});
export default plugin;
