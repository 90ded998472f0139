/**
 * Prediction with a logistic regression.
 *
 * @module
 */
import type { ModelShape, Predictor } from "../../core/contract/mod.ts";
import { BLOCK_ROWS, linearDecision, linearDecisionRow } from "../linear/linear_decision.ts";
import type { LogisticCoefficients } from "./coefficients.ts";
import { probabilityTransform } from "./probabilities.ts";

/**
 * Compiles validated coefficients into a predictor of class probabilities in
 * label order. The batch path computes each decision column by column
 * straight into the output, then turns each row's decisions into
 * probabilities in place, one block of rows at a time.
 *
 * @example
 * ```ts
 * import { compileLogistic } from "./predictor.ts";
 * const shape = { task: "binary", inputs: ["x"], classes: 2 } as const;
 * const predictor = compileLogistic({ link: "ovr", intercepts: [0], weights: [[1]] }, shape);
 * const batch = predictor.predictBatch([new Float64Array([0, Math.log(3)])], 2);
 * // Output-major: [p0 of row 0, p0 of row 1, p1 of row 0, p1 of row 1].
 * if (batch[0] !== 0.5 || Math.abs(batch[3]! - 0.75) > 1e-15) throw new Error(String(batch));
 * if (predictor.predictRow([Math.log(3)])[1] !== batch[3]) throw new Error();
 * ```
 */
export function compileLogistic(coefficients: LogisticCoefficients, shape: ModelShape): Predictor {
  const classes = shape.classes;
  const rows = coefficients.weights.length;
  const weights = coefficients.weights.map((w) => Float64Array.from(w));
  const intercepts = Float64Array.from(coefficients.intercepts);
  // A binary model's one decision goes to the slot of the second class.
  const first = rows === 1 ? 1 : 0;
  if (
    rows !== (classes === 2 ? 1 : classes) || weights.some((w) => w.length !== shape.inputs.length)
  ) {
    throw new RangeError(
      `logistic has ${rows} weight rows for ${classes} classes and ${shape.inputs.length} inputs`,
    );
  }
  const transform = probabilityTransform(coefficients.link, classes);
  return {
    width: classes,
    predictBatch(
      columns: readonly Float64Array[],
      n: number,
      out = new Float64Array(classes * n),
    ): Float64Array {
      // Block by block, so that the block of each input column is read from cache for every row.
      for (let from = 0; from < n; from += BLOCK_ROWS) {
        const to = Math.min(n, from + BLOCK_ROWS);
        for (let r = 0; r < rows; r++) {
          linearDecision(columns, from, to, weights[r]!, intercepts[r]!, out, (first + r) * n);
        }
        for (let i = from; i < to; i++) transform(out, i, n);
      }
      return out;
    },
    predictRow(row: ArrayLike<number>, out = new Float64Array(classes)): Float64Array {
      for (let r = 0; r < rows; r++) {
        out[first + r] = linearDecisionRow(row, weights[r]!, intercepts[r]!);
      }
      transform(out, 0, 1);
      return out;
    },
  };
}
