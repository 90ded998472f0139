/**
 * Streaming regression metrics: rmse, mae, r2 and mape.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { checkBatch } from "./check_batch.ts";
import { CompensatedSum } from "./compensated_sum.ts";
import type { MetricAccumulator, MetricsReport } from "./metric_accumulator.ts";
import { regressionReport } from "./regression_report.ts";

/** numpy's float64 machine epsilon: scikit-learn's floor for mape's denominator. */
const EPSILON = 2.220446049250313e-16;

/**
 * Accumulates regression metrics as scikit-learn defines them:
 * `rmse` = √mean((y − ŷ)²), `mae` = mean|y − ŷ|, `r2` = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²,
 * `mape` = mean(|ŷ − y| / max(|y|, ε)) with ε = 2.2e-16 (a fraction, not a
 * percentage). R² is `null` for a constant target, where scikit-learn
 * reports 1 or 0 by convention.
 *
 * @example
 * ```ts
 * import { RegressionAccumulator } from "./regression_accumulator.ts";
 * const acc = new RegressionAccumulator();
 * acc.add(new Float64Array([1, 2, 3]), new Float64Array([1, 2, 5]), 3);
 * const { values } = acc.finish();
 * if (values.mae !== 2 / 3 || values.r2 !== -1) throw new Error(JSON.stringify(values));
 * ```
 */
export class RegressionAccumulator implements MetricAccumulator {
  #rows = 0;
  #squaredErrors = new CompensatedSum();
  #absoluteErrors = new CompensatedSum();
  #relativeErrors = new CompensatedSum();
  // The target's mean and sum of squared deviations, merged batch by batch
  // (Chan et al.), and its range, which tells a constant target exactly.
  #mean = 0;
  #deviations = 0;
  #min = Infinity;
  #max = -Infinity;

  add(target: Float64Array, outputs: Float64Array, n: number): void {
    checkBatch(target, outputs, n, 1);
    // The whole batch is checked first, so that a refused batch changes nothing.
    for (let i = 0; i < n; i++) {
      const y = target[i]!, prediction = outputs[i]!;
      if (!Number.isFinite(y)) {
        throw invalid(`Cannot score row ${i} of the batch: its target is ${y}; drop or fill it`);
      }
      if (!Number.isFinite(prediction)) {
        throw invalid(`Cannot score row ${i} of the batch: the model predicted ${prediction}`);
      }
    }
    if (n === 0) return;
    const sum = new CompensatedSum();
    for (let i = 0; i < n; i++) {
      const y = target[i]!, prediction = outputs[i]!;
      const error = y - prediction;
      this.#squaredErrors.add(error * error);
      const absolute = Math.abs(error);
      this.#absoluteErrors.add(absolute);
      this.#relativeErrors.add(absolute / Math.max(Math.abs(y), EPSILON));
      sum.add(y);
      if (y < this.#min) this.#min = y;
      if (y > this.#max) this.#max = y;
    }
    const mean = sum.value / n;
    const deviations = new CompensatedSum();
    for (let i = 0; i < n; i++) {
      const d = target[i]! - mean;
      deviations.add(d * d);
    }
    this.#combine(n, mean, deviations.value);
  }

  merge(other: MetricAccumulator): void {
    if (!(other instanceof RegressionAccumulator)) {
      throw invalid("Cannot merge metrics of a classifier into metrics of a regression model");
    }
    const { rows, mean, deviations, min, max } = {
      rows: other.#rows,
      mean: other.#mean,
      deviations: other.#deviations,
      min: other.#min,
      max: other.#max,
    };
    this.#squaredErrors.merge(other.#squaredErrors);
    this.#absoluteErrors.merge(other.#absoluteErrors);
    this.#relativeErrors.merge(other.#relativeErrors);
    this.#min = Math.min(this.#min, min);
    this.#max = Math.max(this.#max, max);
    if (rows > 0) this.#combine(rows, mean, deviations);
  }

  finish(): MetricsReport {
    return regressionReport({
      rows: this.#rows,
      squaredErrors: this.#squaredErrors.value,
      absoluteErrors: this.#absoluteErrors.value,
      relativeErrors: this.#relativeErrors.value,
      deviations: this.#deviations,
      constant: this.#min === this.#max ? this.#min : null,
    });
  }

  /** Adds a group of `rows` rows with the given target mean and sum of squared deviations. */
  #combine(rows: number, mean: number, deviations: number): void {
    const before = this.#rows, total = before + rows;
    const delta = mean - this.#mean;
    this.#deviations += deviations + delta * delta * (before * rows / total);
    this.#mean += delta * (rows / total);
    this.#rows = total;
  }
}
