/**
 * Logistic regression (`logistic`): class probabilities from linear
 * decisions through a softmax (multinomial) or normalised one-vs-rest
 * sigmoids. Mirrors scikit-learn 1.2's LogisticRegression `predict_proba`,
 * and fits its L2-penalised (or unpenalised) objective by Newton's method.
 *
 * @module
 */
import { definePlugin, jsPredictor, type Plugin } from "../../core/contract/mod.ts";
import { LINEAR_DECISION_JS } from "../linear/linear_decision.ts";
import { type LogisticCoefficients, parseLogistic } from "./coefficients.ts";
import { compileLogistic } from "./predictor.ts";
import { fitLogistic, LOGISTIC_PARAMS } from "./fit.ts";
import { logisticSQL } from "./sql.ts";
import { PROBABILITIES_JS } from "./probabilities.ts";

export type { LogisticCoefficients, LogisticLink } from "./coefficients.ts";

/**
 * The `logistic` plugin.
 *
 * @example
 * ```ts
 * import logistic from "./mod.ts";
 * const shape = { task: "multiclass", inputs: ["x"], classes: 3 } as const;
 * const c = logistic.parse({ link: "multinomial", intercepts: [0, 0, 0], weights: [[-1], [0], [1]] }, shape);
 * const p = logistic.compile(c, shape).predictRow([0]);
 * if (Math.abs(p[0]! - 1 / 3) > 1e-15) throw new Error(String(p));
 * ```
 */
const plugin: Plugin<LogisticCoefficients> = definePlugin({
  id: "logistic",
  version: "1.0.0",
  description:
    "Logistic regression, multinomial or one-vs-rest (scikit-learn LogisticRegression); fits L2 or no penalty",
  tasks: ["binary", "multiclass"],
  parse: parseLogistic,
  compile: compileLogistic,
  params: LOGISTIC_PARAMS,
  fit: fitLogistic,
  toSQL: (c, _shape, inputs) => logisticSQL(c, inputs),
  toJS: (c, shape) =>
    jsPredictor(
      "compileLogistic(coefficients, shape)",
      c,
      shape,
      { compileLogistic },
      LINEAR_DECISION_JS,
      PROBABILITIES_JS,
    ),
});
export default plugin;
