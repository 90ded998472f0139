import assert from "node:assert/strict";
import { countedValues } from "./_counted_values.ts";
import { WindowProfile } from "./window_profile.ts";

const values = (n: number) => Float64Array.from({ length: n }, (_, i) => i);

Deno.test("the reservoir keeps every row until full, then a uniform, seeded sample", () => {
  const small = new WindowProfile(["number"], { sampleSize: 10 });
  small.add([Float64Array.of(3, NaN, 5)], 3);
  assert.deepEqual([...small.sample(0)], [3, NaN, 5]);

  const sample = (seed: number, batch: number) => {
    const p = new WindowProfile(["number"], { sampleSize: 1000, seed });
    const all = values(100_000);
    for (let i = 0; i < all.length; i += batch) {
      const chunk = all.subarray(i, i + batch);
      p.add([chunk], chunk.length);
    }
    return p.sample(0);
  };
  const a = sample(1, 4096);
  assert.deepEqual(
    a,
    sample(1, 100),
    "the same seed gives the same sample, however rows are batched",
  );
  assert.notDeepEqual(a, sample(2, 4096));
  assert.equal(new Set(a).size, 1000, "each row at most once");
  // Uniform over 0..99999: mean 49999.5, standard error of a mean of 1000 about 913.
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  assert.ok(Math.abs(mean - 49_999.5) < 4 * 913, String(mean));
  const late = a.filter((v) => v >= 50_000).length;
  assert.ok(late > 400 && late < 600, `${late} of 1000 from the second half`);
});

Deno.test("categories are counted exactly, missing values under null", () => {
  const p = new WindowProfile(["category", "number"], { sampleSize: 1 });
  p.add([["a", null, "b", "a"], Float64Array.of(1, 2, 3, 4)], 4);
  p.add([[true, undefined], Float64Array.of(5, 6)], 2);
  assert.deepEqual([...p.counts(0)], [["a", 2], [null, 2], ["b", 1], ["true", 1]]);
  assert.equal(p.rows, 6);
  assert.equal(p.sample(1).length, 1);
});

Deno.test("counted values repeat each level, in order, and read out of order too", () => {
  const v = countedValues(new Map<string | null, number>([["x", 3], [null, 1], ["y", 2]]));
  assert.equal(v.length, 6);
  assert.deepEqual(Array.from(v), ["x", "x", "x", null, "y", "y"]);
  assert.deepEqual([v[5], v[0], v[3], v[6]], ["y", "x", null, undefined]);
  assert.equal(countedValues(new Map()).length, 0);
});
