import assert from "node:assert/strict";
import { createRandom } from "../../core/random/mod.ts";
import { runPython, sklearnTest } from "../../core/testing/python.ts";
import type { ModelShape } from "../../core/contract/mod.ts";
import linear, { type LinearCoefficients } from "./mod.ts";

/** Coefficients may differ from scikit-learn's by this much, relative to max(1, |theirs|). */
const TOLERANCE = 1e-8;
/**
 * Predictions from scikit-learn's own coefficients: a sum of p + 1 terms may
 * round differently in another order, by up to about (p + 1)·ε·Σ|terms|.
 */
const PREDICT_ULPS = 4;

const SCRIPT = `
import json, sys
import numpy as np
from sklearn.linear_model import LinearRegression, Ridge
out = []
for c in json.load(sys.stdin):
    X, y, X_test = np.array(c["X"]), np.array(c["y"]), np.array(c["X_test"])
    if c["alpha"] == 0:
        model = LinearRegression(fit_intercept=c["fit_intercept"])
    else:
        model = Ridge(alpha=c["alpha"], fit_intercept=c["fit_intercept"], solver="cholesky")
    model.fit(X, y)
    out.append({"intercept": float(model.intercept_), "weights": model.coef_.tolist(),
                "predict": model.predict(X_test).tolist()})
print(json.dumps(out))
`;

interface Case {
  name: string;
  alpha: number;
  fitIntercept: boolean;
  columns: Float64Array[];
  target: Float64Array;
  test: Float64Array[];
}

interface Fitted {
  intercept: number;
  weights: number[];
  predict: number[];
}

type Design = "plain" | "scaled" | "near_collinear" | "duplicated";

/**
 * Inputs of the given design, `y = 3 + Σ β_j x_j + noise·ε`.
 * "scaled": columns from 1e-3 to 1e3 around large offsets; "near_collinear":
 * x1 = x0 + 1e-6·ε; "duplicated": x1 = 2·x0 exactly (rank deficient).
 */
function makeCase(
  name: string,
  seed: number,
  n: number,
  p: number,
  noise: number,
  design: Design,
  alpha: number,
  fitIntercept: boolean,
): Case {
  const random = createRandom(seed);
  const scale = Array.from(
    { length: p },
    () => (design === "scaled" ? 10 ** (random.next() * 6 - 3) : 1),
  );
  const offset = Array.from(
    { length: p },
    () => (design === "scaled" ? 100 * random.normal() : random.normal()),
  );
  const beta = Array.from({ length: p }, () => random.normal() * 2);
  const draw = (rows: number) => {
    const columns = Array.from({ length: p }, () => new Float64Array(rows));
    const target = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let y = 3;
      for (let j = 0; j < p; j++) {
        let x = (offset[j]! + random.normal()) * scale[j]!;
        if (j === 1 && design === "near_collinear") x = columns[0]![i]! + 1e-6 * random.normal();
        if (j === 1 && design === "duplicated") x = 2 * columns[0]![i]!;
        columns[j]![i] = x;
        y += beta[j]! * x / scale[j]!;
      }
      target[i] = y + noise * random.normal();
    }
    return { columns, target };
  };
  const train = draw(n);
  return { name, alpha, fitIntercept, ...train, test: draw(50).columns };
}

const CASES: Case[] = [
  makeCase("OLS, n 50, p 3", 1, 50, 3, 0.1, "plain", 0, true),
  makeCase("OLS without intercept, n 200, p 8", 2, 200, 8, 1, "plain", 0, false),
  makeCase("OLS, scales 1e-3…1e3 and large offsets", 3, 40, 5, 0.5, "scaled", 0, true),
  makeCase("OLS, exact fit (no noise)", 4, 30, 4, 0, "plain", 0, true),
  makeCase("OLS, near-collinear inputs", 5, 100, 4, 0.3, "near_collinear", 0, true),
  makeCase("OLS, duplicated input (rank deficient)", 6, 60, 4, 0.3, "duplicated", 0, true),
  makeCase("OLS, fewer rows than inputs", 7, 6, 10, 0.3, "plain", 0, true),
  makeCase("OLS without intercept, fewer rows than inputs", 8, 5, 9, 0.3, "plain", 0, false),
  makeCase("ridge 1e-4, n 80, p 6", 9, 80, 6, 0.5, "plain", 1e-4, true),
  makeCase("ridge 1, n 80, p 6", 9, 80, 6, 0.5, "plain", 1, true),
  makeCase("ridge 100 without intercept", 10, 120, 5, 2, "plain", 100, false),
  makeCase("ridge 0.1, near-collinear inputs", 5, 100, 4, 0.3, "near_collinear", 0.1, true),
  makeCase("ridge 1e-4, near-collinear inputs", 11, 100, 4, 0.3, "near_collinear", 1e-4, true),
  makeCase("ridge 3, scales 1e-3…1e3", 3, 40, 5, 0.5, "scaled", 3, true),
  makeCase("ridge 0.5, fewer rows than inputs", 7, 6, 10, 0.3, "plain", 0.5, true),
];

