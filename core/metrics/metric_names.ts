/**
 * The names of the metrics ratchet measures, used in requirements, reports
 * and JSON output, and which way each one improves.
 *
 * @module
 */
import type { Task } from "../contract/mod.ts";

/** A metric's name. Definitions follow `sklearn.metrics`; see `README.md` beside this file. */
export type MetricName =
  | "accuracy"
  | "precision"
  | "recall"
  | "f1"
  | "roc_auc"
  | "log_loss"
  | "brier"
  | "fpr"
  | "rmse"
  | "mae"
  | "r2"
  | "mape";

/**
 * Metrics of classifiers, in report order. For multiclass models precision,
 * recall, f1 and fpr are macro averages, and brier is reported as `null`
 * (it is defined for binary models only).
 */
export const CLASSIFICATION_METRICS: readonly MetricName[] = Object.freeze(
  [
    "accuracy",
    "precision",
    "recall",
    "f1",
    "roc_auc",
    "log_loss",
    "brier",
    "fpr",
  ] as const,
);

/** Metrics of regression models, in report order. */
export const REGRESSION_METRICS: readonly MetricName[] = Object.freeze(
  ["rmse", "mae", "r2", "mape"] as const,
);

/** Metrics where a smaller value is better; for all others larger is better. */
export const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set<MetricName>([
  "rmse",
  "mae",
  "mape",
  "log_loss",
  "brier",
  "fpr",
]);

/**
 * The metrics reported for a task, in report order.
 *
 * @example
 * ```ts
 * import { LOWER_IS_BETTER, metricsFor } from "./metric_names.ts";
 * if (metricsFor("regression").join() !== "rmse,mae,r2,mape") throw new Error();
 * if (!metricsFor("binary").includes("roc_auc") || !LOWER_IS_BETTER.has("log_loss")) throw new Error();
 * ```
 */
export function metricsFor(task: Task): readonly MetricName[] {
  return task === "regression" ? REGRESSION_METRICS : CLASSIFICATION_METRICS;
}
