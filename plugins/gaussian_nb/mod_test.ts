import assert from "node:assert/strict";
import type { ModelShape } from "../../core/contract/mod.ts";
import { RatchetError } from "../../core/errors/mod.ts";
import { checkPlugin } from "../../core/testing/check_plugin.ts";
import gaussianNB, { type GaussianNBCoefficients } from "./mod.ts";

const binary: ModelShape = { task: "binary", inputs: ["a", "b", "c"], classes: 2 };
const binaryCoefficients: GaussianNBCoefficients = {
  class_prior: [0.4, 0.6],
  theta: [[0, 1, -2], [1.5, -0.5, 3]],
  var: [[1, 2, 0.5], [4, 0.25, 1e-3]],
};

const twelve = Array.from({ length: 12 }, (_, j) => `x${j}`);
const multiclass: ModelShape = { task: "multiclass", inputs: twelve, classes: 4 };
const multiclassCoefficients: GaussianNBCoefficients = {
  class_prior: [0.1, 0.2, 0.3, 0.4],
  theta: Array.from({ length: 4 }, (_, k) => twelve.map((_, j) => Math.sin(k * 12 + j) * 3)),
  var: Array.from({ length: 4 }, (_, k) => twelve.map((_, j) => 0.5 + ((k + j) % 5))),
};

// A class the training data never showed: prior 0, so never predicted.
const unseen: ModelShape = { task: "multiclass", inputs: ["x"], classes: 3 };
const unseenCoefficients: GaussianNBCoefficients = {
  class_prior: [0.75, 0.25, 0],
  theta: [[0], [3], [0]],
  var: [[1], [2], [0.5]],
};

const withBinary = (change: (c: GaussianNBCoefficients) => void) => {
  const c = structuredClone(binaryCoefficients);
  change(c);
  return c;
};

Deno.test("gaussian_nb: predictor contract", (t) =>
  checkPlugin(t, gaussianNB, {
    examples: [
      { name: "binary", shape: binary, coefficients: binaryCoefficients },
      { name: "4 classes, 12 inputs", shape: multiclass, coefficients: multiclassCoefficients },
      { name: "a class with prior 0", shape: unseen, coefficients: unseenCoefficients },
    ],
    bad: [
      {
        name: "negative prior",
        shape: binary,
        coefficients: withBinary((c) => (c.class_prior = [1.2, -0.2])),
        path: "$.coefficients.class_prior[1]",
      },
      {
        name: "priors summing to 0.9",
        shape: binary,
        coefficients: withBinary((c) => (c.class_prior = [0.3, 0.6])),
        path: "$.coefficients.class_prior",
      },
      {
        name: "zero variance",
        shape: binary,
        coefficients: withBinary((c) => (c.var[1]![2] = 0)),
        path: "$.coefficients.var[1][2]",
      },
      {
        name: "negative variance",
        shape: binary,
        coefficients: withBinary((c) => (c.var[0]![0] = -1)),
        path: "$.coefficients.var[0][0]",
      },
      {
        name: "a mean too few",
        shape: binary,
        coefficients: withBinary((c) => c.theta[1]!.pop()),
        path: "$.coefficients.theta[1]",
      },
      {
        name: "a class too many",
        shape: binary,
        coefficients: withBinary((c) => c.var.push([1, 1, 1])),
        path: "$.coefficients.var",
      },
      {
        name: "a prior too few",
        shape: multiclass,
        coefficients: { ...multiclassCoefficients, class_prior: [0.5, 0.5] },
        path: "$.coefficients.class_prior",
      },
      {
        name: "an unknown key",
        shape: binary,
        coefficients: { ...binaryCoefficients, sigma: [] },
        path: "$.coefficients",
      },
      {
        name: "a regression shape",
        shape: { task: "regression", inputs: ["a", "b", "c"], classes: 1 },
        coefficients: binaryCoefficients,
        path: "$.coefficients",
      },
    ],
  }));

