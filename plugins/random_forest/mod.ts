/**
 * Random forests (`random_forest`): the mean of many trees. Serves
 * scikit-learn's RandomForestClassifier/Regressor and
 * ExtraTreesClassifier/Regressor exports, and fits random forests itself.
 *
 * @module
 */
import { definePlugin, jsPredictor, type Plugin } from "../../core/contract/mod.ts";
import { averagePredictor, TREES_JS, treeSQL, treeWidth } from "../decision_tree/mod.ts";
import { fitRandomForest, RANDOM_FOREST_PARAMS } from "./fit.ts";
import { type RandomForestCoefficients, readForest } from "./forest_coefficients.ts";

export type { RandomForestCoefficients } from "./forest_coefficients.ts";

/**
 * The `random_forest` plugin.
 *
 * @example
 * ```ts
 * import randomForest from "./mod.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const stump = (a: number, b: number) => ({ left: [1, -1, -1], right: [2, -1, -1], feature: [0, -2, -2], threshold: [0, -2, -2], value: [[0], [a], [b]] });
 * const c = randomForest.parse({ trees: [stump(1, 2), stump(3, 6)] }, shape);
 * if (randomForest.compile(c, shape).predictRow([1])[0] !== 4) throw new Error();
 * ```
 */
const plugin: Plugin<RandomForestCoefficients> = definePlugin({
  id: "random_forest",
  version: "1.0.0",
  description:
    "Mean of decision trees (scikit-learn RandomForest*, ExtraTrees*); fits bagged random-feature forests",
  tasks: ["regression", "binary", "multiclass"],
  tags: { float32_inputs: true },
  parse: readForest,
  compile: (forest, shape) => averagePredictor(forest.trees, shape),
  params: RANDOM_FOREST_PARAMS,
  fit: fitRandomForest,
  toSQL: (forest, shape, inputs) =>
    Array.from({ length: treeWidth(shape) }, (_, k) => {
      const sum = forest.trees.map((tree) => treeSQL(tree, inputs, k)).join(" + ");
      return `(${sum}) / ${forest.trees.length}`;
    }),
  toJS: (forest, shape) =>
    jsPredictor("averagePredictor(coefficients.trees, shape)", forest, shape, TREES_JS),
});
export default plugin;