const rowsOf = (columns: Float64Array[], n: number) =>
  Array.from({ length: n }, (_, i) => columns.map((col) => col[i]!));

/** Largest |a − b| and largest |a − b| / max(1, |b|). */
function differences(a: readonly number[], b: readonly number[]): { abs: number; rel: number } {
  assert.equal(a.length, b.length);
  let abs = 0, rel = 0;
  a.forEach((v, i) => {
    const d = Math.abs(v - b[i]!);
    abs = Math.max(abs, d);
    rel = Math.max(rel, d / Math.max(1, Math.abs(b[i]!)));
  });
  return { abs, rel };
}

Deno.test({
  name: "linear fit equals scikit-learn's LinearRegression and Ridge; predict equals predict",
  ...sklearnTest(),
  fn: async () => {
    const expected = await runPython<Fitted[]>(
      SCRIPT,
      CASES.map((c) => ({
        X: rowsOf(c.columns, c.target.length),
        y: Array.from(c.target),
        X_test: rowsOf(c.test, c.test[0]!.length),
        alpha: c.alpha,
        fit_intercept: c.fitIntercept,
      })),
    );
    const worst = { abs: 0, rel: 0, predictAbs: 0, predictRel: 0 };
    CASES.forEach((c, index) => {
      const sk = expected[index]!;
      const p = c.columns.length;
      const shape: ModelShape = {
        task: "regression",
        inputs: c.columns.map((_, j) => `x${j}`),
        classes: 1,
      };
      const fitted = linear.fit!(
        { shape, columns: c.columns, n: c.target.length, target: c.target },
        { alpha: c.alpha, fit_intercept: c.fitIntercept },
      ) as LinearCoefficients;
      assert.equal(fitted.weights.length, p);
      const coef = differences([fitted.intercept, ...fitted.weights], [
        sk.intercept,
        ...sk.weights,
      ]);
      assert(
        coef.rel <= TOLERANCE,
        `${c.name}: coefficients differ from scikit-learn's by ${JSON.stringify(coef)}`,
      );
      // The predictor, fed scikit-learn's own coefficients, must reproduce its predict().
      const fromSk = linear.parse({ intercept: sk.intercept, weights: sk.weights }, shape);
      const n = c.test[0]!.length;
      const predicted = linear.compile(fromSk, shape).predictBatch(c.test, n);
      const pred = differences(Array.from(predicted), sk.predict);
      for (let i = 0; i < n; i++) {
        let size = Math.abs(sk.intercept);
        for (let j = 0; j < p; j++) size += Math.abs(sk.weights[j]! * c.test[j]![i]!);
        const allowed = PREDICT_ULPS * (p + 1) * Number.EPSILON * size;
        const d = Math.abs(predicted[i]! - sk.predict[i]!);
        assert(
          d <= allowed,
          `${c.name}, row ${i}: prediction differs by ${d} (allowed ${allowed})`,
        );
      }
      if (Deno.env.get("RATCHET_PARITY_DETAIL")) {
        console.log(c.name, JSON.stringify({ coef, pred }));
      }
      worst.abs = Math.max(worst.abs, coef.abs);
      worst.rel = Math.max(worst.rel, coef.rel);
      worst.predictAbs = Math.max(worst.predictAbs, pred.abs);
      worst.predictRel = Math.max(worst.predictRel, pred.rel);
    });
    console.log(
      `linear vs scikit-learn, worst over ${CASES.length} cases: ${JSON.stringify(worst)}`,
    );
  },
});
