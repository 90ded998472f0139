import assert from "node:assert/strict";
import { createRandom } from "../../core/random/mod.ts";
import { choleskySolve } from "./cholesky.ts";

Deno.test("choleskySolve: solves a random positive definite system", () => {
  const random = createRandom(4);
  const dim = 6;
  const m = Array.from({ length: dim * dim }, () => random.normal());
  const a = new Float64Array(dim * dim);
  // A = MᵀM + I is symmetric positive definite.
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < dim; k++) s += m[k * dim + i]! * m[k * dim + j]!;
      a[i * dim + j] = s;
    }
  }
  const x = Float64Array.from({ length: dim }, () => random.normal());
  const b = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) b[i] = b[i]! + a[i * dim + j]! * x[j]!;
  }
  assert(choleskySolve(a.slice(), dim, b));
  b.forEach((v, i) => assert(Math.abs(v - x[i]!) <= 1e-12, `x[${i}]: ${v} vs ${x[i]}`));
});

Deno.test("choleskySolve: refuses singular and indefinite matrices", () => {
  assert(!choleskySolve(new Float64Array([1, 2, 2, 4]), 2, new Float64Array(2)), "singular");
  assert(!choleskySolve(new Float64Array([1, 0, 0, -1]), 2, new Float64Array(2)), "indefinite");
  assert(!choleskySolve(new Float64Array([0]), 1, new Float64Array(1)), "zero");
});
