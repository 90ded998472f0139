import assert from "node:assert/strict";
import { CompensatedSum } from "./compensated_sum.ts";

Deno.test("CompensatedSum keeps what a running sum rounds away", () => {
  const s = new CompensatedSum();
  for (const x of [1e16, 1, 1, -1e16]) s.add(x);
  assert.equal(s.value, 2); // a running sum gives 0
  const many = new CompensatedSum();
  let plain = 0;
  for (let i = 0; i < 1e5; i++) {
    many.add(0.1);
    plain += 0.1;
  }
  assert.equal(many.value, 1e4);
  assert.notEqual(plain, 1e4);
});

Deno.test("CompensatedSum.merge carries the other sum's compensation", () => {
  const a = new CompensatedSum(), b = new CompensatedSum();
  a.add(1e16);
  b.add(1);
  b.add(1);
  b.add(-1e16);
  a.merge(b);
  assert.equal(a.value, 2);
  a.merge(a);
  assert.equal(a.value, 4);
});
