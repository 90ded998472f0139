/**
 * The cases of the scikit-learn exporter's parity suite. Each name is an
 * estimator that `fit_models.py` (beside this file) builds; this list says
 * which data it is fitted on and what the exported artifact must look like.
 *
 * @module
 */
import type { DatasetName } from "./datasets.ts";

/** One exported model whose predictions must equal scikit-learn's. */
export interface ParityCase {
  /** The estimator `fit_models.py` builds under this name. */
  name: string;
  data: DatasetName;
  /** The plugin the artifact must name. */
  plugin: string;
  /** Fitted on a numpy array (no column names), so the exporter is given `--features`. */
  numpy?: boolean;
  /** Some held-out rows carry a region never seen in training (encoders with handle_unknown="ignore"). */
  unknownLevels?: boolean;
  /** Every third held-out row lacks `x1` (null), for imputers fitted on complete numpy data. */
  holes?: boolean;
  /** The artifact's features, when they differ from the dataset's columns (a column dropped). */
  features?: string[];
  /** The features one-hot encoded as categories, when not the dataset's text columns. */
  categories?: string[];
  /** More exporter arguments. */
  args?: string[];
}

/** A model the exporter must refuse, with words its error must contain. */
export interface RefusalCase {
  name: string;
  data: DatasetName;
  numpy?: boolean;
  args: string[];
  /** Each must appear in the error message. */
  expect: string[];
}

const MIXED_USED = ["age", "income", "plan", "region", "member", "score"];

/**
 * Every supported estimator, alone and behind Pipelines/ColumnTransformers.
 *
 * @example
 * ```ts
 * import { PARITY_CASES } from "./cases.ts";
 * if (new Set(PARITY_CASES.map((c) => c.name)).size !== PARITY_CASES.length) throw new Error("duplicate case");
 * ```
 */
export const PARITY_CASES: readonly ParityCase[] = [
  { name: "linear_regression", data: "numeric_regression", plugin: "linear" },
  { name: "ridge_numpy", data: "numeric_regression", plugin: "linear", numpy: true },
  { name: "lasso", data: "numeric_regression", plugin: "linear" },
  { name: "elastic_net", data: "numeric_regression", plugin: "linear" },
  {
    name: "logistic_binary",
    data: "numeric_binary",
    plugin: "logistic",
    args: ["--positive", "yes"],
  },
  { name: "logistic_binary_multinomial", data: "numeric_binary", plugin: "logistic" },
  { name: "logistic_multinomial", data: "numeric_multiclass", plugin: "logistic" },
  { name: "logistic_ovr", data: "numeric_multiclass", plugin: "logistic" },
  { name: "logistic_liblinear_auto_ovr", data: "numeric_multiclass", plugin: "logistic" },
  { name: "decision_tree_regressor", data: "numeric_regression", plugin: "decision_tree" },
  { name: "decision_tree_binary", data: "numeric_binary", plugin: "decision_tree" },
  { name: "decision_tree_multiclass", data: "numeric_multiclass", plugin: "decision_tree" },
  { name: "random_forest_regressor", data: "numeric_regression", plugin: "random_forest" },
  { name: "random_forest_binary", data: "numeric_binary", plugin: "random_forest" },
  {
    name: "random_forest_multiclass_numpy",
    data: "numeric_multiclass",
    plugin: "random_forest",
    numpy: true,
  },
  { name: "extra_trees_regressor", data: "numeric_regression", plugin: "random_forest" },
  { name: "extra_trees_binary", data: "numeric_binary", plugin: "random_forest" },
  { name: "extra_trees_multiclass", data: "numeric_multiclass", plugin: "random_forest" },
  { name: "gradient_boosting_regressor", data: "numeric_regression", plugin: "gradient_boosting" },
  {
    name: "gradient_boosting_regressor_huber",
    data: "numeric_regression",
    plugin: "gradient_boosting",
  },
  { name: "gradient_boosting_binary", data: "numeric_binary", plugin: "gradient_boosting" },
  {
    name: "gradient_boosting_binary_exponential",
    data: "numeric_binary",
    plugin: "gradient_boosting",
  },
  {
    name: "gradient_boosting_binary_zero_init",
    data: "numeric_binary",
    plugin: "gradient_boosting",
  },
  { name: "gradient_boosting_multiclass", data: "numeric_multiclass", plugin: "gradient_boosting" },
  { name: "gaussian_nb_binary", data: "numeric_binary", plugin: "gaussian_nb" },
  { name: "gaussian_nb_multiclass", data: "numeric_multiclass", plugin: "gaussian_nb" },
  // Pipelines over a pandas DataFrame of numbers and categories with missing values.
  {
    name: "pipe_ridge_impute_scale_onehot_ignore",
    data: "mixed_regression",
    plugin: "linear",
    unknownLevels: true,
    features: MIXED_USED,
  },
  {
    name: "pipe_logistic_minmax_onehot_drop_first",
    data: "mixed_binary",
    plugin: "logistic",
    features: MIXED_USED,
  },
  {
    name: "pipe_logistic_multinomial_if_binary",
    data: "mixed_multiclass",
    plugin: "logistic",
    unknownLevels: true,
    features: MIXED_USED,
  },
  {
    name: "pipe_lasso_scale_after_onehot",
    data: "mixed_regression",
    plugin: "linear",
    features: MIXED_USED,
  },
  {
    name: "pipe_decision_tree_regressor_passthrough",
    data: "mixed_regression",
    plugin: "decision_tree",
    unknownLevels: true,
  },
  {
    name: "pipe_random_forest_binary",
    data: "mixed_binary",
    plugin: "random_forest",
    unknownLevels: true,
    features: MIXED_USED,
  },
  {
    name: "pipe_extra_trees_multiclass_minmax_clip",
    data: "mixed_multiclass",
    plugin: "random_forest",
    unknownLevels: true,
    features: MIXED_USED,
  },
  {
    name: "pipe_gradient_boosting_multiclass",
    data: "mixed_multiclass",
    plugin: "gradient_boosting",
    features: [...MIXED_USED, "tier"],
    categories: ["plan", "region", "member", "tier"],
  },
  {
    name: "pipe_gradient_boosting_regressor_sparse",
    data: "mixed_regression",
    plugin: "gradient_boosting",
    unknownLevels: true,
    features: MIXED_USED,
  },
  {
    name: "pipe_gaussian_nb_binary",
    data: "mixed_binary",
    plugin: "gaussian_nb",
    features: MIXED_USED,
  },
  {
    name: "pipe_numpy_impute_scale_logistic",
    data: "numeric_binary",
    plugin: "logistic",
    numpy: true,
    holes: true,
  },
];

