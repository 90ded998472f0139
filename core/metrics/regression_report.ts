/**
 * Regression metrics from their totals: the one place that turns sums into
 * values and reasons, for the streaming accumulator and for engines that
 * total the rows elsewhere (the SQL back-test).
 *
 * @module
 */
import type { MetricsReport } from "./metric_accumulator.ts";
import { REGRESSION_METRICS } from "./metric_names.ts";

/** What regression metrics are computed from, over the scored rows. */
export interface RegressionTotals {
  /** Rows scored. */
  readonly rows: number;
  /** Σ (y − ŷ)². */
  readonly squaredErrors: number;
  /** Σ |y − ŷ|. */
  readonly absoluteErrors: number;
  /** Σ |y − ŷ| / max(|y|, ε). */
  readonly relativeErrors: number;
  /** Σ (y − ȳ)²: the target's sum of squared deviations from its mean. */
  readonly deviations: number;
  /**
   * The target's value when every row has the same one (the smallest equals
   * the largest), which leaves R² undefined; null when it varies.
   */
  readonly constant: number | null;
}

/**
 * Every regression metric (see `metricsFor`) from totals: values, and the
 * reason for each one that is undefined.
 *
 * @example
 * ```ts
 * import { regressionReport } from "./regression_report.ts";
 * const report = regressionReport({
 *   rows: 2, squaredErrors: 2, absoluteErrors: 2, relativeErrors: 1, deviations: 0, constant: 3,
 * });
 * if (report.values.rmse !== 1 || report.values.r2 !== null) throw new Error();
 * if (!report.reasons.r2!.includes("the target is constant (every row is 3)")) throw new Error();
 * ```
 */
export function regressionReport(totals: RegressionTotals): MetricsReport {
  const n = totals.rows;
  const values: Record<string, number | null> = {};
  const reasons: Record<string, string> = {};
  for (const name of REGRESSION_METRICS) {
    values[name] = null;
    reasons[name] = "no rows to score";
  }
  if (n === 0) return { rows: 0, values, reasons };
  const set = (name: string, value: number) => {
    values[name] = value;
    delete reasons[name];
  };
  set("rmse", Math.sqrt(totals.squaredErrors / n));
  set("mae", totals.absoluteErrors / n);
  set("mape", totals.relativeErrors / n);
  if (totals.constant !== null) {
    reasons.r2 =
      `the target is constant (every row is ${totals.constant}${
        n === 1 ? ", in the only row" : ""
      }): ` +
      "R² compares errors with the target's variance, which is 0, so it is undefined";
  } else {
    set("r2", 1 - totals.squaredErrors / totals.deviations);
  }
  return { rows: n, values, reasons };
}
