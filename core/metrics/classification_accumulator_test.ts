import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { ClassificationAccumulator } from "./classification_accumulator.ts";
import { CLASSIFICATION_METRICS } from "./metric_names.ts";
import { RegressionAccumulator } from "./regression_accumulator.ts";

/** Output-major probabilities from one row per entry. */
function outputs(rows: number[][]): Float64Array {
  const n = rows.length, k = rows[0]!.length;
  const out = new Float64Array(n * k);
  rows.forEach((row, i) => row.forEach((p, c) => (out[c * n + i] = p)));
  return out;
}

function scored(classes: number, positive: number | undefined, target: number[], rows: number[][]) {
  const acc = new ClassificationAccumulator(classes, positive);
  acc.add(Float64Array.from(target), outputs(rows), target.length);
  return acc.finish();
}

const refused = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof RatchetError && pattern.test(e.message));

Deno.test("no rows: every classification metric is null, with a reason", () => {
  for (const acc of [new ClassificationAccumulator(2, 1), new ClassificationAccumulator(4)]) {
    const report = acc.finish();
    assert.equal(report.rows, 0);
    assert.deepEqual(Object.keys(report.values), [...CLASSIFICATION_METRICS]);
    for (const name of CLASSIFICATION_METRICS) {
      assert.equal(report.values[name], null, name);
      assert.ok(report.reasons[name]!.length > 0, name);
    }
  }
});

Deno.test("log_loss clips to [eps, 1-eps] and renormalises, brier is the mean squared error of P(positive)", () => {
  const eps = 2.220446049250313e-16;
  // Row 1: certain and wrong. Row 2: right with 0.75.
  const report = scored(2, 1, [1, 0], [[1, 0], [0.75, 0.25]]);
  const expected = (-Math.log(eps / (1 - eps + eps)) - Math.log(0.75 / 1)) / 2;
  assert.equal(report.values.log_loss, expected);
  assert.equal(report.values.brier, (1 + 0.0625) / 2);
  // A multiclass row whose probabilities do not sum to 1 is renormalised first.
  const multi = scored(3, undefined, [2], [[0.2, 0.2, 0.4]]);
  assert.equal(multi.values.log_loss, -Math.log(0.4 / 0.8));
});

Deno.test("the predicted class is the first most probable one", () => {
  // Ties between 0.5 and 0.5 go to class 0: with class 1 positive nothing is predicted positive.
  const report = scored(2, 1, [1, 0], [[0.5, 0.5], [0.5, 0.5]]);
  assert.equal(report.values.accuracy, 0.5);
  assert.equal(report.values.precision, null);
  assert.match(report.reasons.precision!, /no row was predicted as the positive class/);
  assert.equal(report.values.roc_auc, 0.5);
  const multi = scored(3, undefined, [1, 2, 0], [[0.2, 0.4, 0.4], [0.1, 0.45, 0.45], [
    0.3,
    0.3,
    0.4,
  ]]);
  assert.equal(multi.values.accuracy, 1 / 3);
});

Deno.test("roc_auc is null with a reason when a class is missing", () => {
  const allPositive = scored(2, 1, [1, 1], [[0.3, 0.7], [0.6, 0.4]]);
  assert.equal(allPositive.values.roc_auc, null);
  assert.match(allPositive.reasons.roc_auc!, /all are of the positive class/);
  assert.equal(allPositive.values.recall, 0.5);

  const nonePositive = scored(2, 1, [0, 0], [[0.3, 0.7], [0.6, 0.4]]);
  assert.match(nonePositive.reasons.roc_auc!, /none is of the positive class/);
  assert.match(nonePositive.reasons.recall!, /no row is of the positive class/);
  assert.equal(nonePositive.values.fpr, 0.5);

  const classAbsent = scored(3, undefined, [0, 1, 0], [[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [
    0.4,
    0.4,
    0.2,
  ]]);
  assert.equal(classAbsent.values.roc_auc, null);
  assert.match(classAbsent.reasons.roc_auc!, /no row is of class 2/);
});

Deno.test("brier is null with a reason for multiclass models", () => {
  const report = scored(3, undefined, [0, 1, 2], [[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [
    0.2,
    0.3,
    0.5,
  ]]);
  assert.equal(report.values.brier, null);
  assert.match(report.reasons.brier!, /binary classification only/);
  assert.equal(report.values.roc_auc, 1);
  assert.deepEqual(Object.keys(report.reasons), ["brier"]);
});

Deno.test("add refuses bad targets, non-finite probabilities and short batches", () => {
  const acc = new ClassificationAccumulator(3);
  const ok = outputs([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]);
  refused(
    () => acc.add(new Float64Array([0, 3]), ok, 2),
    /row 1 of the batch: its target is 3, expected a class index 0…2/,
  );
  refused(
    () => acc.add(new Float64Array([0.5, 1]), ok, 2),
    /row 0 of the batch: its target is 0.5/,
  );
  refused(
    () => acc.add(new Float64Array([0, 1]), outputs([[0.2, NaN, 0.5], [0.1, 0.1, 0.8]]), 2),
    /class 1 the probability NaN/,
  );
  refused(() => acc.add(new Float64Array([0, 1]), ok.subarray(0, 5), 2), /expected 3 per row/);
  refused(() => acc.add(new Float64Array([0]), ok, 2), /target holds only 1/);
  refused(() => acc.add(new Float64Array([0]), ok, -1), /whole number/);
  assert.equal(acc.finish().rows, 0, "a refused batch changes nothing");
});

Deno.test("merge refuses accumulators of other models", () => {
  refused(
    () => new ClassificationAccumulator(2, 1).merge(new ClassificationAccumulator(2, 0)),
    /different models/,
  );
  refused(
    () => new ClassificationAccumulator(3).merge(new ClassificationAccumulator(4)),
    /different models/,
  );
  refused(
    () => new ClassificationAccumulator(2, 1).merge(new RegressionAccumulator()),
    /regression model/,
  );
});
