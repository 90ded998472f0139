/**
 * Classification metrics from their totals: the one place that turns counts
 * and sums into values and reasons, for the streaming accumulator and for
 * engines that total the rows elsewhere (the SQL back-test).
 *
 * @module
 */
import { confusionMetrics } from "./confusion_metrics.ts";
import type { MetricsReport } from "./metric_accumulator.ts";
import { CLASSIFICATION_METRICS } from "./metric_names.ts";

/** Positive and negative rows of one ranking, and its area under the ROC curve. */
export interface RocTotals {
  /** Rows of the class. */
  readonly positives: number;
  /** Rows of the other classes. */
  readonly negatives: number;
  /** The area; called only when there are positives and negatives. */
  auc(): number;
}

/** What classification metrics are computed from, over the scored rows. */
export interface ClassificationTotals {
  /** Rows scored. */
  readonly rows: number;
  /** Row counts by `actual * classes + predicted`. */
  readonly confusion: Float64Array;
  /** Σ −log p(actual class), probabilities clipped to [ε, 1 − ε] and renormalised per row. */
  readonly logLoss: number;
  /** Σ (p_positive − y)² (binary models; ignored otherwise). */
  readonly brier: number;
  /** Binary: one ranking on the positive class's probability. Multiclass: one per class, one-vs-rest. */
  readonly roc: readonly RocTotals[];
}

/**
 * Every classification metric (see `metricsFor`) from totals: values, and
 * the reason for each one that is undefined. `positive` is the positive
 * class's index for a binary model, omitted for macro averages.
 *
 * @example
 * ```ts
 * import { classificationReport } from "./classification_report.ts";
 * const report = classificationReport({
 *   rows: 4, confusion: new Float64Array([4, 0, 0, 0]), logLoss: 0.4, brier: 0.1,
 *   roc: [{ positives: 0, negatives: 4, auc: () => NaN }],
 * }, 2, 1);
 * if (report.values.accuracy !== 1 || report.values.roc_auc !== null) throw new Error();
 * if (!report.reasons.roc_auc!.includes("none is of the positive class")) throw new Error();
 * ```
 */
export function classificationReport(
  totals: ClassificationTotals,
  classes: number,
  positive?: number,
): MetricsReport {
  const n = totals.rows;
  const outcomes: Record<string, number | string> = {
    ...confusionMetrics(totals.confusion, classes, positive),
    roc_auc: _rocAuc(totals, classes, positive),
    log_loss: n > 0 ? totals.logLoss / n : "no rows to score",
    brier: positive === undefined
      ? "brier is defined for binary classification only"
      : n > 0
      ? totals.brier / n
      : "no rows to score",
  };
  const values: Record<string, number | null> = {};
  const reasons: Record<string, string> = {};
  for (const name of CLASSIFICATION_METRICS) {
    const outcome = outcomes[name]!;
    values[name] = typeof outcome === "number" ? outcome : null;
    if (typeof outcome === "string") reasons[name] = outcome;
  }
  return { rows: n, values, reasons };
}

function _rocAuc(
  totals: ClassificationTotals,
  classes: number,
  positive: number | undefined,
): number | string {
  if (totals.rows === 0) return "no rows to score";
  if (positive !== undefined) {
    const scores = totals.roc[0]!;
    if (scores.positives === 0 || scores.negatives === 0) {
      const which = scores.positives === 0 ? "none is" : "all are";
      return `ROC AUC needs positive and negative rows, but ${which} of the positive class (class index ${positive})`;
    }
    return scores.auc();
  }
  const absent = totals.roc.flatMap((s, c) => (s.positives === 0 ? [c] : []));
  if (absent.length > 0) {
    return `one-vs-rest ROC AUC needs every class in the target, but no row is of class ${
      absent.join(", ")
    }`;
  }
  // With every class present (and at least two), every class has negatives too.
  let sum = 0;
  for (const scores of totals.roc) sum += scores.auc();
  return sum / classes;
}
