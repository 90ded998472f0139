/**
 * The `random_forest` coefficient block: a list of `decision_tree` blocks.
 *
 * @module
 */
import { CoefficientReader, type ModelShape } from "../../core/contract/mod.ts";
import { readTree, type TreeCoefficients, treeWidth } from "../decision_tree/mod.ts";

/** Trees whose outputs are averaged (scikit-learn RandomForest* and ExtraTrees*). */
export interface RandomForestCoefficients {
  /** At least one tree; each output is the mean of the trees' values. */
  readonly trees: TreeCoefficients[];
}

/**
 * Reads and checks a forest: at least one tree, each a valid
 * `decision_tree` block for `shape`. Errors name the JSON path
 * (`$.coefficients.trees[3].threshold[7]`).
 *
 * @example
 * ```ts
 * import { readForest } from "./forest_coefficients.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const leaf = { left: [-1], right: [-1], feature: [-2], threshold: [-2], value: [[3]] };
 * if (readForest({ trees: [leaf, leaf] }, shape).trees.length !== 2) throw new Error();
 * let msg = "";
 * try { readForest({ trees: [] }, shape); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.coefficients.trees")) throw new Error(msg);
 * ```
 */
export function readForest(coefficients: unknown, shape: ModelShape): RandomForestCoefficients {
  const c = new CoefficientReader(coefficients).object(["trees"]);
  const trees = c.field("trees");
  const items = trees.array();
  if (items.length === 0) throw trees.fail("a forest needs at least one tree");
  const width = treeWidth(shape);
  return { trees: items.map((t) => readTree(t, shape, width, shape.task !== "regression")) };
}
