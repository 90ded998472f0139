/**
 * The entry point of the metrics library: an accumulator for a model's task.
 *
 * @module
 */
import type { Task } from "../contract/mod.ts";
import { invalid } from "../errors/mod.ts";
import { ClassificationAccumulator } from "./classification_accumulator.ts";
import type { MetricAccumulator } from "./metric_accumulator.ts";
import { RegressionAccumulator } from "./regression_accumulator.ts";

/** What {@linkcode createAccumulator} needs to know about the model. */
export interface AccumulatorOptions {
  /** The model's task. */
  task: Task;
  /** 1 for regression, 2 for binary, ≥ 3 for multiclass. */
  classes: number;
  /** Binary only: the class index of the positive label; default 1. */
  positive?: number;
}

/**
 * Creates the streaming accumulator of every metric of a task (see
 * `metricsFor`). Feed it the predictor's batch outputs as they come, merge
 * accumulators of partitions, and read a report at any time.
 *
 * @example
 * ```ts
 * import { createAccumulator } from "./create_accumulator.ts";
 * const acc = createAccumulator({ task: "binary", classes: 2 });
 * // Output-major probabilities: P(class 0) of both rows, then P(class 1).
 * acc.add(new Float64Array([1, 0]), new Float64Array([0.1, 0.6, 0.9, 0.4]), 2);
 * const report = acc.finish();
 * if (report.rows !== 2 || report.values.accuracy !== 1 || report.values.recall !== 1) throw new Error();
 * const other = createAccumulator({ task: "binary", classes: 2 });
 * other.add(new Float64Array([0]), new Float64Array([0.3, 0.7]), 1); // a false positive
 * acc.merge(other);
 * if (acc.finish().values.precision !== 0.5) throw new Error();
 * ```
 */
export function createAccumulator(options: AccumulatorOptions): MetricAccumulator {
  const { task, classes, positive } = options;
  const fail = (why: string) =>
    invalid(`Cannot create metrics for a ${task} model with ${classes} classes: ${why}`);
  if (task === "regression") {
    if (classes !== 1) throw fail("a regression model has classes = 1");
    if (positive !== undefined) throw fail("a positive class applies to binary models only");
    return new RegressionAccumulator();
  }
  if (task === "binary") {
    if (classes !== 2) throw fail("a binary model has classes = 2");
    const p = positive ?? 1;
    if (p !== 0 && p !== 1) {
      throw invalid(`Invalid positive class index ${p} for a binary model: use 0 or 1`);
    }
    return new ClassificationAccumulator(2, p);
  }
  if (task === "multiclass") {
    if (!Number.isInteger(classes) || classes < 3) {
      throw fail("a multiclass model has at least 3 classes");
    }
    if (positive !== undefined) {
      throw fail(
        "multiclass metrics are macro averages; a positive class applies to binary models only",
      );
    }
    return new ClassificationAccumulator(classes);
  }
  throw invalid(`Unknown task ${JSON.stringify(task)}: expected regression, binary or multiclass`);
}
