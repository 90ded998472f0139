import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { ClassificationAccumulator } from "./classification_accumulator.ts";
import { REGRESSION_METRICS } from "./metric_names.ts";
import { RegressionAccumulator } from "./regression_accumulator.ts";

function scored(target: number[], predictions: number[]) {
  const acc = new RegressionAccumulator();
  acc.add(Float64Array.from(target), Float64Array.from(predictions), target.length);
  return acc.finish();
}

Deno.test("regression metrics, by hand", () => {
  const report = scored([1, 2, 4, -2], [1.5, 2, 3, -1]);
  // Errors 0.5, 0, 1, 1; target mean 1.25.
  assert.equal(report.rows, 4);
  assert.equal(report.values.rmse, Math.sqrt(2.25 / 4));
  assert.equal(report.values.mae, 2.5 / 4);
  assert.equal(report.values.r2, 1 - 2.25 / (0.0625 + 0.5625 + 7.5625 + 10.5625));
  assert.equal(report.values.mape, (0.5 / 1 + 0 + 1 / 4 + 1 / 2) / 4);
  assert.deepEqual(report.reasons, {});
});

Deno.test("mape divides by max(|y|, eps) where y is 0, like scikit-learn", () => {
  const report = scored([0, 2], [1e-3, 2]);
  assert.equal(report.values.mape, 1e-3 / 2.220446049250313e-16 / 2);
});

Deno.test("no rows: every regression metric is null, with a reason", () => {
  const report = new RegressionAccumulator().finish();
  assert.deepEqual(Object.keys(report.values), [...REGRESSION_METRICS]);
  for (const name of REGRESSION_METRICS) {
    assert.equal(report.values[name], null);
    assert.equal(report.reasons[name], "no rows to score");
  }
});

Deno.test("r2 is null with a reason for a constant target, even with one row or perfect predictions", () => {
  for (
    const [target, predictions] of [[[3, 3, 3], [3, 3, 3]], [[3, 3, 3], [1, 2, 3]], [[7], [6]]]
  ) {
    const report = scored(target!, predictions!);
    assert.equal(report.values.r2, null);
    assert.match(report.reasons.r2!, /the target is constant/);
    assert.equal(typeof report.values.rmse, "number");
    assert.deepEqual(Object.keys(report.reasons), ["r2"]);
  }
  // Constant within each batch but not overall: defined.
  const acc = new RegressionAccumulator();
  acc.add(new Float64Array([1, 1]), new Float64Array([1, 2]), 2);
  acc.add(new Float64Array([3]), new Float64Array([3]), 1);
  assert.equal(acc.finish().values.r2, 1 - 1 / (4 / 9 + 4 / 9 + 16 / 9));
});

Deno.test("add refuses non-finite values and short batches; merge refuses a classifier's metrics", () => {
  const acc = new RegressionAccumulator();
  const refused = (fn: () => unknown, pattern: RegExp) =>
    assert.throws(fn, (e: unknown) => e instanceof RatchetError && pattern.test(e.message));
  refused(
    () => acc.add(new Float64Array([1, NaN]), new Float64Array([1, 1]), 2),
    /row 1 of the batch: its target is NaN/,
  );
  refused(
    () => acc.add(new Float64Array([1, 1]), new Float64Array([Infinity, 1]), 2),
    /predicted Infinity/,
  );
  refused(
    () => acc.add(new Float64Array([1, 1]), new Float64Array([1]), 2),
    /outputs hold 1 values/,
  );
  refused(() => acc.merge(new ClassificationAccumulator(2, 1)), /classifier/);
  assert.deepEqual(
    acc.finish(),
    new RegressionAccumulator().finish(),
    "a refused batch changes nothing",
  );
});
