import assert from "node:assert/strict";
import type { ModelShape } from "../../core/contract/mod.ts";
import { RatchetError } from "../../core/errors/mod.ts";
import { createRandom } from "../../core/random/mod.ts";
import { checkPlugin } from "../../core/testing/check_plugin.ts";
import { sklearnTest } from "../../core/testing/python.ts";
import linear from "./mod.ts";
import { evaluateSQL } from "../../core/testing/evaluate_sql.ts";

const inputs = (p: number) => Array.from({ length: p }, (_, j) => `x${j}`);
const regression = (p: number): ModelShape => ({
  task: "regression",
  inputs: inputs(p),
  classes: 1,
});
const random = createRandom(5);
const wide = {
  intercept: -3.25,
  weights: Array.from({ length: 40 }, () => random.normal() * 10 ** random.int(4)),
};

Deno.test("linear: predictor contract", (t) =>
  checkPlugin(t, linear, {
    examples: [
      { name: "one input", shape: regression(1), coefficients: { intercept: 0.5, weights: [2] } },
      {
        name: "three inputs",
        shape: regression(3),
        coefficients: { intercept: -1e3, weights: [1e-3, -2, 0] },
      },
      { name: "forty inputs", shape: regression(40), coefficients: wide },
      { name: "no inputs", shape: regression(0), coefficients: { intercept: 7, weights: [] } },
    ],
    bad: [
      {
        name: "too few weights",
        shape: regression(3),
        coefficients: { intercept: 0, weights: [1, 2] },
        path: "$.coefficients.weights",
      },
      {
        name: "too many weights",
        shape: regression(1),
        coefficients: { intercept: 0, weights: [1, 2] },
        path: "$.coefficients.weights",
      },
      {
        name: "weight not a number",
        shape: regression(2),
        coefficients: { intercept: 0, weights: [1, "2"] },
        path: "$.coefficients.weights[1]",
      },
      {
        name: "weights as a matrix",
        shape: regression(1),
        coefficients: { intercept: 0, weights: [[1]] },
        path: "$.coefficients.weights[0]",
      },
      {
        name: "intercept as an array",
        shape: regression(1),
        coefficients: { intercept: [0], weights: [1] },
        path: "$.coefficients.intercept",
      },
      {
        name: "missing intercept",
        shape: regression(1),
        coefficients: { weights: [1] },
        path: "$.coefficients",
      },
      {
        name: "unknown key",
        shape: regression(1),
        coefficients: { intercept: 0, weights: [1], coef: [1] },
        path: "$.coefficients",
      },
    ],
  }));

Deno.test("linear: parse refuses classification shapes, naming the right plugin", () => {
  assert.throws(
    () =>
      linear.parse({ intercept: 0, weights: [1] }, { task: "binary", inputs: ["x"], classes: 2 }),
    (e) => e instanceof RatchetError && e.message.includes("logistic"),
  );
});

Deno.test("linear: predictBatch writes into the given buffer, at offset 0, and returns it", () => {
  const shape = regression(2);
  const predictor = linear.compile(linear.parse({ intercept: 1, weights: [2, 3] }, shape), shape);
  const out = new Float64Array(5).fill(9);
  const got = predictor.predictBatch([new Float64Array([1, 0]), new Float64Array([0, 1])], 2, out);
  assert.equal(got, out);
  assert.deepEqual(Array.from(out), [3, 4, 9, 9, 9]);
  const row = new Float64Array(1);
  assert.equal(predictor.predictRow([1, 1], row), row);
  assert.equal(row[0], 6);
});

Deno.test("linear: toSQL writes exact literals and parenthesises negatives and inputs", () => {
  const shape = regression(2);
  const sql = linear.toSQL!({ intercept: -0.1, weights: [1e-300, -2] }, shape, ['"a"', '"b" + 1']);
  assert.deepEqual(sql, ['1e-300 * ("a") + (-2e0) * ("b" + 1) + (-1e-1)']);
});

Deno.test({
  name: "linear: toSQL evaluated by SQLite equals predictBatch",
  ...sklearnTest(),
  fn: async () => {
    const p = wide.weights.length, n = 64;
    const columns = Array.from(
      { length: p },
      () => Float64Array.from({ length: n }, () => random.normal() * 100),
    );
    const shape = regression(p);
    const c = linear.parse(wide, shape);
    const expected = linear.compile(c, shape).predictBatch(columns, n);
    const [got] = await evaluateSQL(
      linear.toSQL!(c, shape, shape.inputs.map((x) => `"${x}"`)),
      columns,
      n,
    );
    for (let i = 0; i < n; i++) {
      let size = Math.abs(c.intercept);
      for (let j = 0; j < p; j++) size += Math.abs(c.weights[j]! * columns[j]![i]!);
      // Same operations in the same order; only literal parsing could differ, by an ulp.
      assert(
        Math.abs(got![i]! - expected[i]!) <= 2 * Number.EPSILON * size,
        `row ${i}: ${got![i]} vs ${expected[i]}`,
      );
    }
  },
});
