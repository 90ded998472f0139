import assert from "node:assert/strict";
import { createRandom } from "../../core/random/mod.ts";
import { runPython, sklearnTest } from "../../core/testing/python.ts";
import type { ModelShape } from "../../core/contract/mod.ts";
import logistic, { type LogisticCoefficients } from "./mod.ts";

/**
 * Probabilities from our fit vs scikit-learn's newton-cg fit (tol 1e-10):
 * both reach the optimum of the same objective.
 */
const OPTIMUM_TOLERANCE = 1e-8;
/**
 * vs scikit-learn's default lbfgs (tol 1e-10, max_iter 10000). lbfgs stops
 * early on its hard-coded `ftol = 64ε`, sometimes with a gradient far from 0,
 * so it is a looser reference: measured up to 1.9e-4 (4 classes, C 10), and
 * ≤ 7e-5 on every other case.
 */
const LBFGS_TOLERANCE = 1e-3;
/** Probabilities from scikit-learn's own coefficients vs its predict_proba. */
const PREDICT_TOLERANCE = 1e-13;
/** Our objective may exceed scikit-learn's by rounding only. */
const OBJECTIVE_SLACK = 1e-12;

// Fits with both solvers, and evaluates scikit-learn's objective at each fit and at ours:
// C·Σ logloss + ½‖W‖² over all the weights scikit-learn penalises (a binary multinomial
// model has two rows, w and −w), or Σ logloss without penalty.
const SCRIPT = `
import json, sys, warnings
import numpy as np
from scipy.special import log_expit, logsumexp
from sklearn.linear_model import LogisticRegression
warnings.simplefilter("ignore")

def objective(W, b, X, y, c):
    W, b = np.array(W), np.array(b)
    D = X @ W.T + b
    if D.shape[1] == 1 and c["multi_class"] == "multinomial":
        D, W = np.c_[-D, D], np.r_[-W, W]
    if c["multi_class"] == "ovr":
        Y = np.eye(D.shape[1])[y] if D.shape[1] > 1 else y[:, None]
        loss = -(Y * log_expit(D) + (1 - Y) * log_expit(-D)).sum()
    else:
        loss = (logsumexp(D, axis=1) - D[np.arange(len(y)), y]).sum()
    return loss if c["penalty"] == "none" else c["C"] * loss + 0.5 * (W ** 2).sum()

out = []
for c in json.load(sys.stdin):
    X, y, X_test = np.array(c["X"]), np.array(c["y"], dtype=int), np.array(c["X_test"])
    fits = {}
    for solver in ["lbfgs", "newton-cg"]:
        model = LogisticRegression(C=c["C"], penalty=None if c["penalty"] == "none" else "l2",
                                   fit_intercept=c["fit_intercept"], multi_class=c["multi_class"],
                                   solver=solver, tol=1e-10, max_iter=10000).fit(X, y)
        fits[solver] = {"intercepts": np.ravel(model.intercept_).tolist(), "weights": model.coef_.tolist(),
                        "proba": model.predict_proba(X_test).tolist(),
                        "objective": objective(model.coef_, np.ravel(model.intercept_), X, y, c)}
    fits["ours"] = objective(c["ours"]["weights"], c["ours"]["intercepts"], X, y, c)
    out.append(fits)
print(json.dumps(out))
`;

interface Params {
  C: number;
  penalty: "l2" | "none";
  fit_intercept: boolean;
  multi_class: "multinomial" | "ovr";
}

interface Case {
  name: string;
  shape: ModelShape;
  params: Params;
  columns: Float64Array[];
  target: Float64Array;
  test: Float64Array[];
}

interface SklearnFit {
  intercepts: number[];
  weights: number[][];
  proba: number[][];
  objective: number;
}

interface Fitted {
  lbfgs: SklearnFit;
  "newton-cg": SklearnFit;
  /** scikit-learn's objective at our coefficients. */
  ours: number;
}

/** Classes drawn from a softmax of random linear decisions, so they overlap. */
function makeCase(
  name: string,
  seed: number,
  classes: number,
  p: number,
  n: number,
  params: Partial<Params>,
): Case {
  const random = createRandom(seed);
  const scale = Array.from({ length: p }, () => 10 ** (random.next() * 2 - 1));
  const beta = Array.from({ length: classes * p }, () => random.normal());
  const alpha = Array.from({ length: classes }, () => random.normal());
  const draw = (rows: number, spread: number) => {
    const columns = Array.from({ length: p }, () => new Float64Array(rows));
    const target = new Float64Array(rows);
    const d = new Float64Array(classes);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < p; j++) columns[j]![i] = random.normal() * spread * scale[j]!;
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        let dk = alpha[k]!;
        for (let j = 0; j < p; j++) dk += beta[k * p + j]! * columns[j]![i]! / scale[j]!;
        sum += d[k] = Math.exp(dk);
      }
      let u = random.next() * sum, k = 0;
      while (k < classes - 1 && (u -= d[k]!) > 0) k++;
      target[i] = k;
    }
    return { columns, target };
  };
  const train = draw(n, 1);
  const shape: ModelShape = {
    task: classes === 2 ? "binary" : "multiclass",
    inputs: scale.map((_, j) => `x${j}`),
    classes,
  };
  const full = {
    C: 1,
    penalty: "l2",
    fit_intercept: true,
    multi_class: "multinomial",
    ...params,
  } as const;
  return { name, shape, params: full, ...train, test: draw(100, 1).columns };
}

