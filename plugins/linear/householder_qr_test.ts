import assert from "node:assert/strict";
import { createRandom } from "../../core/random/mod.ts";
import { householderQR } from "./householder_qr.ts";

const close = (a: number, b: number, tol: number, what: string) =>
  assert(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tolerance ${tol})`);

Deno.test("householderQR: RᵀR = AᵀA and Rᵀ(Qᵀb) = Aᵀb, R upper triangular", () => {
  const random = createRandom(3);
  const m = 9, p = 4;
  const a = Array.from(
    { length: p },
    () => Float64Array.from({ length: m }, () => random.normal()),
  );
  const b = Float64Array.from({ length: m }, () => random.normal());
  const before = a.map((c) => c.slice());
  const { r, qtb } = householderQR(a, b);
  assert.deepEqual(a, before, "A must not be modified");
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      if (i > j) assert.equal(r[j]![i], 0);
      let rtr = 0, ata = 0;
      for (let k = 0; k < p; k++) rtr += r[i]![k]! * r[j]![k]!;
      for (let k = 0; k < m; k++) ata += a[i]![k]! * a[j]![k]!;
      close(rtr, ata, 1e-12, `(RᵀR)[${i}][${j}]`);
    }
    let rtq = 0, atb = 0;
    for (let k = 0; k < p; k++) rtq += r[i]![k]! * qtb[k]!;
    for (let k = 0; k < m; k++) atb += a[i]![k]! * b[k]!;
    close(rtq, atb, 1e-12, `(Aᵀb)[${i}]`);
  }
});

Deno.test("householderQR: a known 3×2 factorisation", () => {
  // A = [[1, 1], [1, 2], [1, 3]]: |R[0][0]| = √3, |R[0][1]| = 6/√3, |R[1][1]| = √2.
  const { r } = householderQR(
    [new Float64Array([1, 1, 1]), new Float64Array([1, 2, 3])],
    new Float64Array(3),
  );
  close(Math.abs(r[0]![0]!), Math.sqrt(3), 1e-15, "R00");
  close(Math.abs(r[1]![0]!), 6 / Math.sqrt(3), 1e-15, "R01");
  close(Math.abs(r[1]![1]!), Math.sqrt(2), 1e-15, "R11");
});

Deno.test("householderQR: a zero column gives a zero diagonal, not NaN", () => {
  const { r, qtb } = householderQR(
    [new Float64Array(3), new Float64Array([1, 2, 2])],
    new Float64Array([1, 1, 1]),
  );
  // The first reflection is the identity, so R's second column is [1, ‖(2, 2)‖].
  assert.equal(r[0]![0], 0);
  assert.equal(r[1]![0], 1);
  close(Math.abs(r[1]![1]!), Math.sqrt(8), 1e-15, "R11");
  assert(qtb.every(Number.isFinite));
});

Deno.test("householderQR: huge and tiny entries do not overflow or underflow", () => {
  for (const s of [1e200, 1e-200]) {
    const { r } = householderQR([new Float64Array([3 * s, 4 * s])], new Float64Array(2));
    close(Math.abs(r[0]![0]!), 5 * s, 5 * s * 1e-15, `scale ${s}`);
  }
});
