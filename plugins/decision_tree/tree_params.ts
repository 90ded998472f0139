/**
 * The hyperparameters of a CART tree (scikit-learn's DecisionTree*), shared
 * by the forests, and their resolution into build options.
 *
 * @module
 */
import type { ModelShape, Params, ParamSpace } from "../../core/contract/mod.ts";
import { invalid } from "../../core/errors/mod.ts";
import type { TreeBuildOptions } from "./cart/build_tree.ts";
import { NumpyRandomState } from "./cart/numpy_random_state.ts";
import { RAND_R_MAX } from "./cart/splitter_random.ts";

/** The hyperparameters of `decision_tree`, named and defaulted as scikit-learn 1.2's. */
export const TREE_PARAMS = {
  criterion: {
    type: "choice",
    values: ["auto", "gini", "entropy", "log_loss", "squared_error", "friedman_mse"],
    default: "auto",
    description: "split quality: auto = gini for classifiers, squared_error for regression; " +
      "log_loss = entropy; friedman_mse is squared error ranked by Friedman's improvement",
  },
  max_depth: {
    type: "int",
    default: null,
    nullable: true,
    min: 1,
    search: { min: 1, max: 20 },
    description: "deepest level of the tree; null grows until leaves are pure or too small",
  },
  min_samples_split: {
    type: "int",
    default: 2,
    min: 2,
    search: { min: 2, max: 40, log: true },
    description: "fewest samples a node needs to be split",
  },
  min_samples_leaf: {
    type: "int",
    default: 1,
    min: 1,
    search: { min: 1, max: 40, log: true },
    description: "fewest samples each child of a split must keep",
  },
  min_weight_fraction_leaf: {
    type: "float",
    default: 0,
    min: 0,
    max: 0.5,
    description: "smallest share of the total sample weight each child of a split must keep",
  },
  min_impurity_decrease: {
    type: "float",
    default: 0,
    min: 0,
    description:
      "a split must decrease the weighted impurity by at least this (scikit-learn's formula)",
  },
  max_features: {
    type: "choice",
    values: [null, "sqrt", "log2"],
    default: null,
    description: "features drawn per split: null = all, sqrt or log2 of their number",
  },
  max_features_fraction: {
    type: "float",
    default: null,
    nullable: true,
    min: 0,
    exclusiveMin: true,
    max: 1,
    description:
      "when set, overrides max_features: draw max(1, floor(fraction × inputs)) features per split",
  },
  seed: {
    type: "int",
    default: 0,
    min: 0,
    max: 4294967295,
    description:
      "scikit-learn's random_state: orders the features tried at each split (which decides ties); " +
      "the same seed grows the same tree as scikit-learn",
  },
} as const satisfies ParamSpace;

/**
 * Resolves complete `params` for a model `shape` into build options, as
 * scikit-learn's `BaseDecisionTree.fit` does. `maxFeaturesAuto` is what
 * `max_features: "auto"` means (the forests' default); `totalWeight` is
 * the sum of sample weights (the row count when unweighted).
 *
 * @example
 * ```ts
 * import { normalizeParams } from "../../core/contract/mod.ts";
 * import { TREE_PARAMS, treeOptions } from "./tree_params.ts";
 * const shape = { task: "binary", inputs: ["a", "b", "c", "d", "e"], classes: 2 } as const;
 * const params = normalizeParams(TREE_PARAMS, { max_features: "sqrt" }, "decision_tree");
 * const o = treeOptions(params, shape, 100);
 * if (o.criterion !== "gini" || o.maxFeatures !== 2 || o.maxDepth !== Infinity) throw new Error();
 * ```
 */
export function treeOptions(
  params: Params,
  shape: ModelShape,
  totalWeight: number,
): TreeBuildOptions {
  const regression = shape.task === "regression";
  const p = shape.inputs.length;
  const criterion = _criterion(params.criterion as string, regression);
  const fraction = params.max_features_fraction as number | null;
  const rule = params.max_features as string | null;
  let maxFeatures: number;
  if (fraction !== null) maxFeatures = Math.max(1, Math.trunc(fraction * p));
  else if (rule === "sqrt" || (rule === "auto" && !regression)) {
    maxFeatures = Math.max(1, Math.trunc(Math.sqrt(p)));
  } else if (rule === "log2") maxFeatures = Math.max(1, Math.trunc(Math.log2(p)));
  else maxFeatures = Math.max(1, p);
  return {
    criterion,
    classes: regression ? 1 : shape.classes,
    maxDepth: (params.max_depth as number | null) ?? Infinity,
    minSamplesSplit: params.min_samples_split as number,
    minSamplesLeaf: params.min_samples_leaf as number,
    minWeightLeaf: (params.min_weight_fraction_leaf as number) * totalWeight,
    minImpurityDecrease: params.min_impurity_decrease as number,
    maxFeatures,
    // scikit-learn draws the splitter's state from RandomState(random_state).
    seed: new NumpyRandomState(params.seed as number).randint(RAND_R_MAX),
  };
}

function _criterion(name: string, regression: boolean): TreeBuildOptions["criterion"] {
  if (name === "auto") return regression ? "squared_error" : "gini";
  const forRegression = name === "squared_error" || name === "friedman_mse";
  if (regression && !forRegression) {
    throw invalid(
      `invalid criterion: ${
        JSON.stringify(name)
      } (a regression tree needs squared_error, friedman_mse or auto)`,
    );
  }
  if (!regression && forRegression) {
    throw invalid(
      `invalid criterion: ${
        JSON.stringify(name)
      } (a classifier needs gini, entropy, log_loss or auto)`,
    );
  }
  return name === "log_loss" ? "entropy" : name as TreeBuildOptions["criterion"];
}
