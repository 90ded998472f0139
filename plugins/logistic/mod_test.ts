import assert from "node:assert/strict";
import type { ModelShape } from "../../core/contract/mod.ts";
import { RatchetError } from "../../core/errors/mod.ts";
import { createRandom } from "../../core/random/mod.ts";
import { checkPlugin } from "../../core/testing/check_plugin.ts";
import { sklearnTest } from "../../core/testing/python.ts";
import { evaluateSQL } from "../../core/testing/evaluate_sql.ts";
import logistic, { type LogisticCoefficients } from "./mod.ts";

const inputs = (p: number) => Array.from({ length: p }, (_, j) => `x${j}`);
const binary = (p: number): ModelShape => ({ task: "binary", inputs: inputs(p), classes: 2 });
const multiclass = (p: number, classes: number): ModelShape => ({
  task: "multiclass",
  inputs: inputs(p),
  classes,
});
const random = createRandom(8);
const matrix = (rows: number, cols: number, scale = 1) =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => random.normal() * scale));

const EXAMPLES: { name: string; shape: ModelShape; coefficients: LogisticCoefficients }[] = [
  {
    name: "binary ovr",
    shape: binary(2),
    coefficients: { link: "ovr", intercepts: [0.3], weights: [[1, -0.5]] },
  },
  {
    name: "binary multinomial",
    shape: binary(3),
    coefficients: { link: "multinomial", intercepts: [-0.2], weights: matrix(1, 3) },
  },
  {
    name: "binary without inputs",
    shape: binary(0),
    coefficients: { link: "ovr", intercepts: [1.5], weights: [[]] },
  },
  {
    name: "3 classes multinomial",
    shape: multiclass(4, 3),
    coefficients: { link: "multinomial", intercepts: [0.1, -0.4, 0.3], weights: matrix(3, 4) },
  },
  {
    name: "4 classes ovr",
    shape: multiclass(2, 4),
    coefficients: { link: "ovr", intercepts: [0, 1, -1, 0.5], weights: matrix(4, 2) },
  },
  {
    // Decisions reach ±1e6 on checkPlugin's large inputs: the probabilities must saturate, not overflow.
    name: "4 classes ovr, huge weights",
    shape: multiclass(3, 4),
    coefficients: {
      link: "ovr",
      intercepts: [-800, -900, -750, -1000],
      weights: matrix(4, 3, 100),
    },
  },
  {
    name: "3 classes multinomial, huge weights",
    shape: multiclass(3, 3),
    coefficients: { link: "multinomial", intercepts: [0, 0, 0], weights: matrix(3, 3, 100) },
  },
];

Deno.test("logistic: predictor contract", (t) =>
  checkPlugin(t, logistic, {
    examples: EXAMPLES,
    bad: [
      {
        name: "binary row too short",
        shape: binary(2),
        coefficients: { link: "ovr", intercepts: [0], weights: [[1]] },
        path: "$.coefficients.weights[0]",
      },
      {
        name: "binary with two weight rows",
        shape: binary(1),
        coefficients: { link: "ovr", intercepts: [0], weights: [[1], [2]] },
        path: "$.coefficients.weights",
      },
      {
        name: "binary with two intercepts",
        shape: binary(1),
        coefficients: { link: "ovr", intercepts: [0, 1], weights: [[1]] },
        path: "$.coefficients.intercepts",
      },
      {
        name: "3 classes with 2 rows",
        shape: multiclass(1, 3),
        coefficients: { link: "multinomial", intercepts: [0, 0, 0], weights: [[1], [2]] },
        path: "$.coefficients.weights",
      },
      {
        name: "3 classes with 2 intercepts",
        shape: multiclass(1, 3),
        coefficients: { link: "multinomial", intercepts: [0, 0], weights: [[1], [2], [3]] },
        path: "$.coefficients.intercepts",
      },
      {
        name: "wrong link",
        shape: binary(1),
        coefficients: { link: "softmax", intercepts: [0], weights: [[1]] },
        path: "$.coefficients.link",
      },
      {
        name: "weights not a matrix",
        shape: binary(2),
        coefficients: { link: "ovr", intercepts: [0], weights: [1] },
        path: "$.coefficients.weights[0]",
      },
      {
        name: "a weight as a string",
        shape: multiclass(2, 3),
        coefficients: { link: "ovr", intercepts: [0, 0, 0], weights: [[1, 2], [3, "4"], [5, 6]] },
        path: "$.coefficients.weights[1][1]",
      },
      {
        name: "missing link",
        shape: binary(1),
        coefficients: { intercepts: [0], weights: [[1]] },
        path: "$.coefficients",
      },
    ],
  }));

