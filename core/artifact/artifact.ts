/**
 * The model artifact, format `ratchet.model/v1`: one JSON document per
 * version holding everything training learned. These are its types, as
 * checked documents have them; `schema.ts` holds the zod schema that checks
 * them and keeps these types equal to it at compile time.
 *
 * @module
 */

/** The format tag of version 1 artifacts. */
export const ARTIFACT_FORMAT = "ratchet.model/v1";

// Type aliases rather than interfaces: like the zod-inferred types they replace,
// they stay assignable to `Record<string, unknown>`, e.g. in `artifactHash(artifact)`.

/** A category level or class label: a string, number or boolean. */
export type Label = string | number | boolean;

/** One input feature, in the order rows are described. */
export type Feature = {
  /** Column name in the input rows. */
  name: string;
  /** How values are read: a finite number, a category level, or true/false. */
  type: "number" | "category" | "boolean";
  /** Category levels, in encoder order (category features only). */
  levels?: Label[];
  /** What the column means, for people reading the artifact. */
  description?: string;
};

/** What the model predicts. */
export type Target = {
  /** The target column in labelled data. */
  name: string;
  /** Class labels in output order (classifiers only). */
  labels?: Label[];
  /** The positive class of a binary classifier, for metrics. */
  positive?: Label;
};

/** Fills missing values (scikit-learn `SimpleImputer`), one fill value per column. */
export type ImputeStep = {
  /** Tags the step as an imputer. */
  type: "impute";
  /** Columns the step applies to, in order. */
  columns: string[];
  /** How the fill values were chosen when fitted (informational). */
  strategy: "mean" | "median" | "most_frequent" | "constant";
  /** The value that replaces a missing one, per column. */
  fill: Label[];
};

/** `x → (x - mean) / scale` (scikit-learn `StandardScaler`). */
export type StandardScaleStep = {
  /** Tags the step as a standard scaler. */
  type: "standard_scale";
  /** Columns the step applies to, in order. */
  columns: string[];
  /** Subtracted from each column, per column. */
  mean: number[];
  /** What each centred column is divided by, per column. */
  scale: number[];
};

/** `x → x * scale + min`, optionally clipped (scikit-learn `MinMaxScaler`). */
export type MinMaxScaleStep = {
  /** Tags the step as a min-max scaler. */
  type: "minmax_scale";
  /** Columns the step applies to, in order. */
  columns: string[];
  /** Added after scaling, per column. */
  min: number[];
  /** Multiplies each column, per column. */
  scale: number[];
  /** Bounds `[low, high]` the results are clipped to; absent or null for no clipping. */
  clip?: [number, number] | null;
};

/**
 * One 0/1 column per level of each category column, named `column=level`
 * (scikit-learn `OneHotEncoder`); `drop` names a level left out per column.
 */
export type OneHotStep = {
  /** Tags the step as a one-hot encoder. */
  type: "one_hot";
  /** Category columns to encode, in order. */
  columns: string[];
  /** Whether a level unseen in training is an error or all zeros. */
  handle_unknown: "error" | "ignore";
  /** Per column, the level that gets no 0/1 column, or null to keep every level. */
  drop?: (Label | null)[];
};

/** A preprocessing step that core applies before the plugin. */
export type Step = ImputeStep | StandardScaleStep | MinMaxScaleStep | OneHotStep;

/** Where a version came from. Extra keys are kept. */
export type Provenance = {
  /** ISO 8601 time the coefficients were learned or exported. */
  created: string;
  /** What produced it, e.g. 'scikit-learn 1.2.1' or 'ratchet train'. */
  source: string;
  /** The source library's class name. */
  estimator?: string;
  /** Name or path of the training data. */
  dataset?: string;
  /** The time span the training data covers, from `from` to `to`. */
  window?: { from: string; to: string };
  /** Number of rows the model was fitted on. */
  rows?: number;
  /** Published by a search, not yet challenged. */
  candidate?: boolean;
  /** Free text for the people who maintain the model. */
  note?: string;
  /** Any other key the producer records, e.g. `data_sha256` or `pickle_sha256`. */
  [key: string]: unknown;
};

/** An artifact before publication: everything but its identity (name, version, hash). */
export type ArtifactBody = {
  /** Always {@linkcode ARTIFACT_FORMAT}. */
  format: typeof ARTIFACT_FORMAT;
  /** What the model is for, in a sentence. */
  description?: string;
  /** The plugin that predicts: its id and a semver range of its code, e.g. `^1.0.0`. */
  plugin: { id: string; version: string };
  /** What the model predicts. */
  task: "regression" | "binary" | "multiclass";
  /** The input features, in order. */
  features: Feature[];
  /** The predicted column and its classes. */
  target: Target;
  /** Steps core applies to the features, in order, before the plugin sees them. */
  preprocessing: Step[];
  /** The columns the plugin receives, in order; default: features with one-hot columns in place. */
  inputs?: string[];
  /** The plugin's own block; its parse() validates it. */
  coefficients: unknown;
  /** The hyperparameters the model was fitted with, by name. */
  hyperparameters: Record<string, string | number | boolean | null>;
  /** Where this version came from. */
  provenance: Provenance;
};

/** A published artifact: the body plus name, version and SHA-256. */
export type Artifact = ArtifactBody & {
  /** Model name. */
  name: string;
  /** Version number, from 1. */
  version: number;
  /** SHA-256 of the canonical JSON without this key. */
  sha256: string;
};
