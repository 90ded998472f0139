/**
 * Gradient boosting (`gradient_boosting`): boosted regression trees with an
 * identity, logistic, exponential or softmax link. Serves scikit-learn
 * 1.2's GradientBoostingRegressor and GradientBoostingClassifier exports,
 * and fits least-squares and log-loss boosting itself.
 *
 * @module
 */
import { definePlugin, jsPredictor, type Plugin } from "../../core/contract/mod.ts";
import { RATCHET_ERROR_JS } from "../../core/errors/mod.ts";
import { FLAT_FOREST_JS } from "../decision_tree/mod.ts";
import { type GradientBoostingCoefficients, readBoosting } from "./boosting_coefficients.ts";
import { BOOSTING_PREDICTOR_JS, boostingPredictor } from "./boosting_predictor.ts";
import { boostingSQL } from "./boosting_sql.ts";
import { fitGradientBoosting, GRADIENT_BOOSTING_PARAMS } from "./fit.ts";

export type { BoostingLink, GradientBoostingCoefficients } from "./boosting_coefficients.ts";

/**
 * The `gradient_boosting` plugin.
 *
 * @example
 * ```ts
 * import gradientBoosting from "./mod.ts";
 * const shape = { task: "binary", inputs: ["x"], classes: 2 } as const;
 * const leaf = { left: [-1], right: [-1], feature: [-2], threshold: [-2], value: [[0]] };
 * const c = gradientBoosting.parse({ link: "logistic", init: [0], learning_rate: 0.1, stages: [[leaf]] }, shape);
 * const p = gradientBoosting.compile(c, shape).predictRow([1]);
 * if (p[0] !== 0.5 || p[1] !== 0.5) throw new Error();
 * ```
 */
const plugin: Plugin<GradientBoostingCoefficients> = definePlugin({
  id: "gradient_boosting",
  version: "1.0.0",
  description:
    "Gradient-boosted regression trees with identity/logistic/exponential/softmax link " +
    "(scikit-learn GradientBoostingRegressor/Classifier); fits least-squares and log-loss boosting",
  tasks: ["regression", "binary", "multiclass"],
  tags: { float32_inputs: true },
  parse: readBoosting,
  compile: boostingPredictor,
  params: GRADIENT_BOOSTING_PARAMS,
  fit: fitGradientBoosting,
  toSQL: (c, _shape, inputs) => boostingSQL(c, inputs),
  toJS: (c, shape) =>
    jsPredictor(
      "boostingPredictor(coefficients, shape)",
      c,
      shape,
      BOOSTING_PREDICTOR_JS,
      FLAT_FOREST_JS,
      RATCHET_ERROR_JS,
    ),
});
export default plugin;
