/**
 * The requirements file, `models/<name>/requirements.json`: per metric a
 * minimum (or maximum), a mean and a range that the model must meet, the
 * baseline the champion measured, and the history of every change.
 *
 * The types are spelled out here for readers and `deno doc`; `schema.ts`
 * holds the zod schema that checks files against them.
 *
 * @module
 */
import {
  CLASSIFICATION_METRICS,
  LOWER_IS_BETTER,
  type MetricName,
  REGRESSION_METRICS,
} from "../metrics/mod.ts";

/** Every metric name, classification first, in report order: the order of files and reports. */
export const ALL_METRICS: readonly MetricName[] = Object.freeze([
  ...CLASSIFICATION_METRICS,
  ...REGRESSION_METRICS,
]);

/** The `format` tag of requirements files. */
export const REQUIREMENTS_FORMAT = "ratchet.requirements/v1";

/**
 * What a model must meet on one metric. `min` applies to metrics where
 * higher is better and `max` to those where lower is better (rmse, mae,
 * mape, log_loss, brier, fpr); never both.
 */
export interface MetricRequirement {
  /** Every evaluated partition must reach at least this (higher-is-better metrics only). */
  min?: number;
  /** Every evaluated partition must stay at or below this (lower-is-better metrics only). */
  max?: number;
  /** The mean over partitions must reach this: ≥ when higher is better, ≤ when lower is better. */
  mean?: number;
  /** Every partition's value must lie in `[lo, hi]`, bounds included. */
  range?: [number, number];
  /**
   * How much a challenger must beat the champion by on this metric, in
   * metric units (≥ 0). Used when challenging; `check` does not test it.
   */
  min_improvement?: number;
}

/** The kinds of threshold a metric can have. */
export type ThresholdKind = "min" | "max" | "mean" | "range" | "min_improvement";

/** The kinds of threshold, in file and report order. */
export const THRESHOLD_KINDS: readonly ThresholdKind[] = Object.freeze(
  ["min", "max", "mean", "range", "min_improvement"] as const,
);

/** A threshold's value: a number, or `[lo, hi]` for a range. */
export type ThresholdValue = number | [number, number];

/** Where `check` and `ratchet` measure when no `--input` is given. */
export interface EvaluationSample {
  /** A file beside requirements.json, e.g. `evaluation.csv`. */
  sample: string;
  /** The label column; default: the model's target name. */
  target?: string;
  /** The column that names partitions (e.g. `month`); default: one partition. */
  partition_by?: string;
}

/** One metric over the baseline's partitions. */
export interface BaselineMetric {
  /** Smallest partition value. */
  min: number;
  /** Mean over partitions (each counts once). */
  mean: number;
  /** Largest partition value. */
  max: number;
}

/** The data a baseline was measured on. */
export interface BaselineData {
  /** The evaluation sample's file name, or the input's path. */
  source: string;
  /** The partition column, when the rows were partitioned. */
  partition_by?: string;
  /** How many partitions (1 when not partitioned). */
  partitions: number;
  /** How many rows. */
  rows: number;
  /** First and last partition label, when partitioned. */
  window?: { from: string; to: string };
}

/** What the champion measured when the thresholds were last set from it. */
export interface Baseline {
  /** The champion's version. */
  version: number;
  /** When it was measured (ISO 8601). */
  measured: string;
  /** What it was measured on. */
  data: BaselineData;
  /** Per metric min, mean and max over partitions; metrics undefined everywhere are absent. */
  metrics: Partial<Record<MetricName, BaselineMetric>>;
}

/** What a history entry did. `lower` marks any change that loosened a threshold. */
export type HistoryAction = "init" | "set" | "ratchet" | "lower";

/** One threshold changed: `null` means absent (added when `from` is null, removed when `to` is). */
export interface RequirementChange {
  /** The metric. */
  metric: MetricName;
  /** Which threshold. */
  kind: ThresholdKind;
  /** The value before, or `null` when there was none. */
  from: ThresholdValue | null;
  /** The value after, or `null` when it was removed. */
  to: ThresholdValue | null;
}

/** One change to the requirements, with why. The history is append-only. */
export interface HistoryEntry {
  /** When (ISO 8601). */
  date: string;
  /** What kind of change. */
  action: HistoryAction;
  /** Why, in words. */
  reason: string;
  /** Who, when known. */
  by?: string;
  /** The primary metric, when this entry changed it. */
  primary?: { from: MetricName | null; to: MetricName };
  /** The thresholds changed. */
  changes: RequirementChange[];
}

/** A whole requirements file. */
export interface Requirements {
  /** Always {@linkcode REQUIREMENTS_FORMAT}. */
  format: typeof REQUIREMENTS_FORMAT;
  /** The metric that matters most: challenges compare on it, ratchet always sets it. */
  primary: MetricName;
  /** Thresholds per metric. */
  metrics: Partial<Record<MetricName, MetricRequirement>>;
  /** The sample `check` and `ratchet` measure on by default. */
  evaluation?: EvaluationSample;
  /** What the champion measured. */
  baseline?: Baseline;
  /** Every change, oldest first. */
  history: HistoryEntry[];
}

/**
 * The threshold that bounds every partition for a metric: `max` when lower
 * is better, else `min`.
 *
 * @example
 * ```ts
 * import { boundKind } from "./requirements.ts";
 * if (boundKind("rmse") !== "max" || boundKind("roc_auc") !== "min") throw new Error();
 * ```
 */
export function boundKind(metric: MetricName): "min" | "max" {
  return LOWER_IS_BETTER.has(metric) ? "max" : "min";
}
