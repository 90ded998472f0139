import assert from "node:assert/strict";
import { createRandom } from "../../core/random/mod.ts";
import { runPython, sklearnTest } from "../../core/testing/python.ts";
import type { ModelShape } from "../../core/contract/mod.ts";
import gaussianNB, { type GaussianNBCoefficients } from "./mod.ts";

const TOLERANCE = 1e-9;

const SCRIPT = `
import json, sys
import numpy as np
from sklearn.naive_bayes import GaussianNB
cases = json.load(sys.stdin)
out = []
for c in cases:
    X, y, X_test = np.array(c["X"]), np.array(c["y"]), np.array(c["X_test"])
    model = GaussianNB(var_smoothing=c["var_smoothing"])
    if c["all_classes"]:
        model.partial_fit(X, y, classes=list(range(c["classes"])))
    else:
        model.fit(X, y)
    out.append({"class_prior": model.class_prior_.tolist(), "theta": model.theta_.tolist(),
                "var": model.var_.tolist(), "proba": model.predict_proba(X_test).tolist()})
print(json.dumps(out))
`;

interface Case {
  name: string;
  shape: ModelShape;
  varSmoothing: number;
  columns: Float64Array[];
  target: Float64Array;
  test: Float64Array[];
  /** Some class has no training rows: compare with `partial_fit(classes=…)`. */
  allClasses: boolean;
}

interface Fitted {
  class_prior: number[];
  theta: number[][];
  var: number[][];
  proba: number[][];
}

/** Classes apart by a few standard deviations, inputs on very different scales. */
function makeCase(
  name: string,
  seed: number,
  classes: number,
  p: number,
  n: number,
  varSmoothing: number,
  skip = -1,
): Case {
  const random = createRandom(seed);
  const scale = Array.from({ length: p }, () => 10 ** (random.next() * 6 - 3));
  const centre = Array.from({ length: classes * p }, () => random.normal() * 2);
  const draw = (rows: number, spread: number) => {
    const target = new Float64Array(rows);
    const columns = Array.from({ length: p }, () => new Float64Array(rows));
    for (let i = 0; i < rows; i++) {
      let c = random.int(classes);
      if (c === skip) c = (c + 1) % classes;
      target[i] = c;
      for (let j = 0; j < p; j++) {
        columns[j]![i] = (centre[c * p + j]! + random.normal() * spread) * scale[j]!;
      }
    }
    return { target, columns };
  };
  const train = draw(n, 1);
  // Test rows reach far outside the training cloud, where probabilities saturate.
  const test = draw(200, 4).columns;
  const shape: ModelShape = {
    task: classes === 2 ? "binary" : "multiclass",
    inputs: scale.map((_, j) => `x${j}`),
    classes,
  };
  return {
    name,
    shape,
    varSmoothing,
    columns: train.columns,
    target: train.target,
    test,
    allClasses: skip >= 0,
  };
}

const CASES: Case[] = [
  makeCase("binary, 3 inputs", 1, 2, 3, 300, 1e-9),
  makeCase("binary, 1 input", 2, 2, 1, 200, 1e-9),
  makeCase("binary, 12 inputs, var_smoothing 0", 3, 2, 12, 250, 0),
  makeCase("binary, 5 inputs, var_smoothing 0.1", 4, 2, 5, 150, 0.1),
  makeCase("4 classes, 4 inputs", 5, 4, 4, 400, 1e-9),
  makeCase("4 classes, 20 inputs, var_smoothing 1e-3", 6, 4, 20, 300, 1e-3),
  makeCase("4 classes, 140 inputs, var_smoothing 0.5", 7, 4, 140, 200, 0.5),
  makeCase("9 classes, 2 inputs", 8, 9, 2, 500, 1e-6),
  makeCase("4 classes, class 2 without rows", 9, 4, 3, 200, 1e-2, 2),
];

const rowsOf = (columns: Float64Array[], n: number) =>
  Array.from({ length: n }, (_, i) => columns.map((col) => col[i]!));

function maxDiff(a: number[][] | number[], b: number[][] | number[]): number {
  const fa = a.flat(), fb = b.flat();
  assert.equal(fa.length, fb.length);
  return fa.reduce((m, v, i) => Math.max(m, Math.abs(v - fb[i]!)), 0);
}

Deno.test({
  name: "gaussian_nb fit and predict_proba equal scikit-learn's GaussianNB",
  ...sklearnTest(),
  fn: async () => {
    const expected = await runPython<Fitted[]>(
      SCRIPT,
      CASES.map((c) => ({
        X: rowsOf(c.columns, c.target.length),
        y: Array.from(c.target),
        X_test: rowsOf(c.test, c.test[0]!.length),
        var_smoothing: c.varSmoothing,
        classes: c.shape.classes,
        all_classes: c.allClasses,
      })),
    );
    const worst = { prior: 0, theta: 0, var: 0, relVar: 0, proba: 0, probaFromSklearn: 0 };
    CASES.forEach((c, index) => {
      const sk = expected[index]!;
      const fitted = gaussianNB.fit!(
        { shape: c.shape, columns: c.columns, n: c.target.length, target: c.target },
        { var_smoothing: c.varSmoothing },
      ) as GaussianNBCoefficients;
      const diffs = {
        prior: maxDiff(fitted.class_prior, sk.class_prior),
        theta: maxDiff(fitted.theta, sk.theta),
        var: maxDiff(fitted.var, sk.var),
        relVar: Math.max(
          ...fitted.var.flat().map((v, i) => Math.abs(v - sk.var.flat()[i]!) / sk.var.flat()[i]!),
        ),
      };
      // Our own predictions from our fit, and from scikit-learn's coefficients.
      const n = c.test[0]!.length;
      const ours = gaussianNB.compile(gaussianNB.parse(fitted, c.shape), c.shape).predictBatch(
        c.test,
        n,
      );
      const fromSk = gaussianNB.compile(
        gaussianNB.parse({ class_prior: sk.class_prior, theta: sk.theta, var: sk.var }, c.shape),
        c.shape,
      ).predictBatch(
        c.test,
        n,
      );
      const proba = (out: Float64Array) =>
        Array.from(
          { length: n },
          (_, i) => Array.from({ length: c.shape.classes }, (_, k) => out[k * n + i]!),
        );
      const probaDiff = maxDiff(proba(ours), sk.proba);
      const probaFromSklearn = maxDiff(proba(fromSk), sk.proba);
      for (const [key, value] of Object.entries({ ...diffs, proba: probaDiff, probaFromSklearn })) {
        assert(value <= TOLERANCE, `${c.name}: ${key} differs from scikit-learn by ${value}`);
        const k = key as keyof typeof worst;
        worst[k] = Math.max(worst[k], value);
      }
    });
    console.log("gaussian_nb vs scikit-learn, max abs differences:", worst);
  },
});
