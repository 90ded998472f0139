/**
 * Metrics read off a confusion matrix: accuracy, precision, recall, f1 and
 * the false-positive rate, for one positive class or macro-averaged.
 *
 * @module
 */
/** A metric's value, or (a string) the reason it is undefined. */
export type MetricOutcome = number | string;

/**
 * Scores a `classes × classes` confusion matrix (`confusion[actual * classes + predicted]`
 * counts rows). With `positive`, precision, recall, f1 and fpr are those of
 * that class (binary); without, they are macro averages over the classes
 * that occur in the target or the predictions, as scikit-learn's
 * `average="macro"` takes them. Where scikit-learn would substitute 0 for a
 * division by zero (`zero_division`), the outcome is a reason instead; f1 is
 * `2·p·r/(p + r)` with an undefined p or r taken as 0, so it is undefined only
 * for a class that neither occurs nor is predicted (scikit-learn ≥ 1.3 agrees).
 *
 * @example
 * ```ts
 * import { confusionMetrics } from "./confusion_metrics.ts";
 * // 3 negatives (2 right), 2 positives (1 right).
 * const m = confusionMetrics(new Float64Array([2, 1, 1, 1]), 2, 1);
 * if (m.accuracy !== 0.6 || m.precision !== 0.5 || m.recall !== 0.5 || m.fpr !== 1 / 3) throw new Error();
 * const none = confusionMetrics(new Float64Array([5, 0, 0, 0]), 2, 1);
 * if (typeof none.precision !== "string") throw new Error("precision without predicted positives");
 * ```
 */
export function confusionMetrics(
  confusion: Float64Array,
  classes: number,
  positive?: number,
): Record<"accuracy" | "precision" | "recall" | "f1" | "fpr", MetricOutcome> {
  const actual = new Float64Array(classes), predicted = new Float64Array(classes);
  let rows = 0, correct = 0;
  for (let a = 0; a < classes; a++) {
    for (let q = 0; q < classes; q++) {
      const count = confusion[a * classes + q]!;
      actual[a]! += count;
      predicted[q]! += count;
      rows += count;
    }
    correct += confusion[a * classes + a]!;
  }
  if (rows === 0) {
    return {
      accuracy: "no rows to score",
      precision: "no rows to score",
      recall: "no rows to score",
      f1: "no rows to score",
      fpr: "no rows to score",
    };
  }
  const tp = (c: number) => confusion[c * classes + c]!;
  const accuracy = correct / rows;

  if (positive !== undefined) {
    const c = positive, which = `the positive class (class index ${c})`;
    return {
      accuracy,
      precision: predicted[c]! > 0
        ? tp(c) / predicted[c]!
        : `no row was predicted as ${which}, so precision (true positives / predicted positives) is undefined`,
      recall: actual[c]! > 0
        ? tp(c) / actual[c]!
        : `no row is of ${which}, so recall (true positives / actual positives) is undefined`,
      f1: actual[c]! + predicted[c]! > 0
        ? _f1(tp(c), predicted[c]!, actual[c]!)
        : `no row is of, or was predicted as, ${which}, so F1 is undefined`,
      fpr: rows - actual[c]! > 0
        ? (predicted[c]! - tp(c)) / (rows - actual[c]!)
        : `every row is of ${which}; with no negatives the false-positive rate is undefined`,
    };
  }

  const labels: number[] = [];
  for (let c = 0; c < classes; c++) if (actual[c]! > 0 || predicted[c]! > 0) labels.push(c);
  const macro = (
    undefinedFor: (c: number) => boolean,
    why: (list: string) => string,
    value: (c: number) => number,
  ) => {
    const bad = labels.filter(undefinedFor);
    return bad.length > 0 ? why(_classList(bad)) : _mean(labels.map(value));
  };
  return {
    accuracy,
    precision: macro(
      (c) => predicted[c] === 0,
      (list) =>
        `no row was predicted as ${list} (present in the target), so per-class precision and its macro average are undefined`,
      (c) => tp(c) / predicted[c]!,
    ),
    recall: macro(
      (c) => actual[c] === 0,
      (list) =>
        `no row of the target is of ${list} (which the model predicted), so per-class recall and its macro average are undefined`,
      (c) => tp(c) / actual[c]!,
    ),
    // Every label occurs in the target or the predictions, so its F1 is defined.
    f1: _mean(labels.map((c) => _f1(tp(c), predicted[c]!, actual[c]!))),
    fpr: macro(
      (c) => rows - actual[c]! === 0,
      (list) =>
        `every row is of ${list}, leaving it no negatives, so per-class false-positive rate and its macro average are undefined`,
      (c) => (predicted[c]! - tp(c)) / (rows - actual[c]!),
    ),
  };
}

/** scikit-learn's F1 of one class, with an undefined precision or recall taken as 0. */
function _f1(truePositives: number, predicted: number, actual: number): number {
  const precision = predicted > 0 ? truePositives / predicted : 0;
  const recall = actual > 0 ? truePositives / actual : 0;
  const denominator = precision + recall;
  return denominator === 0 ? 0 : 2 * precision * recall / denominator;
}

/** numpy's mean of a few values: summed in order (numpy's order below 8 values), then divided. */
function _mean(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** "class 2", "classes 1 and 4", "classes 0, 1 and 3". */
function _classList(classes: number[]): string {
  if (classes.length === 1) return `class ${classes[0]}`;
  return `classes ${classes.slice(0, -1).join(", ")} and ${classes.at(-1)}`;
}