Deno.test("gaussian_nb: a class with prior 0 is never predicted", () => {
  const predictor = gaussianNB.compile(gaussianNB.parse(unseenCoefficients, unseen), unseen);
  for (const x of [-5, 0, 0.1, 3, 40]) {
    const p = predictor.predictRow([x]);
    assert.equal(p[2], 0);
    assert.ok(Math.abs(p[0]! + p[1]! - 1) < 1e-15);
  }
});

Deno.test("gaussian_nb: probabilities follow Bayes' rule for one input", () => {
  // Two classes with equal variance: the posterior log-odds are linear in x.
  const c = { class_prior: [0.25, 0.75], theta: [[-1], [2]], var: [[1.5], [1.5]] };
  const shape: ModelShape = { task: "binary", inputs: ["x"], classes: 2 };
  const predictor = gaussianNB.compile(gaussianNB.parse(c, shape), shape);
  for (const x of [-3, -1, 0, 0.5, 2, 4]) {
    const density = (mean: number) =>
      Math.exp(-((x - mean) ** 2) / (2 * 1.5)) / Math.sqrt(2 * Math.PI * 1.5);
    const a = 0.25 * density(-1), b = 0.75 * density(2);
    const p = predictor.predictRow([x]);
    assert.ok(Math.abs(p[1]! - b / (a + b)) < 1e-14, `x = ${x}: ${p[1]} vs ${b / (a + b)}`);
  }
});

Deno.test("gaussian_nb: fit refuses what it cannot learn from, saying how to fix it", () => {
  const shape: ModelShape = { task: "binary", inputs: ["x", "flat"], classes: 2 };
  const data = {
    shape,
    columns: [new Float64Array([0, 1, 2, 3]), new Float64Array([5, 5, 5, 5])],
    n: 4,
    target: new Float64Array([0, 0, 1, 1]),
  };
  const refuses = (fn: () => unknown, words: string[]) => {
    assert.throws(fn, (e: unknown) => {
      assert.ok(e instanceof RatchetError, String(e));
      for (const w of words) assert.ok(e.message.includes(w), `${e.message} should mention ${w}`);
      return true;
    });
  };
  // A constant input has variance 0 in every class: only smoothing rescues it.
  refuses(() => gaussianNB.fit!(data, { var_smoothing: 0 }), ['"flat"', "var_smoothing > 0"]);
  const smoothed = gaussianNB.fit!(data, { var_smoothing: 1e-9 }) as GaussianNBCoefficients;
  assert.equal(smoothed.var[0]![1], 1e-9 * 1.25); // the largest input variance is x's, 1.25
  refuses(
    () => gaussianNB.fit!({ ...data, n: 0, target: new Float64Array(0) }, { var_smoothing: 1e-9 }),
    ["no rows"],
  );
  refuses(
    () =>
      gaussianNB.fit!({ ...data, target: new Float64Array([0, 0, 2, 1]) }, { var_smoothing: 1e-9 }),
    ["row 2", "0…1"],
  );
  refuses(
    () =>
      gaussianNB.fit!({ ...data, target: new Float64Array([0, 0.5, 1, 1]) }, {
        var_smoothing: 1e-9,
      }),
    ["row 1"],
  );
});

Deno.test("gaussian_nb: fit gives a class without rows prior 0 and the smoothing as variance", () => {
  const shape: ModelShape = { task: "multiclass", inputs: ["x"], classes: 3 };
  const c = gaussianNB.fit!(
    {
      shape,
      columns: [new Float64Array([0, 2, 4, 8])],
      n: 4,
      target: new Float64Array([0, 0, 2, 2]),
    },
    { var_smoothing: 0.5 },
  ) as GaussianNBCoefficients;
  const epsilon = 0.5 * 8.75; // var([0, 2, 4, 8]) = 8.75
  assert.deepEqual(c, {
    class_prior: [0.5, 0, 0.5],
    theta: [[1], [0], [6]],
    var: [[1 + epsilon], [epsilon], [4 + epsilon]],
  });
  assert.deepEqual(gaussianNB.parse(JSON.parse(JSON.stringify(c)), shape), c);
});
