import assert from "node:assert/strict";
import { confusionMetrics } from "./confusion_metrics.ts";

/** A confusion matrix from `[actual, predicted]` pairs. */
function confusion(classes: number, pairs: [number, number][]): Float64Array {
  const m = new Float64Array(classes * classes);
  for (const [a, q] of pairs) m[a * classes + q]! += 1;
  return m;
}

const repeat = (times: number, pair: [number, number]): [number, number][] =>
  Array.from({ length: times }, () => pair);

Deno.test("binary metrics of the positive class, by hand", () => {
  // TP 3, FN 1, FP 2, TN 4.
  const m = confusion(2, [
    ...repeat(3, [1, 1]),
    ...repeat(1, [1, 0]),
    ...repeat(2, [0, 1]),
    ...repeat(4, [0, 0]),
  ]);
  const p = 3 / 5, r = 3 / 4;
  assert.deepEqual(confusionMetrics(m, 2, 1), {
    accuracy: 7 / 10,
    precision: p,
    recall: r,
    f1: 2 * p * r / (p + r),
    fpr: 2 / 6,
  });
  // The same rows with class 0 as the positive class: TP 4, FN 2, FP 1, TN 3.
  const p0 = 4 / 5, r0 = 4 / 6;
  assert.deepEqual(confusionMetrics(m, 2, 0), {
    accuracy: 7 / 10,
    precision: p0,
    recall: r0,
    f1: 2 * p0 * r0 / (p0 + r0),
    fpr: 1 / 4,
  });
});

Deno.test("binary metrics that divide by zero are reasons, not 0", () => {
  const noPredictedPositives = confusionMetrics(confusion(2, [[1, 0], [0, 0]]), 2, 1);
  assert.match(
    String(noPredictedPositives.precision),
    /no row was predicted as the positive class \(class index 1\)/,
  );
  assert.equal(noPredictedPositives.recall, 0); // a positive was missed: recall is 0, and defined
  assert.equal(noPredictedPositives.f1, 0); // F1 = 2TP / (2TP + FP + FN) = 0
  assert.equal(noPredictedPositives.fpr, 0);

  const noActualPositives = confusionMetrics(confusion(2, [[0, 1], [0, 0]]), 2, 1);
  assert.match(String(noActualPositives.recall), /no row is of the positive class/);
  assert.equal(noActualPositives.precision, 0);
  assert.equal(noActualPositives.f1, 0);

  const noPositivesAtAll = confusionMetrics(confusion(2, [[0, 0], [0, 0]]), 2, 1);
  for (const name of ["precision", "recall", "f1"] as const) {
    assert.equal(typeof noPositivesAtAll[name], "string", name);
  }
  assert.match(
    String(noPositivesAtAll.f1),
    /no row is of, or was predicted as, the positive class/,
  );
  assert.equal(noPositivesAtAll.fpr, 0);
  assert.equal(noPositivesAtAll.accuracy, 1);

  const allPositive = confusionMetrics(confusion(2, [[1, 1], [1, 0]]), 2, 1);
  assert.match(String(allPositive.fpr), /every row is of the positive class.*no negatives/);
  assert.equal(allPositive.precision, 1);

  const empty = confusionMetrics(new Float64Array(4), 2, 1);
  for (const value of Object.values(empty)) assert.equal(value, "no rows to score");
});

Deno.test("macro averages run over the classes in the target or the predictions", () => {
  // Class 3 of 4 never occurs and is never predicted: it is left out, as in scikit-learn.
  const m = confusion(4, [[0, 0], [0, 0], [0, 1], [1, 1], [2, 2], [2, 0]]);
  const precision = [2 / 3, 1 / 2, 1], recall = [2 / 3, 1, 1 / 2];
  const f1 = precision.map((p, c) => 2 * p * recall[c]! / (p + recall[c]!));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  // FP / (rows not of the class): class 0: 1/3, class 1: 1/5, class 2: 0/4.
  assert.deepEqual(confusionMetrics(m, 4), {
    accuracy: 4 / 6,
    precision: mean(precision),
    recall: mean(recall),
    f1: mean(f1),
    fpr: mean([1 / 3, 1 / 5, 0]),
  });
});

Deno.test("a macro average over a class whose metric is undefined is a reason naming the class", () => {
  const neverPredicted = confusionMetrics(confusion(3, [[0, 0], [1, 0], [2, 2], [1, 2]]), 3);
  assert.match(
    String(neverPredicted.precision),
    /no row was predicted as class 1 \(present in the target\)/,
  );
  assert.equal(typeof neverPredicted.recall, "number");

  const neverActual = confusionMetrics(confusion(3, [[0, 0], [0, 1], [0, 2], [2, 2]]), 3);
  assert.match(
    String(neverActual.recall),
    /no row of the target is of class 1 \(which the model predicted\)/,
  );

  const twoNeverActual = confusionMetrics(confusion(4, [[0, 0], [0, 1], [0, 2], [3, 3]]), 4);
  assert.match(String(twoNeverActual.recall), /classes 1 and 2/);

  const oneClass = confusionMetrics(confusion(3, [[2, 2], [2, 0]]), 3);
  assert.match(String(oneClass.fpr), /every row is of class 2/);
  assert.equal(typeof oneClass.f1, "number"); // F1 stays defined for every class present
});