/**
 * Models the exporter must refuse, each naming the class or option at fault.
 *
 * @example
 * ```ts
 * import { REFUSAL_CASES } from "./cases.ts";
 * if (!REFUSAL_CASES.every((c) => c.expect.length > 0)) throw new Error("a refusal must say what to look for");
 * ```
 */
export const REFUSAL_CASES: readonly RefusalCase[] = [
  {
    name: "refuse_svc",
    data: "numeric_binary",
    args: [],
    expect: ["Unsupported estimator SVC", "LogisticRegression"],
  },
  {
    name: "refuse_positive",
    data: "numeric_binary",
    args: ["--positive", "maybe"],
    expect: ["--positive", "maybe", "no, yes"],
  },
  {
    name: "refuse_positive_multiclass",
    data: "numeric_multiclass",
    args: ["--positive", "1"],
    expect: ["--positive", "3 classes"],
  },
  {
    name: "refuse_no_features",
    data: "numeric_regression",
    numpy: true,
    args: [],
    expect: ["--features", "numpy"],
  },
  {
    name: "refuse_wrong_feature_count",
    data: "numeric_regression",
    numpy: true,
    args: ["--features", "a,b"],
    expect: ["--features", "4"],
  },
  {
    name: "refuse_polynomial_features",
    data: "numeric_regression",
    args: [],
    expect: ["Unsupported transformer PolynomialFeatures"],
  },
  {
    name: "refuse_pca_in_column_transformer",
    data: "mixed_regression",
    args: [],
    expect: ["Unsupported transformer PCA", "'num'"],
  },
  {
    name: "refuse_callable_selector",
    data: "mixed_regression",
    args: [],
    expect: ["callable", "'cat'"],
  },
  { name: "refuse_column_twice", data: "mixed_regression", args: [], expect: ["'income'", "both"] },
  { name: "refuse_add_indicator", data: "mixed_regression", args: [], expect: ["add_indicator"] },
  {
    name: "refuse_infrequent",
    data: "mixed_binary",
    args: [],
    expect: ["infrequent", "min_frequency"],
  },
  { name: "refuse_multi_output", data: "numeric_regression", args: [], expect: ["multi-output"] },
  {
    name: "refuse_gradient_boosting_init",
    data: "numeric_regression",
    args: [],
    expect: ["init=LinearRegression"],
  },
  {
    name: "refuse_logistic_cv",
    data: "numeric_binary",
    args: [],
    expect: ["Unsupported estimator LogisticRegressionCV"],
  },
];
