/**
 * Gaussian naive Bayes (`gaussian_nb`): each class is a product of
 * independent normal distributions, one per input; prediction is Bayes' rule.
 * Mirrors scikit-learn 1.2's `GaussianNB`.
 *
 * @module
 */
import { definePlugin, jsPredictor, type Plugin } from "../../core/contract/mod.ts";
import { pairwiseSum } from "../../core/numeric/mod.ts";
import { type GaussianNBCoefficients, parseCoefficients } from "./coefficients.ts";
import { compilePredictor } from "./predictor.ts";
import { fitGaussianNB, GAUSSIAN_NB_PARAMS } from "./fit.ts";

export type { GaussianNBCoefficients } from "./coefficients.ts";

/**
 * The `gaussian_nb` plugin.
 *
 * @example
 * ```ts
 * import gaussianNB from "./mod.ts";
 * const shape = { task: "binary", inputs: ["x"], classes: 2 } as const;
 * const c = gaussianNB.parse({ class_prior: [0.5, 0.5], theta: [[0], [2]], var: [[1], [1]] }, shape);
 * const p = gaussianNB.compile(c, shape).predictRow([5]);
 * if (!(p[1]! > 0.99)) throw new Error(String(p));
 * ```
 */
const plugin: Plugin<GaussianNBCoefficients> = definePlugin({
  id: "gaussian_nb",
  version: "1.0.0",
  description:
    "Gaussian naive Bayes (scikit-learn GaussianNB): per-class normal distributions per input",
  tasks: ["binary", "multiclass"],
  parse: parseCoefficients,
  compile: compilePredictor,
  params: GAUSSIAN_NB_PARAMS,
  fit: fitGaussianNB,
  toJS: (c, shape) =>
    jsPredictor("compilePredictor(coefficients, shape)", c, shape, {
      compilePredictor,
      pairwiseSum,
    }),
});
export default plugin;
