/**
 * Decision trees (`decision_tree`): CART trees as scikit-learn builds them,
 * for regression and classification. Serves DecisionTreeClassifier and
 * DecisionTreeRegressor exports and fits the same trees itself. The flat
 * typed-array trees, their SQL and the CART builder here are shared by
 * `random_forest` and `gradient_boosting`.
 *
 * @module
 */
import {
  CoefficientReader,
  definePlugin,
  jsPredictor,
  type Plugin,
} from "../../core/contract/mod.ts";
import { averagePredictor } from "./average_predictor.ts";
import { buildTree } from "./cart/build_tree.ts";
import { float32TrainingColumns } from "./float32_training_columns.ts";
import { readTree, type TreeCoefficients, treeWidth } from "./tree_coefficients.ts";
import { TREE_PARAMS, treeOptions } from "./tree_params.ts";
import { treeSQL } from "./tree_sql.ts";
import { TREES_JS } from "./trees_js.ts";

export { averagePredictor } from "./average_predictor.ts";
export { buildTree, type TreeBuildOptions } from "./cart/build_tree.ts";
export { NumpyRandomState } from "./cart/numpy_random_state.ts";
export { RAND_R_MAX } from "./cart/splitter_random.ts";
export { FLAT_FOREST_JS, FlatForest, type FlatForestOptions } from "./flat_forest.ts";
export { TREES_JS } from "./trees_js.ts";
export { float32TrainingColumns } from "./float32_training_columns.ts";
export { readTree, type TreeCoefficients, treeWidth } from "./tree_coefficients.ts";
export { TREE_PARAMS, treeOptions } from "./tree_params.ts";
export { treeSQL } from "./tree_sql.ts";

/**
 * The `decision_tree` plugin.
 *
 * @example
 * ```ts
 * import decisionTree from "./mod.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const c = decisionTree.parse(
 *   { left: [1, -1, -1], right: [2, -1, -1], feature: [0, -2, -2], threshold: [0.5, -2, -2], value: [[1.5], [1], [2]] },
 *   shape,
 * );
 * if (decisionTree.compile(c, shape).predictRow([0.7])[0] !== 2) throw new Error();
 * ```
 */
const plugin: Plugin<TreeCoefficients> = definePlugin({
  id: "decision_tree",
  version: "1.0.0",
  description:
    "CART decision tree (scikit-learn DecisionTreeClassifier/Regressor); fits the same trees as scikit-learn",
  tasks: ["regression", "binary", "multiclass"],
  tags: { float32_inputs: true },
  parse: (coefficients, shape) =>
    readTree(
      new CoefficientReader(coefficients),
      shape,
      treeWidth(shape),
      shape.task !== "regression",
    ),
  compile: (tree, shape) => averagePredictor([tree], shape),
  params: TREE_PARAMS,
  fit: (data, params) => {
    const x = float32TrainingColumns(data, "decision_tree");
    return buildTree(x, data.target.subarray(0, data.n), treeOptions(params, data.shape, data.n));
  },
  toSQL: (tree, shape, inputs) =>
    Array.from({ length: treeWidth(shape) }, (_, k) => treeSQL(tree, inputs, k)),
  toJS: (tree, shape) =>
    jsPredictor("averagePredictor([coefficients], shape)", tree, shape, TREES_JS),
});
export default plugin;
