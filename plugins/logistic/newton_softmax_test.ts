import assert from "node:assert/strict";
import { RatchetError } from "../../core/errors/mod.ts";
import { createRandom } from "../../core/random/mod.ts";
import { newtonSoftmax, type SoftmaxProblem } from "./newton_softmax.ts";

const base = { C: Infinity, fitIntercept: true, maxIter: 100, tol: 1e-10 } as const;
const close = (a: number, b: number, tol: number, what: string) =>
  assert(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tolerance ${tol})`);

/** Rows with an indicator input x and class counts per value of x. */
function grouped(counts: readonly (readonly number[])[]): { x: Float64Array; labels: Int32Array } {
  const x: number[] = [], labels: number[] = [];
  counts.forEach((perClass, value) =>
    perClass.forEach((m, k) => {
      for (let r = 0; r < m; r++) {
        x.push(value);
        labels.push(k);
      }
    })
  );
  return { x: Float64Array.from(x), labels: Int32Array.from(labels) };
}

Deno.test("newtonSoftmax: without inputs, unpenalised intercepts are centred log class frequencies", () => {
  const labels = Int32Array.from([0, 1, 1, 2, 2, 2, 2, 2]);
  const fit = newtonSoftmax({ ...base, columns: [], n: 8, labels, classes: 3, reference: false });
  const logs = [1, 2, 5].map(Math.log);
  const mean = (logs[0]! + logs[1]! + logs[2]!) / 3;
  logs.forEach((l, k) => close(fit.intercepts[k]!, l - mean, 1e-14, `intercept ${k}`));
});

Deno.test("newtonSoftmax: an indicator input, no penalty, gives the saturated model's log odds", () => {
  // x = 0: 3 negatives, 1 positive; x = 1: 2 negatives, 6 positives.
  const { x, labels } = grouped([[3, 1], [2, 6]]);
  const fit = newtonSoftmax({
    ...base,
    columns: [x],
    n: x.length,
    labels,
    classes: 2,
    reference: true,
  });
  close(fit.intercepts[1]!, Math.log(1 / 3), 1e-13, "intercept");
  close(fit.weights[1]![0]!, Math.log(6 / 2) - Math.log(1 / 3), 1e-13, "weight");
  assert.deepEqual(Array.from(fit.weights[0]!), [0], "the reference class stays at 0");
});

Deno.test("newtonSoftmax: multinomial indicator model matches group frequencies, weights sum to 0", () => {
  const counts = [[2, 3, 5], [6, 1, 3]];
  const { x, labels } = grouped(counts);
  const fit = newtonSoftmax({
    ...base,
    columns: [x],
    n: x.length,
    labels,
    classes: 3,
    reference: false,
  });
  const centred = (v: number[]) => v.map((a) => a - v.reduce((s, b) => s + b, 0) / v.length);
  const b = centred(counts[0]!.map(Math.log));
  const w = centred(counts[1]!.map((m, k) => Math.log(m) - Math.log(counts[0]![k]!)));
  for (let k = 0; k < 3; k++) {
    close(fit.intercepts[k]!, b[k]!, 1e-13, `intercept ${k}`);
    close(fit.weights[k]![0]!, w[k]!, 1e-13, `weight ${k}`);
  }
});

Deno.test("newtonSoftmax: L2 without intercept solves w = C·(m − N·σ(w)), found by bisection", () => {
  // Every x = 1, m = 7 of N = 10 positive: the stationarity condition is one equation in w.
  const labels = Int32Array.from([1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  for (const C of [0.01, 0.3, 5]) {
    const fit = newtonSoftmax({
      ...base,
      C,
      fitIntercept: false,
      columns: [new Float64Array(10).fill(1)],
      n: 10,
      labels,
      classes: 2,
      reference: true,
    });
    let lo = 0, hi = 10;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (mid - C * (7 - 10 / (1 + Math.exp(-mid))) < 0) lo = mid;
      else hi = mid;
    }
    close(fit.weights[1]![0]!, lo, 1e-13, `C ${C}`);
  }
});

Deno.test("newtonSoftmax: two symmetric rows with C equal the reference form with 2C, halved", () => {
  const random = createRandom(21);
  const n = 120;
  const columns = [0, 1].map(() => Float64Array.from({ length: n }, () => random.normal()));
  const labels = Int32Array.from(
    { length: n },
    (_, i) => (columns[0]![i]! + random.normal() > 0 ? 1 : 0),
  );
  const problem: SoftmaxProblem = {
    ...base,
    C: 0.7,
    columns,
    n,
    labels,
    classes: 2,
    reference: false,
  };
  const symmetric = newtonSoftmax(problem);
  const halved = newtonSoftmax({ ...problem, C: 1.4, reference: true });
  close(symmetric.intercepts[1]!, halved.intercepts[1]! / 2, 1e-13, "intercept");
  close(symmetric.intercepts[0]!, -symmetric.intercepts[1]!, 1e-15, "row 0 mirrors row 1");
  for (let j = 0; j < 2; j++) {
    close(symmetric.weights[1]![j]!, halved.weights[1]![j]! / 2, 1e-13, `weight ${j}`);
    close(symmetric.weights[0]![j]!, -symmetric.weights[1]![j]!, 1e-13, `weight ${j} mirrors`);
  }
});

Deno.test("newtonSoftmax: refuses separable classes, degenerate inputs and non-convergence without a penalty", () => {
  const x = Float64Array.from([-2, -1, 1, 2]);
  const labels = Int32Array.from([0, 0, 1, 1]);
  const problem: SoftmaxProblem = {
    ...base,
    columns: [x],
    n: 4,
    labels,
    classes: 2,
    reference: true,
  };
  const refused = (p: SoftmaxProblem, pattern: RegExp) =>
    assert.throws(
      () => newtonSoftmax(p),
      (e) => e instanceof RatchetError && pattern.test(e.message),
    );
  refused(problem, /perfectly separated/);
  refused({ ...problem, reference: false }, /perfectly separated/);
  // Penalised, the same data has a finite optimum.
  assert(Number.isFinite(newtonSoftmax({ ...problem, C: 1 }).weights[1]![0]!));
  const mixed = Int32Array.from([0, 1, 0, 1]);
  refused({ ...problem, labels: mixed, columns: [x, x] }, /collinear/);
  refused({ ...problem, labels: mixed, columns: [new Float64Array(4).fill(3)] }, /collinear/);
  refused(
    { ...problem, labels: mixed, C: 1, maxIter: 1, tol: 1e-300 },
    /did not converge in 1 Newton/,
  );
});
