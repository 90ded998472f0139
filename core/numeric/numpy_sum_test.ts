import assert from "node:assert/strict";
import { createRandom } from "../random/mod.ts";
import { runPython, sklearnTest } from "../testing/python.ts";
import { columnSum, pairwiseSum } from "./numpy_sum.ts";

const LENGTHS = [0, 1, 2, 7, 8, 9, 15, 16, 17, 63, 127, 128, 129, 130, 255, 256, 300, 1000, 1037];

/** Values over many magnitudes and both signs, so that any change of order changes the rounding. */
function values(seed: number, n: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.normal() * 10 ** (random.next() * 16 - 8));
}

Deno.test({
  name: "pairwiseSum and columnSum round exactly as numpy's np.sum",
  ...sklearnTest(),
  fn: async () => {
    const rows = LENGTHS.map((n, k) => values(k + 1, n));
    const expected = await runPython<{ flat: number[]; axis0: number[][] }>(
      `
import json, sys
import numpy as np
rows = json.load(sys.stdin)
flat = [float(np.sum(np.array(r, dtype=np.float64))) for r in rows]
# Column sums of an (n, 3) and an (n, 1) C-ordered matrix, as GaussianNB's np.mean(X, axis=0) does.
axis0 = [[float(v) for v in np.sum(np.array([r, r[::-1], r], dtype=np.float64).T.copy(), axis=0)] + [float(np.sum(np.array(r).reshape(-1, 1), axis=0)[0])] for r in rows]
print(json.dumps({"flat": flat, "axis0": axis0}))
`,
      rows,
    );
    rows.forEach((row, k) => {
      const a = Float64Array.from(row);
      assert.equal(pairwiseSum(a, 0, a.length), expected.flat[k], `pairwise, ${a.length} values`);
      // The same run inside a longer array, starting elsewhere.
      const padded = Float64Array.from([1e300, ...row, -1e300]);
      assert.equal(
        pairwiseSum(padded, 1, a.length),
        expected.flat[k],
        `pairwise at an offset, ${a.length} values`,
      );
      const reversed = Float64Array.from(row).reverse();
      const [first, second, third, single] = expected.axis0[k]!;
      assert.equal(columnSum(a, a.length, 3), first, `column sum, ${a.length} rows`);
      assert.equal(columnSum(reversed, a.length, 3), second);
      assert.equal(columnSum(a, a.length, 3), third);
      assert.equal(columnSum(a, a.length, 1), single, `single-column sum, ${a.length} rows`);
    });
  },
});

Deno.test("pairwiseSum differs from a plain running sum when the order matters", () => {
  // Guards the test above: with these values numpy's order and a running sum disagree.
  const a = Float64Array.from(values(99, 300));
  let running = 0;
  for (const v of a) running += v;
  assert.notEqual(pairwiseSum(a, 0, a.length), running);
});
