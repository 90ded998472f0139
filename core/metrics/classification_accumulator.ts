/**
 * Streaming classification metrics for binary and multiclass models.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { checkBatch } from "./check_batch.ts";
import { CompensatedSum } from "./compensated_sum.ts";
import { classificationReport } from "./classification_report.ts";
import type { MetricAccumulator, MetricsReport } from "./metric_accumulator.ts";
import { ScoreCounts } from "./score_counts.ts";

/** numpy's float64 machine epsilon: `log_loss(eps="auto")` clips probabilities to [ε, 1 − ε]. */
const EPSILON = 2.220446049250313e-16;

/**
 * Accumulates classification metrics from class probabilities. The predicted
 * class is the first most probable one (numpy's `argmax`). With a `positive`
 * class (binary models) precision, recall, f1, fpr and brier are those of
 * that class and roc_auc ranks its probability; without (multiclass) they are
 * macro averages, roc_auc is one-vs-rest macro, and brier is undefined.
 *
 * @example
 * ```ts
 * import { ClassificationAccumulator } from "./classification_accumulator.ts";
 * const acc = new ClassificationAccumulator(2, 1);
 * // Two rows: P(class 1) = 0.8 for a positive, 0.3 for a negative.
 * acc.add(new Float64Array([1, 0]), new Float64Array([0.2, 0.7, 0.8, 0.3]), 2);
 * const { values } = acc.finish();
 * if (values.accuracy !== 1 || values.roc_auc !== 1) throw new Error(JSON.stringify(values));
 * ```
 */
export class ClassificationAccumulator implements MetricAccumulator {
  readonly #classes: number;
  readonly #positive: number | undefined;
  #rows = 0;
  /** Row counts by `actual * classes + predicted`. */
  #confusion: Float64Array;
  #logLoss = new CompensatedSum();
  #brier = new CompensatedSum();
  /** Binary: one, on the positive class's probability. Multiclass: one per class, one-vs-rest. */
  #scores: ScoreCounts[];

  /** `classes` ≥ 2; `positive` = the positive class's index for a binary model, omitted for macro averages. */
  constructor(classes: number, positive?: number) {
    this.#classes = classes;
    this.#positive = positive;
    this.#confusion = new Float64Array(classes * classes);
    this.#scores = Array.from(
      { length: positive === undefined ? classes : 1 },
      () => new ScoreCounts(),
    );
  }

  add(target: Float64Array, outputs: Float64Array, n: number): void {
    const k = this.#classes, positive = this.#positive;
    checkBatch(target, outputs, n, k);
    // The whole batch is checked first, so that a refused batch changes nothing.
    for (let i = 0; i < n; i++) {
      const y = target[i]!;
      if (!Number.isInteger(y) || y < 0 || y >= k) {
        throw invalid(
          `Cannot score row ${i} of the batch: its target is ${y}, expected a class index 0…${
            k - 1
          }`,
        );
      }
      for (let c = 0; c < k; c++) {
        const p = outputs[c * n + i]!;
        if (!Number.isFinite(p)) {
          throw invalid(
            `Cannot score row ${i} of the batch: the model gave class ${c} the probability ${p}`,
          );
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const y = target[i]!;
      let best = 0, bestProbability = -Infinity, clippedSum = 0;
      for (let c = 0; c < k; c++) {
        const p = outputs[c * n + i]!;
        if (p > bestProbability) {
          best = c;
          bestProbability = p;
        }
        clippedSum += _clip(p);
      }
      this.#confusion[y * k + best]! += 1;
      // scikit-learn clips, renormalises the row, then takes -log of the true class's share.
      this.#logLoss.add(-Math.log(_clip(outputs[y * n + i]!) / clippedSum));
      if (positive !== undefined) {
        const p = outputs[positive * n + i]!, isPositive = y === positive;
        const d = (isPositive ? 1 : 0) - p;
        this.#brier.add(d * d);
        this.#scores[0]!.add(p, isPositive);
      } else {
        for (let c = 0; c < k; c++) this.#scores[c]!.add(outputs[c * n + i]!, y === c);
      }
    }
    this.#rows += n;
  }

  merge(other: MetricAccumulator): void {
    if (!(other instanceof ClassificationAccumulator)) {
      throw invalid("Cannot merge metrics of a regression model into metrics of a classifier");
    }
    if (other.#classes !== this.#classes || other.#positive !== this.#positive) {
      throw invalid(
        `Cannot merge metrics of ${other.#classes} classes (positive ${
          other.#positive ?? "none"
        }) into metrics of ` +
          `${this.#classes} classes (positive ${
            this.#positive ?? "none"
          }): they score different models`,
      );
    }
    const confusion = other.#confusion.slice();
    for (let j = 0; j < confusion.length; j++) this.#confusion[j]! += confusion[j]!;
    this.#logLoss.merge(other.#logLoss);
    this.#brier.merge(other.#brier);
    other.#scores.forEach((scores, c) => this.#scores[c]!.merge(scores));
    this.#rows += other.#rows;
  }

  finish(): MetricsReport {
    return classificationReport(
      {
        rows: this.#rows,
        confusion: this.#confusion,
        logLoss: this.#logLoss.value,
        brier: this.#brier.value,
        roc: this.#scores,
      },
      this.#classes,
      this.#positive,
    );
  }
}

function _clip(p: number): number {
  return p < EPSILON ? EPSILON : p > 1 - EPSILON ? 1 - EPSILON : p;
}
