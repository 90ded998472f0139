/**
 * Metrics: streaming, mergeable accumulators of scikit-learn's metrics, used
 * by `evaluate`, back-tests (per partition, merged over history) and
 * challenges. Undefined metrics are `null` with a reason, never 0 or NaN.
 *
 * @module
 */
export * from "./metric_names.ts";
export * from "./metric_accumulator.ts";
export * from "./create_accumulator.ts";
export * from "./classification_report.ts";
export * from "./regression_report.ts";
export { rocArea } from "./score_counts.ts";
