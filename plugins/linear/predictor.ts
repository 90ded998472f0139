/**
 * Prediction with a linear model.
 *
 * @module
 */
import type { ModelShape, Predictor } from "../../core/contract/mod.ts";
import type { LinearCoefficients } from "./coefficients.ts";
import { BLOCK_ROWS, linearDecision, linearDecisionRow } from "./linear_decision.ts";

/**
 * Compiles validated coefficients into a predictor of one value per row.
 *
 * @example
 * ```ts
 * import { compileLinear } from "./predictor.ts";
 * const shape = { task: "regression", inputs: ["a", "b"], classes: 1 } as const;
 * const predictor = compileLinear({ intercept: 1, weights: [2, -1] }, shape);
 * const batch = predictor.predictBatch([new Float64Array([1, 0]), new Float64Array([0, 5])], 2);
 * if (batch[0] !== 3 || batch[1] !== -4 || predictor.predictRow([1, 0])[0] !== 3) throw new Error();
 * ```
 */
export function compileLinear(coefficients: LinearCoefficients, shape: ModelShape): Predictor {
  const weights = Float64Array.from(coefficients.weights);
  const intercept = coefficients.intercept;
  if (weights.length !== shape.inputs.length) {
    throw new RangeError(`linear has ${weights.length} weights for ${shape.inputs.length} inputs`);
  }
  return {
    width: 1,
    predictBatch(
      columns: readonly Float64Array[],
      n: number,
      out = new Float64Array(n),
    ): Float64Array {
      for (let from = 0; from < n; from += BLOCK_ROWS) {
        linearDecision(columns, from, Math.min(n, from + BLOCK_ROWS), weights, intercept, out, 0);
      }
      return out;
    },
    predictRow(row: ArrayLike<number>, out = new Float64Array(1)): Float64Array {
      out[0] = linearDecisionRow(row, weights, intercept);
      return out;
    },
  };
}
