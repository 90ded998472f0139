/**
 * What every metric accumulator is: rows stream in, accumulators merge, and a
 * report can be read at any time.
 *
 * @module
 */

/**
 * Metric values over the rows seen so far. A value is `null` when the metric
 * is undefined for those rows (no rows, one class only, …), and `reasons`
 * then says why, in words for the user; metrics with a value have no reason.
 */
export interface MetricsReport {
  /** Number of rows scored. */
  rows: number;
  /** Every metric of the task (see `metricsFor`), by name. */
  values: Record<string, number | null>;
  /** For each `null` value, why it is undefined. */
  reasons: Record<string, string>;
}

/**
 * A streaming, mergeable set of metrics for one task. Memory does not grow
 * with the rows, except for exact ROC AUC (one count pair per distinct score).
 */
export interface MetricAccumulator {
  /**
   * Scores `n` rows. `target`: the value (regression) or class index
   * (classification) of each row. `outputs`: the predictor's batch output,
   * output-major: value `k` of row `i` is at `outputs[k * n + i]`, with 1
   * value per row for regression and one probability per class otherwise.
   */
  add(target: Float64Array, outputs: Float64Array, n: number): void;
  /** Adds the rows `other` has seen (same task, classes and positive class). */
  merge(other: MetricAccumulator): void;
  /** The metrics so far; more rows may be added afterwards. */
  finish(): MetricsReport;
}
