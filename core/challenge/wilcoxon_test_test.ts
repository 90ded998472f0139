import assert from "node:assert/strict";
import { createRandom } from "../random/mod.ts";
import { runPython, sklearnTest } from "../testing/mod.ts";
import { wilcoxonTest } from "./wilcoxon_test.ts";

interface ScipyWilcoxon {
  statistic: number;
  p: number;
}

// Exact cases (no zeros, no ties, n ≤ 50) and approximate ones (ties, zeros, n > 50).
function _cases(): number[][] {
  const rng = createRandom(11);
  const out: number[][] = [[1, -2, 3, 4, 5, 6, -7], [0.5], [-0.25], [1, -1.5]];
  for (const n of [3, 8, 12, 20, 33, 50]) {
    out.push(Array.from({ length: n }, () => rng.normal() * 0.05 + 0.01));
  }
  for (const n of [51, 80, 300]) out.push(Array.from({ length: n }, () => rng.normal() + 0.1));
  // Ties and zeros: differences of rounded metrics, as small partitions give.
  for (const n of [10, 30, 60, 200]) {
    out.push(Array.from({ length: n }, () => Math.round((rng.normal() + 0.3) * 4) / 4));
  }
  return out;
}

Deno.test({
  name: "wilcoxonTest equals scipy.stats.wilcoxon (exact and normal approximation)",
  ...sklearnTest(),
  fn: async () => {
    const cases = _cases();
    const plans = cases.map((d) => {
      const r = wilcoxonTest(d);
      return { d: d.filter((x) => x !== 0), method: r.method };
    });
    const scipy = await runPython<ScipyWilcoxon[]>(
      `import json, sys
from scipy.stats import wilcoxon
out = []
for case in json.load(sys.stdin):
    if case["method"] == "exact":
        r = wilcoxon(case["d"], method="exact")
    else:
        r = wilcoxon(case["d"], method="approx", correction=True)
    out.append({"statistic": float(r.statistic), "p": float(r.pvalue)})
print(json.dumps(out))`,
      plans,
    );
    let exact = 0, approx = 0;
    cases.forEach((d, k) => {
      const ours = wilcoxonTest(d);
      const want = scipy[k]!;
      ours.method === "exact" ? exact++ : approx++;
      assert.equal(ours.statistic, want.statistic, `case ${k}: statistic`);
      assert.ok(
        Math.abs(ours.p_value - want.p) <= 1e-12 * want.p + 1e-15,
        `case ${k} (${ours.method}, n ${ours.n}): ours ${ours.p_value}, scipy ${want.p}`,
      );
    });
    assert.ok(exact >= 8 && approx >= 6, `${exact} exact, ${approx} approx cases`);
  },
});

Deno.test("wilcoxonTest drops zeros, and a case of zeros only has p = 1", () => {
  const r = wilcoxonTest([0, 0, 0.2, 0.3, -0.1]);
  assert.equal(r.zeros, 2);
  assert.equal(r.n, 3);
  assert.equal(r.r_plus + r.r_minus, 6);
  assert.equal(wilcoxonTest([0, 0]).p_value, 1);
  assert.throws(() => wilcoxonTest([NaN]), /finite/);
});

Deno.test("wilcoxonTest: every difference positive gives the smallest exact p-value, 2 / 2^n", () => {
  const d = Array.from({ length: 12 }, (_, k) => k + 1);
  assert.equal(wilcoxonTest(d).p_value, 2 / 2 ** 12);
  assert.equal(wilcoxonTest(d.map((x) => -x)).p_value, 2 / 2 ** 12);
});
