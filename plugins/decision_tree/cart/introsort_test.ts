import assert from "node:assert/strict";
import { createRandom } from "../../../core/random/mod.ts";
import { sortSamples } from "./introsort.ts";

Deno.test("sortSamples: sorts a slice and carries the samples along, with ties and the heapsort fallback", () => {
  const random = createRandom(9);
  for (
    const [n, distinct] of [[1, 1], [2, 2], [17, 3], [1000, 1000], [5000, 4], [4096, 4096]] as const
  ) {
    const start = 5;
    const values = new Float32Array(start + n + 3);
    for (let i = 0; i < values.length; i++) values[i] = random.int(distinct) - distinct / 2;
    // An organ-pipe order is a bad case for median-of-three, so it reaches the depth limit.
    if (n === 4096) { for (let i = 0; i < n; i++) values[start + i] = i < n / 2 ? i : n - i; }
    const samples = Int32Array.from(values, (_, i) => i);
    const original = values.slice();
    sortSamples(values, samples, start, n);
    for (let i = start; i < start + n; i++) {
      assert.equal(values[i], original[samples[i]!], `position ${i} keeps its sample's value`);
      if (i > start) assert.ok(values[i - 1]! <= values[i]!, `sorted at ${i}`);
    }
    for (const i of [0, 4, start + n, start + n + 2]) {
      assert.equal(samples[i], i, "outside the slice nothing moves");
    }
    assert.deepEqual(
      [...samples.subarray(start, start + n)].sort((a, b) => a - b),
      Array.from({ length: n }, (_, i) => start + i),
    );
  }
});
