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
