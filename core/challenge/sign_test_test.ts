import assert from "node:assert/strict";
import { createRandom } from "../random/mod.ts";
import { runPython, sklearnTest } from "../testing/mod.ts";
import { signTest } from "./sign_test.ts";

Deno.test({
  name: "signTest equals scipy.stats.binomtest, two-sided, p = 1/2",
  ...sklearnTest(),
  fn: async () => {
    const rng = createRandom(5);
    const cases: [number, number][] = [[0, 0], [0, 1], [1, 0], [3, 7], [7, 3], [5, 5], [0, 30]];
    for (const n of [2, 9, 25, 48, 120, 1000, 5000]) {
      for (let k = 0; k < 4; k++) {
        const better = rng.int(n + 1);
        cases.push([better, n - better]);
      }
    }
    const scipy = await runPython<number[]>(
      `import json, sys
from scipy.stats import binomtest
print(json.dumps([1.0 if b + w == 0 else binomtest(b, b + w).pvalue for b, w in json.load(sys.stdin)]))`,
      cases,
    );
    cases.forEach(([better, worse], k) => {
      const ours = signTest(better, worse).p_value;
      const want = scipy[k]!;
      assert.ok(
        Math.abs(ours - want) <= 1e-12 * Math.max(want, 1e-300) || Math.abs(ours - want) < 1e-300,
        `${better} better, ${worse} worse: ours ${ours}, scipy ${want}`,
      );
    });
  },
});

Deno.test("signTest refuses counts that are not whole numbers", () => {
  assert.throws(() => signTest(1.5, 2), /whole number/);
  assert.throws(() => signTest(1, -1), /worse = -1/);
});
