import assert from "node:assert/strict";
import { createRandom } from "../random/mod.ts";
import { sortScores } from "./sort_scores.ts";

Deno.test("sortScores orders exactly as Float64Array.prototype.sort, small and large, ties and signs", () => {
  const random = createRandom(7);
  const draws: [string, () => number][] = [
    ["probabilities", () => random.next()],
    ["both signs, wide range", () => (random.next() - 0.5) * 10 ** (random.int(40) - 20)],
    ["few distinct values, zeros of both signs", () => [0, -0, 0.5, -0.5, 1][random.int(5)]!],
    [
      "extremes",
      () => [Number.MIN_VALUE, -Number.MAX_VALUE, Number.MAX_VALUE, 1e-300][random.int(4)]!,
    ],
  ];
  for (const [name, draw] of draws) {
    for (const n of [0, 1, 100, 2047, 2048, 5000, 70_000]) {
      const values = Float64Array.from({ length: n }, draw);
      const want = values.slice().sort();
      const got = sortScores(values);
      assert.equal(got, values, "sorts in place");
      for (let i = 0; i < n; i++) {
        assert.ok(
          Object.is(got[i], want[i]),
          `${name}, ${n} values: ${got[i]} ≠ ${want[i]} at ${i}`,
        );
      }
    }
  }
});

Deno.test("sortScores sorts a view without touching the values around it", () => {
  const all = Float64Array.from({ length: 6000 }, (_, i) => (i * 7919) % 6000);
  const view = all.subarray(1000, 5000);
  const outside = [...all.subarray(0, 1000), ...all.subarray(5000)];
  const want = view.slice().sort();
  sortScores(view);
  assert.deepEqual([...view], [...want]);
  assert.deepEqual([...all.subarray(0, 1000), ...all.subarray(5000)], outside);
});
