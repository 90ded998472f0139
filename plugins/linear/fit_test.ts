import assert from "node:assert/strict";
import type { ModelShape } from "../../core/contract/mod.ts";
import { RatchetError } from "../../core/errors/mod.ts";
import { fitLinear } from "./fit.ts";

const shape: ModelShape = { task: "regression", inputs: ["x"], classes: 1 };
const x = new Float64Array([1, 2, 4, 7, 11]);
const y = new Float64Array([2, 3, 3, 8, 9]);
const n = x.length;
const xMean = x.reduce((s, v) => s + v, 0) / n, yMean = y.reduce((s, v) => s + v, 0) / n;
let sxy = 0, sxx = 0;
for (let i = 0; i < n; i++) {
  sxy += (x[i]! - xMean) * (y[i]! - yMean);
  sxx += (x[i]! - xMean) ** 2;
}

Deno.test("fitLinear: simple regression and ridge with intercept, closed form", () => {
  for (const alpha of [0, 0.3, 50]) {
    const slope = sxy / (sxx + alpha);
    const c = fitLinear({ shape, columns: [x], n, target: y }, { alpha, fit_intercept: true });
    assert(
      Math.abs(c.weights[0]! - slope) <= 1e-14,
      `alpha ${alpha}: slope ${c.weights[0]} vs ${slope}`,
    );
    // The intercept is not penalised: the fitted line passes through the means.
    const b = yMean - slope * xMean;
    assert(Math.abs(c.intercept - b) <= 1e-14, `alpha ${alpha}: intercept ${c.intercept} vs ${b}`);
  }
});

Deno.test("fitLinear: without intercept, through the origin; returns plain JSON", () => {
  const c = fitLinear({ shape, columns: [x], n, target: y }, { alpha: 0, fit_intercept: false });
  const expected = x.reduce((s, v, i) => s + v * y[i]!, 0) / x.reduce((s, v) => s + v * v, 0);
  assert.equal(c.intercept, 0);
  assert(Math.abs(c.weights[0]! - expected) <= 1e-15);
  assert(Array.isArray(c.weights));
  assert.deepEqual(JSON.parse(JSON.stringify(c)), c);
});

Deno.test("fitLinear: one row fits the intercept only; uses only the first n rows", () => {
  const c = fitLinear({ shape, columns: [x], n: 1, target: y }, { alpha: 0, fit_intercept: true });
  assert.deepEqual(c, { intercept: 2, weights: [0] });
});

Deno.test("fitLinear: refuses empty and non-finite data with a RatchetError", () => {
  assert.throws(
    () => fitLinear({ shape, columns: [x], n: 0, target: y }, { alpha: 0, fit_intercept: true }),
    RatchetError,
  );
  const bad = y.slice();
  bad[2] = NaN;
  assert.throws(
    () => fitLinear({ shape, columns: [x], n, target: bad }, { alpha: 0, fit_intercept: true }),
    (e) => e instanceof RatchetError && /not finite/.test(e.message),
  );
});