Deno.test("logistic: parse refuses a regression shape, naming the linear plugin", () => {
  assert.throws(
    () =>
      logistic.parse({ link: "ovr", intercepts: [0], weights: [[1]] }, {
        task: "regression",
        inputs: ["x"],
        classes: 1,
      }),
    (e) => e instanceof RatchetError && e.message.includes("linear"),
  );
});

Deno.test("logistic: fit with each multi_class returns the matching link and row count", () => {
  const n = 200;
  const columns = [0, 1].map(() => Float64Array.from({ length: n }, () => random.normal()));
  const params = { C: 1, penalty: "l2", fit_intercept: true, max_iter: 100, tol: 1e-8 };
  for (const classes of [2, 3]) {
    const shape = classes === 2 ? binary(2) : multiclass(2, 3);
    const target = Float64Array.from(
      { length: n },
      (_, i) =>
        Math.min(
          classes - 1,
          Math.max(0, Math.round(columns[0]![i]! + random.normal() + (classes - 1) / 2)),
        ),
    );
    for (const multi_class of ["multinomial", "ovr"]) {
      const c = logistic.fit!({ shape, columns, n, target }, {
        ...params,
        multi_class,
      }) as LogisticCoefficients;
      assert.equal(c.link, multi_class);
      assert.equal(c.weights.length, classes === 2 ? 1 : 3);
      assert.deepEqual(logistic.parse(JSON.parse(JSON.stringify(c)), shape), c);
    }
  }
});

Deno.test("logistic: fit refuses labels out of range and classes without rows", () => {
  const shape = multiclass(1, 3);
  const params = {
    C: 1,
    penalty: "l2",
    fit_intercept: true,
    multi_class: "multinomial",
    max_iter: 100,
    tol: 1e-8,
  };
  const columns = [Float64Array.from([0, 1, 2, 3])];
  const refused = (target: number[], pattern: RegExp) =>
    assert.throws(
      () => logistic.fit!({ shape, columns, n: 4, target: Float64Array.from(target) }, params),
      (e) => e instanceof RatchetError && pattern.test(e.message),
    );
  refused([0, 1, 2, 3], /row 3 has class 3/);
  refused([0, 1, 0.5, 2], /row 2 has class 0.5/);
  refused([0, 1, 1, 0], /class 2 has no training rows/);
});

Deno.test({
  name: "logistic: toSQL evaluated by SQLite equals predictBatch, including saturated rows",
  ...sklearnTest(),
  fn: async () => {
    for (const { name, shape, coefficients } of EXAMPLES) {
      const p = shape.inputs.length, n = 60;
      // Ordinary rows, then rows far out where decisions reach ±1e5.
      const columns = Array.from(
        { length: p },
        () => Float64Array.from({ length: n }, (_, i) => random.normal() * (i < 40 ? 1 : 1e3)),
      );
      const c = logistic.parse(coefficients, shape);
      const expected = logistic.compile(c, shape).predictBatch(columns, n);
      const sql = logistic.toSQL!(c, shape, shape.inputs.map((x) => `"${x}"`));
      assert.equal(sql.length, shape.classes);
      const got = await evaluateSQL(sql, columns, n);
      got.forEach((values, k) =>
        values.forEach((v, i) => {
          const want = expected[k * n + i]!;
          // exp differs between SQLite's libm and V8 by an ulp or so.
          assert(
            Math.abs(v - want) <= 1e-14,
            `${name}, row ${i}, class ${k}: SQL ${v}, JS ${want}`,
          );
        })
      );
    }
  },
});
