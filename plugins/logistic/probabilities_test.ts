import assert from "node:assert/strict";
import { expit, probabilityTransform } from "./probabilities.ts";

const apply = (link: "multinomial" | "ovr", decisions: number[], binary = false) => {
  const buf = Float64Array.from(binary ? [0, decisions[0]!] : decisions);
  probabilityTransform(link, buf.length)(buf, 0, 1);
  return Array.from(buf);
};

Deno.test("expit: symmetric, exact at 0, saturates without NaN", () => {
  for (const x of [0.1, 2, 30, 700]) assert(Math.abs(expit(x) + expit(-x) - 1) <= 2e-16, `x ${x}`);
  assert.equal(expit(0), 0.5);
  assert.equal(expit(Infinity), 1);
  assert.equal(expit(-Infinity), 0);
  // Keeps relative precision far in the tail: expit(−40) = e^−40 / (1 + e^−40).
  assert(Math.abs(expit(-40) / Math.exp(-40) - 1) <= 1e-15);
});

Deno.test("binary: ovr is [1 − σ(d), σ(d)], multinomial is softmax([−d, d]) = [σ(−2d), σ(2d)]", () => {
  for (const d of [-3, -0.2, 0, 0.7, 5]) {
    const [q0, q1] = apply("ovr", [d], true);
    assert.equal(q1, expit(d));
    assert.equal(q0, 1 - expit(d));
    const [m0, m1] = apply("multinomial", [d], true);
    assert(
      Math.abs(m1! - expit(2 * d)) <= 2e-16 && Math.abs(m0! - expit(-2 * d)) <= 2e-16,
      `d ${d}`,
    );
  }
});

Deno.test("multiclass: softmax and normalised sigmoids, against direct formulas", () => {
  const d = [0.3, -1.2, 2];
  const e = d.map(Math.exp), s = e.reduce((a, b) => a + b);
  apply("multinomial", d).forEach((p, k) =>
    assert(Math.abs(p - e[k]! / s) <= 4e-16, `${p} vs ${e[k]! / s}`)
  );
  const g = d.map((x) => 1 / (1 + Math.exp(-x))), t = g.reduce((a, b) => a + b);
  apply("ovr", d).forEach((p, k) =>
    assert(Math.abs(p - g[k]! / t) <= 4e-16, `${p} vs ${g[k]! / t}`)
  );
});

Deno.test("huge decisions give finite probabilities summing to 1, never NaN", () => {
  const cases: [("multinomial" | "ovr"), number[], boolean][] = [
    ["ovr", [1e5], true],
    ["ovr", [-1e5], true],
    ["multinomial", [1e5], true],
    ["multinomial", [-1e308], true],
    ["multinomial", [1e5, -1e5, 3], false],
    ["ovr", [1e5, 1e5, -1e5], false],
    // Every sigmoid underflows to 0 here: the limit is the softmax, (1/(1+e+e²), …) for −800, −799, −798.
    ["ovr", [-800, -799, -798], false],
    ["ovr", [-1e5, -1e5, -1e5], false],
  ];
  for (const [link, d, binary] of cases) {
    const p = apply(link, d, binary);
    assert(p.every((v) => Number.isFinite(v) && v >= 0 && v <= 1), `${link} ${d}: ${p}`);
    assert(Math.abs(p.reduce((a, b) => a + b) - 1) <= 1e-15, `${link} ${d}: ${p}`);
  }
  const tail = apply("ovr", [-800, -799, -798]);
  const z = 1 + Math.E + Math.E ** 2;
  [1 / z, Math.E / z, Math.E ** 2 / z].forEach((v, k) => assert(Math.abs(tail[k]! - v) <= 1e-15));
});

Deno.test("the batch layout (stride n) gives the same numbers as the row layout", () => {
  const transform = probabilityTransform("ovr", 3);
  const rows = [[0.5, -2, 1], [-900, -800, -750], [3, 3, 3]];
  const n = rows.length;
  const batch = new Float64Array(3 * n);
  rows.forEach((r, i) => r.forEach((v, k) => (batch[k * n + i] = v)));
  for (let i = 0; i < n; i++) transform(batch, i, n);
  rows.forEach((r, i) => {
    const one = Float64Array.from(r);
    transform(one, 0, 1);
    one.forEach((v, k) => assert(Object.is(v, batch[k * n + i])));
  });
});
