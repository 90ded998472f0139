/**
 * The `linear` coefficient block and its validation.
 *
 * @module
 */
import { CoefficientReader, type ModelShape } from "../../core/contract/mod.ts";
import { invalid } from "../../core/errors/mod.ts";

/**
 * A linear model, as scikit-learn's exporter writes LinearRegression, Ridge,
 * Lasso and ElasticNet: `y = intercept + Σ weights[j]·x[j]`.
 */
export interface LinearCoefficients {
  /** The constant term (0 when fitted without intercept). */
  intercept: number;
  /** One weight per input, in input order. */
  weights: number[];
}

/**
 * Validates a `linear` coefficient block against the model's shape and
 * returns a fresh plain copy; every error names the JSON path at fault.
 *
 * @example
 * ```ts
 * import { parseLinear } from "./coefficients.ts";
 * const shape = { task: "regression", inputs: ["a", "b"], classes: 1 } as const;
 * const c = parseLinear({ intercept: 1, weights: [2, 3] }, shape);
 * if (c.weights[1] !== 3) throw new Error();
 * let msg = "";
 * try { parseLinear({ intercept: 1, weights: [2] }, shape); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.coefficients.weights")) throw new Error(msg);
 * ```
 */
export function parseLinear(coefficients: unknown, shape: ModelShape): LinearCoefficients {
  if (shape.task !== "regression") {
    throw invalid(
      `linear predicts a regression target, not ${shape.task}: use the logistic plugin for classes`,
    );
  }
  const root = new CoefficientReader(coefficients).object(["intercept", "weights"]);
  const intercept = root.field("intercept").number();
  const p = shape.inputs.length;
  const weights = root.field("weights").numbers(p, `one weight per input: ${_list(shape.inputs)}`);
  return { intercept, weights: Array.from(weights) };
}

/** The input names for an error message, shortened when there are many. */
function _list(inputs: readonly string[]): string {
  return inputs.length <= 8 ? inputs.join(", ") : `${inputs.slice(0, 8).join(", ")}, …`;
}
