import assert from "node:assert/strict";
import { createRandom } from "../../core/random/mod.ts";
import { jacobiSVD } from "./jacobi_svd.ts";

const sorted = (x: Float64Array) => Array.from(x).sort((a, b) => b - a);

Deno.test("jacobiSVD: singular values of [[1, 1], [0, 1]] are φ and 1/φ", () => {
  const phi = (1 + Math.sqrt(5)) / 2;
  const [s1, s2] = sorted(jacobiSVD([new Float64Array([1, 0]), new Float64Array([1, 1])]).sigma);
  assert(Math.abs(s1! - phi) <= 1e-15 && Math.abs(s2! - 1 / phi) <= 1e-15, `${s1}, ${s2}`);
});

Deno.test("jacobiSVD: U diag(σ) Vᵀ reproduces A; V is orthonormal; wide and tall shapes", () => {
  const random = createRandom(7);
  for (const [m, p] of [[6, 4], [3, 7], [5, 5]] as const) {
    const a = Array.from(
      { length: p },
      () => Float64Array.from({ length: m }, () => random.normal()),
    );
    const { sigma, u, v } = jacobiSVD(a);
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < p; j++) {
        let x = 0;
        for (let k = 0; k < p; k++) x += u[k]![r]! * sigma[k]! * v[k]![j]!;
        assert(
          Math.abs(x - a[j]![r]!) <= 1e-13,
          `${m}×${p}: A[${r}][${j}] = ${a[j]![r]}, rebuilt ${x}`,
        );
      }
    }
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let d = 0;
        for (let k = 0; k < p; k++) d += v[i]![k]! * v[j]![k]!;
        assert(Math.abs(d - (i === j ? 1 : 0)) <= 1e-14, `${m}×${p}: VᵀV[${i}][${j}] = ${d}`);
      }
    }
    // A wide matrix has at most m non-zero singular values.
    if (m < p) assert(sorted(sigma).slice(m).every((s) => s <= 1e-14), String(sorted(sigma)));
  }
});

Deno.test("jacobiSVD: tiny singular values keep their relative accuracy", () => {
  // diag(1, 1e-12) rotated by 30°: singular values exactly 1 and 1e-12.
  const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
  const a = [new Float64Array([c, s]), new Float64Array([-s * 1e-12, c * 1e-12])];
  const [s1, s2] = sorted(jacobiSVD(a).sigma);
  assert(Math.abs(s1! - 1) <= 1e-15 && Math.abs(s2! / 1e-12 - 1) <= 1e-14, `${s1}, ${s2}`);
});