const CASES: Case[] = [
  makeCase("binary ovr, C 1", 1, 2, 3, 200, { multi_class: "ovr" }),
  makeCase("binary ovr, C 0.01", 2, 2, 4, 300, { multi_class: "ovr", C: 0.01 }),
  makeCase("binary ovr, C 100", 3, 2, 2, 150, { multi_class: "ovr", C: 100 }),
  makeCase("binary ovr, no intercept", 4, 2, 3, 200, { multi_class: "ovr", fit_intercept: false }),
  makeCase("binary ovr, penalty none", 5, 2, 3, 250, { multi_class: "ovr", penalty: "none" }),
  makeCase("binary multinomial, C 1", 6, 2, 3, 200, {}),
  makeCase("binary multinomial, C 0.1", 7, 2, 5, 200, { C: 0.1 }),
  makeCase("binary multinomial, penalty none", 8, 2, 2, 200, { penalty: "none" }),
  makeCase("3 classes multinomial, C 1", 9, 3, 4, 300, {}),
  makeCase("4 classes multinomial, C 10", 10, 4, 3, 400, { C: 10 }),
  makeCase("4 classes multinomial, C 0.05", 11, 4, 6, 300, { C: 0.05 }),
  makeCase("3 classes multinomial, penalty none", 12, 3, 3, 400, { penalty: "none" }),
  makeCase("3 classes multinomial, no intercept", 13, 3, 3, 300, { fit_intercept: false }),
  makeCase("3 classes ovr, C 1", 14, 3, 4, 300, { multi_class: "ovr" }),
  makeCase("4 classes ovr, C 0.1", 15, 4, 3, 400, { multi_class: "ovr", C: 0.1 }),
  makeCase("3 classes ovr, C 1000", 16, 3, 2, 300, { multi_class: "ovr", C: 1000 }),
];

const rowsOf = (columns: Float64Array[], n: number) =>
  Array.from({ length: n }, (_, i) => columns.map((col) => col[i]!));

function maxDiff(out: Float64Array, expected: number[][]): number {
  const n = expected.length;
  let worst = 0;
  expected.forEach((row, i) =>
    row.forEach((v, k) => (worst = Math.max(worst, Math.abs(out[k * n + i]! - v))))
  );
  return worst;
}

Deno.test({
  name:
    "logistic fit reaches the optimum of scikit-learn's objective; predict equals predict_proba",
  ...sklearnTest(),
  fn: async () => {
    const ours = CASES.map((c) =>
      logistic.fit!(
        { shape: c.shape, columns: c.columns, n: c.target.length, target: c.target },
        { ...c.params, max_iter: 100, tol: 1e-8 },
      ) as LogisticCoefficients
    );
    const expected = await runPython<Fitted[]>(
      SCRIPT,
      CASES.map((c, index) => ({
        X: rowsOf(c.columns, c.target.length),
        y: Array.from(c.target),
        X_test: rowsOf(c.test, c.test[0]!.length),
        ours: ours[index],
        ...c.params,
      })),
    );
    const worst = { newtonCg: 0, lbfgs: 0, predict: 0, objectiveGainOverLbfgs: 0 };
    CASES.forEach((c, index) => {
      const sk = expected[index]!;
      const n = c.test[0]!.length;
      const predictor = (coefficients: unknown) =>
        logistic.compile(logistic.parse(coefficients, c.shape), c.shape).predictBatch(c.test, n);
      const proba = predictor(ours[index]);
      const lb = sk.lbfgs;
      const fromSk = predictor({
        link: c.params.multi_class,
        intercepts: lb.intercepts,
        weights: lb.weights,
      });
      const diffs = {
        newtonCg: maxDiff(proba, sk["newton-cg"].proba),
        lbfgs: maxDiff(proba, lb.proba),
        predict: maxDiff(fromSk, lb.proba),
        objectiveGainOverLbfgs: (lb.objective - sk.ours) / Math.abs(lb.objective),
      };
      if (Deno.env.get("RATCHET_PARITY_DETAIL")) console.log(c.name, JSON.stringify(diffs));
      const best = Math.min(lb.objective, sk["newton-cg"].objective);
      assert(
        sk.ours <= best + OBJECTIVE_SLACK * Math.abs(best),
        `${c.name}: our objective ${sk.ours} is above scikit-learn's ${best}`,
      );
      assert(
        diffs.newtonCg <= OPTIMUM_TOLERANCE,
        `${c.name}: differs from newton-cg by ${diffs.newtonCg}`,
      );
      assert(diffs.lbfgs <= LBFGS_TOLERANCE, `${c.name}: differs from lbfgs by ${diffs.lbfgs}`);
      assert(
        diffs.predict <= PREDICT_TOLERANCE,
        `${c.name}: predict_proba differs by ${diffs.predict}`,
      );
      for (const key of Object.keys(worst) as (keyof typeof worst)[]) {
        worst[key] = Math.max(worst[key], diffs[key]);
      }
    });
    console.log(
      `logistic vs scikit-learn, worst over ${CASES.length} cases: ${JSON.stringify(worst)}`,
    );
  },
});
