/**
 * The predictor of a tree or a forest: the mean of the trees' outputs.
 *
 * @module
 */
import type { ModelShape, Predictor } from "../../core/contract/mod.ts";
import { FlatForest } from "./flat_forest.ts";
import { type TreeCoefficients, treeWidth } from "./tree_coefficients.ts";

/**
 * Compiles trees whose outputs are averaged: values summed in tree order,
 * then divided by the number of trees, as scikit-learn's forests do (one
 * tree is its own mean). Outputs are the class probabilities, or the value.
 *
 * @example
 * ```ts
 * import { averagePredictor } from "./average_predictor.ts";
 * const shape = { task: "binary", inputs: ["x"], classes: 2 } as const;
 * const stump = { left: [1, -1, -1], right: [2, -1, -1], feature: [0, -1, -1], threshold: [0.5, -2, -2], value: [[0.5, 0.5], [1, 0], [0.25, 0.75]] };
 * const p = averagePredictor([stump], shape).predictRow([2]);
 * if (p[1] !== 0.75) throw new Error();
 * ```
 */
export function averagePredictor(trees: readonly TreeCoefficients[], shape: ModelShape): Predictor {
  const width = treeWidth(shape);
  const forest = new FlatForest(trees, width, shape.inputs.length);
  const count = trees.length;
  return {
    width,
    predictBatch(columns, n, out = new Float64Array(width * n)) {
      out.fill(0, 0, width * n);
      forest.addBatch(columns, n, out);
      for (let k = 0; k < width * n; k++) out[k]! /= count;
      return out;
    },
    predictRow(row, out = new Float64Array(width)) {
      out.fill(0, 0, width);
      forest.addRow(row, out);
      for (let k = 0; k < width; k++) out[k]! /= count;
      return out;
    },
  };
}
