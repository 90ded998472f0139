import assert from "node:assert/strict";
import { createRandom } from "../../core/random/mod.ts";
import { leastSquares } from "./least_squares.ts";

const close = (a: ArrayLike<number>, b: readonly number[], tol: number) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < b.length; i++) {
    assert(Math.abs(a[i]! - b[i]!) <= tol, `[${i}]: ${Array.from(a)} vs ${b}`);
  }
};

Deno.test("leastSquares: one column, closed form Σxy / (Σx² + alpha)", () => {
  const x = new Float64Array([1, -2, 3, 0.5]);
  const y = new Float64Array([2, 1, -1, 4]);
  const sxy = 1 * 2 + -2 * 1 + 3 * -1 + 0.5 * 4, sxx = 1 + 4 + 9 + 0.25;
  for (const alpha of [0, 1e-4, 0.7, 100]) {
    close(leastSquares([x], y, alpha), [sxy / (sxx + alpha)], 1e-15);
  }
});

Deno.test("leastSquares: orthogonal columns decouple, each w_j = x_jᵀy / (x_jᵀx_j + alpha)", () => {
  const a = [
    new Float64Array([1, 1, 1, 1]),
    new Float64Array([1, -1, 1, -1]),
    new Float64Array([2, 2, -2, -2]),
  ];
  const y = new Float64Array([3, -1, 4, 1]);
  for (const alpha of [0, 0.5, 10]) {
    const expected = a.map((c) =>
      c.reduce((s, v, i) => s + v * y[i]!, 0) / (c.reduce((s, v) => s + v * v, 0) + alpha)
    );
    close(leastSquares(a, y, alpha), expected, 1e-15);
  }
});

Deno.test("leastSquares: one row, more columns: the minimum-norm solution x·y/‖x‖²", () => {
  const w = leastSquares([new Float64Array([1]), new Float64Array([2])], new Float64Array([5]), 0);
  close(w, [1, 2], 1e-15);
});

Deno.test("leastSquares: exactly collinear columns get the minimum-norm split", () => {
  // x1 = 2·x0 and y = 5·x0: any w with w0 + 2w1 = 5 fits; the shortest is (1, 2).
  const x0 = new Float64Array([1, 2, 3, -1]);
  const x1 = x0.map((v) => 2 * v);
  close(leastSquares([x0, x1], x0.map((v) => 5 * v), 0), [1, 2], 1e-14);
  // A zero column gets weight 0.
  close(leastSquares([x0, new Float64Array(4)], x0.map((v) => 3 * v), 0), [3, 0], 1e-15);
});

Deno.test("leastSquares: an exact linear relation is recovered; ridge satisfies its normal equations", () => {
  const random = createRandom(11);
  const n = 30, p = 5;
  const a = Array.from(
    { length: p },
    () => Float64Array.from({ length: n }, () => random.normal()),
  );
  const beta = [1, -2, 0.5, 3, 0];
  const y = Float64Array.from(
    { length: n },
    (_, i) => beta.reduce((s, b, j) => s + b * a[j]![i]!, 0),
  );
  close(leastSquares(a, y, 0), beta, 1e-13);
  const alpha = 2.5;
  const w = leastSquares(a, y, alpha);
  // (AᵀA + alpha·I) w = Aᵀy
  for (let j = 0; j < p; j++) {
    let lhs = alpha * w[j]!, rhs = 0;
    for (let i = 0; i < n; i++) {
      let fit = 0;
      for (let k = 0; k < p; k++) fit += a[k]![i]! * w[k]!;
      lhs += a[j]![i]! * fit;
      rhs += a[j]![i]! * y[i]!;
    }
    assert(
      Math.abs(lhs - rhs) <= 1e-12 * Math.max(1, Math.abs(rhs)),
      `equation ${j}: ${lhs} vs ${rhs}`,
    );
  }
});

Deno.test("leastSquares: no columns gives no weights", () => {
  assert.equal(leastSquares([], new Float64Array([1, 2]), 0).length, 0);
  assert.equal(leastSquares([], new Float64Array([1, 2]), 1).length, 0);
});
