/**
 * The predictor contract between core and plugins.
 *
 * A plugin is one algorithm. It never sees files, names or raw rows: core
 * reads the artifact, applies the declared preprocessing and hands the
 * plugin a dense numeric matrix, one `Float64Array` per input column.
 *
 * ```text
 * artifact.coefficients ──parse──▶ C ──compile──▶ Predictor
 * TrainingData + Params ──fit────▶ coefficients (JSON)
 * ```
 *
 * @module
 */
import type { Params, ParamSpace } from "./params.ts";

/** What a model predicts. */
export type Task = "regression" | "binary" | "multiclass";

/** All tasks, in a stable order. */
export const TASKS: readonly Task[] = ["regression", "binary", "multiclass"];

/** What a plugin is told about the model it serves. */
export interface ModelShape {
  /** What the model predicts. */
  readonly task: Task;
  /** Names of the numeric columns the plugin receives, in order, after preprocessing. */
  readonly inputs: readonly string[];
  /** Number of classes: 2 for binary, ≥ 3 for multiclass, 1 for regression. */
  readonly classes: number;
}

/**
 * A compiled model. Outputs are one value per row for regression, and one
 * probability per class for classifiers (in the artifact's label order).
 * Batch outputs are output-major: value `k` of row `i` is `out[k * n + i]`,
 * so each output is a contiguous column, like the inputs.
 */
export interface Predictor {
  /** Values per row: 1 for regression, the number of classes for classifiers. */
  readonly width: number;
  /**
   * Predicts `n` rows given as one column per input. Must not modify
   * `columns`. Writes into `out` when given (length ≥ `width * n`).
   */
  predictBatch(columns: readonly Float64Array[], n: number, out?: Float64Array): Float64Array;
  /** Predicts one row, given as one value per input in order. */
  predictRow(row: ArrayLike<number>, out?: Float64Array): Float64Array;
}

/** What `fit` learns from: the dense matrix core built, and the target. */
export interface TrainingData {
  /** The shape of the model being fitted. */
  readonly shape: ModelShape;
  /** One column per input, each of length `n`. */
  readonly columns: readonly Float64Array[];
  /** Number of rows. */
  readonly n: number;
  /** Regression: the target value. Classification: the class index, 0…classes-1. */
  readonly target: Float64Array;
}

/**
 * Capabilities a plugin declares. Core routes on these tags, never on
 * `instanceof`; unspecified tags take {@linkcode DEFAULT_TAGS}.
 */
export interface Tags {
  /** The predictor accepts NaN inputs itself; otherwise core refuses missing values that no imputer fills. */
  readonly handles_missing: boolean;
  /** `fit` returns the same coefficients for the same data and params (a `seed` param counts). */
  readonly deterministic_fit: boolean;
  /** Inputs are rounded to 32-bit floats before comparison, as scikit-learn's trees do. */
  readonly float32_inputs: boolean;
  /**
   * An output is NaN or ±Infinity (NULL or non-finite in `toSQL`'s SQL)
   * whenever an input is NaN, ±Infinity or missing: the prediction is
   * arithmetic that carries them through (as `w·x + b` does), never a
   * branch on an input. The SQL engine then looks for refused rows in the
   * outputs alone. `checkPlugin` tests the claim.
   */
  readonly strict_outputs: boolean;
}

/** The tags a plugin has unless it says otherwise. */
export const DEFAULT_TAGS: Tags = Object.freeze({
  handles_missing: false,
  deterministic_fit: true,
  float32_inputs: false,
  strict_outputs: false,
});

/**
 * SQL for a model: one expression per output (see {@linkcode Predictor.width}),
 * over the SQL expressions of the plugin's inputs.
 */
export type SqlExpressions = string[];

/**
 * One algorithm. `C` is the plugin's own typed form of its coefficient block.
 */
export interface Plugin<C = unknown> {
  /** Stable identifier, the folder name under `plugins/`: lower case, digits, `_`. */
  readonly id: string;
  /** Semantic version of the prediction code; artifacts name a range it must satisfy. */
  readonly version: string;
  /** One line for `plugins list`. */
  readonly description: string;
  /** The tasks this algorithm serves. */
  readonly tasks: readonly Task[];
  /** Declared capabilities, merged over {@linkcode DEFAULT_TAGS}. */
  readonly tags: Tags;
  /**
   * Validates an artifact's `coefficients` block against the model's shape.
   * Throws a `RatchetError` naming the JSON path (`$.coefficients.weights[3]`).
   */
  parse(coefficients: unknown, shape: ModelShape): C;
  /** Builds the predictor. `coefficients` came from `parse` or `fit`. */
  compile(coefficients: C, shape: ModelShape): Predictor;
  /** The hyperparameters `fit` takes, with defaults and search ranges. */
  readonly params?: ParamSpace;
  /**
   * Learns coefficients and returns them as a plain JSON coefficient block,
   * exactly what `parse` accepts and what the artifact stores (no typed
   * arrays). `params` is complete: core fills defaults from `params`.
   */
  fit?(data: TrainingData, params: Params): unknown;
  /** Compiles the model to SQL, one expression per output. */
  toSQL?(coefficients: C, shape: ModelShape, inputs: readonly string[]): SqlExpressions;
  /**
   * The compiled model as standalone JavaScript, for exported bundles: the
   * source of an expression that evaluates, with no free names but
   * ECMAScript's globals, to a {@linkcode Predictor} giving bit for bit the
   * numbers `compile` gives. `jsPredictor` (js_source.ts) writes it from
   * the very functions `compile` runs.
   */
  toJS?(coefficients: C, shape: ModelShape): string;
}

/** What a plugin module's author writes: tags may be partial. */
export type PluginDefinition<C> = Omit<Plugin<C>, "tags"> & { readonly tags?: Partial<Tags> };
