import assert from "node:assert/strict";
import { type ModelShape, normalizeParams } from "../../core/contract/mod.ts";
import { checkPlugin, sklearnTest } from "../../core/testing/mod.ts";
import decisionTree, { type TreeCoefficients } from "../decision_tree/mod.ts";
import { testProblem } from "../decision_tree/test_data.ts";
import { evaluateSQL } from "../../core/testing/evaluate_sql.ts";
import type { GradientBoostingCoefficients } from "./boosting_coefficients.ts";
import gradientBoosting from "./mod.ts";

/** A small regression tree on `p` inputs, as a boosting stage holds. */
const stageTree = (seed: number, p: number): TreeCoefficients =>
  decisionTree.fit!(
    testProblem(seed, 40, p, "regression"),
    normalizeParams(decisionTree.params!, { max_depth: 2 }, "decision_tree"),
  ) as TreeCoefficients;

const shapeOf = (task: ModelShape["task"], p: number, classes: number): ModelShape => ({
  task,
  inputs: Array.from({ length: p }, (_, j) => `x${j}`),
  classes,
});
const boosted = (link: GradientBoostingCoefficients["link"], shape: ModelShape, stages: number) => {
  const m = shape.task === "multiclass" ? shape.classes : 1;
  const p = shape.inputs.length;
  const coefficients: GradientBoostingCoefficients = {
    link,
    init: Array.from({ length: m }, (_, k) => 0.1 * k - 0.3),
    learning_rate: 0.1,
    stages: Array.from(
      { length: stages },
      (_, s) => Array.from({ length: m }, (_, k) => stageTree(10 * s + k, p)),
    ),
  };
  return { shape, coefficients };
};
const regression = boosted("identity", shapeOf("regression", 3, 1), 4);
const binary = boosted("logistic", shapeOf("binary", 4, 2), 3);
const exponential = boosted("exponential", shapeOf("binary", 2, 2), 2);
const multiclass = boosted("softmax", shapeOf("multiclass", 9, 3), 3);

Deno.test("gradient_boosting: predictor contract", (t) =>
  checkPlugin(t, gradientBoosting, {
    examples: [regression, binary, exponential, multiclass],
    bad: [
      {
        name: "link of another task",
        shape: regression.shape,
        coefficients: { ...regression.coefficients, link: "logistic" },
        path: "$.coefficients.link",
      },
      {
        name: "init per class in a binary model",
        shape: binary.shape,
        coefficients: { ...binary.coefficients, init: [0, 1] },
        path: "$.coefficients.init",
      },
      {
        name: "learning rate 0",
        shape: binary.shape,
        coefficients: { ...binary.coefficients, learning_rate: 0 },
        path: "$.coefficients.learning_rate",
      },
      {
        name: "a stage short of a class",
        shape: multiclass.shape,
        coefficients: {
          ...multiclass.coefficients,
          stages: [multiclass.coefficients.stages[0]!.slice(1)],
        },
        path: "$.coefficients.stages[0]",
      },
      {
        name: "a classifier tree in a stage",
        shape: regression.shape,
        coefficients: {
          ...regression.coefficients,
          stages: [[{
            left: [-1],
            right: [-1],
            feature: [-2],
            threshold: [-2],
            value: [[0.5, 0.5]],
          }]],
        },
        path: "$.coefficients.stages[0][0].value[0]",
      },
    ],
  }));

Deno.test("gradient_boosting: extreme raw scores give probabilities, never NaN", () => {
  const leaf = (v: number) => ({
    left: [-1],
    right: [-1],
    feature: [-2],
    threshold: [-2],
    value: [[v]],
  });
  for (const raw of [-1e6, 1e6]) {
    const bin = gradientBoosting.compile({
      link: "logistic",
      init: [raw],
      learning_rate: 1,
      stages: [[leaf(0)]],
    }, binary.shape);
    const p = bin.predictRow([0, 0, 0, 0]);
    assert.deepEqual([...p], raw > 0 ? [0, 1] : [1, 0]);
    const multi = gradientBoosting.compile(
      {
        link: "softmax",
        init: [raw, 0, -raw],
        learning_rate: 1,
        stages: [[leaf(0), leaf(0), leaf(0)]],
      },
      multiclass.shape,
    );
    const q = multi.predictRow(new Float64Array(9));
    assert.deepEqual([...q], raw > 0 ? [1, 0, 0] : [0, 0, 1]);
  }
});

Deno.test({
  name: "gradient_boosting: toSQL computes the predictions in a SQL engine",
  ...sklearnTest(),
  fn: async () => {
    for (const ex of [regression, binary, exponential, multiclass]) {
      const c = gradientBoosting.parse(ex.coefficients, ex.shape);
      const d = testProblem(11, 60, ex.shape.inputs.length, ex.shape.task, ex.shape.classes);
      const sql = gradientBoosting.toSQL!(c, ex.shape, ex.shape.inputs.map((_, j) => `"x${j}"`));
      const got = await evaluateSQL(sql, d.columns, d.n);
      const want = gradientBoosting.compile(c, ex.shape).predictBatch(d.columns, d.n);
      got.forEach((col, k) => {
        for (let i = 0; i < d.n; i++) {
          const w = want[k * d.n + i]!;
          assert.ok(
            Math.abs(col[i]! - w) <= 1e-14,
            `${ex.coefficients.link} output ${k} row ${i}: SQL ${col[i]}, predictor ${w}`,
          );
        }
      });
    }
  },
});
