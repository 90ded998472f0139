import assert from "node:assert/strict";
import { SplitterRandom } from "./splitter_random.ts";

Deno.test("SplitterRandom: xorshift draws in range, reproducible, state 0 behaves as 1", () => {
  const a = new SplitterRandom(123456789), b = new SplitterRandom(123456789);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const k = a.int(2, 9);
    assert.equal(k, b.int(2, 9));
    assert.ok(Number.isInteger(k) && k >= 2 && k < 9);
    seen.add(k);
  }
  assert.equal(seen.size, 7);
  const zero = new SplitterRandom(0), one = new SplitterRandom(1);
  for (let i = 0; i < 10; i++) assert.equal(zero.int(0, 1000), one.int(0, 1000));
  // First step from state 1: 1 ^ 1 << 13 = 8193; ^ (8193 >>> 17) = 8193; ^ 8193 << 5 = 270369.
  assert.equal(new SplitterRandom(1).int(0, 2 ** 31), 270369);
});
