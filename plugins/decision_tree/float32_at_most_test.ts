import assert from "node:assert/strict";
import { createRandom } from "../../core/random/mod.ts";
import { float32AtMost } from "./float32_at_most.ts";

Deno.test("float32AtMost: the largest float32 not above x", () => {
  const random = createRandom(3);
  const next32 = (f: number) => {
    const a = Float32Array.of(f), u = new Uint32Array(a.buffer);
    if (f === 0) return 1.401298464324817e-45;
    u[0] = f > 0 ? u[0]! + 1 : u[0]! - 1;
    return a[0]!;
  };
  const cases = [0, -0, 1e-50, -1e-50, 0.1, -0.1, 3.4028235677973366e38, 1e39, -1e39, 1.5, -1.5];
  for (let i = 0; i < 2000; i++) {
    cases.push(random.normal() * 10 ** random.int(12) * (random.next() < 0.1 ? 1e-30 : 1));
  }
  for (const x of cases) {
    const t = float32AtMost(x);
    assert.equal(Math.fround(t), t, `${x}: ${t} is a float32`);
    assert.ok(t <= x, `${x}: ${t} ≤ x`);
    assert.ok(next32(t) > x, `${x}: the next float32 after ${t} is above x`);
  }
});
