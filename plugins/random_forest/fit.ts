/**
 * Fitting a random forest: bagged CART trees with random feature subsets.
 *
 * @module
 */
import type { Params, ParamSpace, TrainingData } from "../../core/contract/mod.ts";
import { createRandom } from "../../core/random/mod.ts";
import {
  buildTree,
  float32TrainingColumns,
  RAND_R_MAX,
  TREE_PARAMS,
  treeOptions,
} from "../decision_tree/mod.ts";
import type { RandomForestCoefficients } from "./forest_coefficients.ts";

/** The hyperparameters of `random_forest`, named and defaulted as scikit-learn 1.2's forests. */
export const RANDOM_FOREST_PARAMS = {
  n_estimators: {
    type: "int",
    default: 100,
    min: 1,
    search: { min: 10, max: 500, log: true },
    description: "number of trees",
  },
  bootstrap: {
    type: "bool",
    default: true,
    description:
      "grow each tree on a bootstrap sample (n draws with replacement); false uses every row",
  },
  criterion: TREE_PARAMS.criterion,
  max_depth: TREE_PARAMS.max_depth,
  min_samples_split: TREE_PARAMS.min_samples_split,
  min_samples_leaf: TREE_PARAMS.min_samples_leaf,
  min_weight_fraction_leaf: TREE_PARAMS.min_weight_fraction_leaf,
  min_impurity_decrease: TREE_PARAMS.min_impurity_decrease,
  max_features: {
    type: "choice",
    values: ["auto", null, "sqrt", "log2"],
    default: "auto",
    description: "features drawn per split: auto = sqrt for classifiers and all for regression " +
      "(scikit-learn's defaults), null = all, sqrt or log2 of their number",
  },
  max_features_fraction: TREE_PARAMS.max_features_fraction,
  seed: {
    type: "int",
    default: 0,
    min: 0,
    max: 2147483647,
    description:
      "seed of the bootstrap samples and the trees' feature draws (ratchet's own generator)",
  },
} as const satisfies ParamSpace;

/**
 * Grows `n_estimators` trees, each on a bootstrap sample (as sample weights
 * counting each row's draws, as scikit-learn does) with its own splitter
 * state, all drawn from ratchet's seeded generator: the same seed gives
 * the same forest.
 *
 * @example
 * ```ts
 * import { normalizeParams } from "../../core/contract/mod.ts";
 * import { fitRandomForest, RANDOM_FOREST_PARAMS } from "./fit.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const params = normalizeParams(RANDOM_FOREST_PARAMS, { n_estimators: 3 }, "random_forest");
 * const data = { shape, columns: [Float64Array.of(1, 2, 3, 4)], n: 4, target: Float64Array.of(1, 1, 5, 5) };
 * if (fitRandomForest(data, params).trees.length !== 3) throw new Error();
 * ```
 */
export function fitRandomForest(data: TrainingData, params: Params): RandomForestCoefficients {
  const x = float32TrainingColumns(data, "random_forest");
  const n = data.n;
  const target = data.target.subarray(0, n);
  const options = treeOptions(params, data.shape, n);
  const random = createRandom(params.seed as number);
  const trees = [];
  for (let t = 0; t < (params.n_estimators as number); t++) {
    const seed = random.int(RAND_R_MAX);
    let weights: Float64Array | null = null;
    if (params.bootstrap) {
      weights = new Float64Array(n);
      for (let draw = 0; draw < n; draw++) weights[random.int(n)]!++;
    }
    trees.push(buildTree(x, target, { ...options, seed }, weights));
  }
  return { trees };
}
