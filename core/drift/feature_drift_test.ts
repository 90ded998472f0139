import assert from "node:assert/strict";
import { createRandom } from "../random/mod.ts";
import { runPython, sklearnTest } from "../testing/mod.ts";
import { categoryDrift, numericDrift } from "./feature_drift.ts";
import {
  binCounts,
  populationStability,
  quantileEdges,
  quantileSorted,
} from "./population_stability.ts";

Deno.test("PSI by its definition: identical shares give 0, a known shift gives its value", () => {
  assert.equal(populationStability([10, 20, 30], [20, 40, 60]), 0);
  const e = [0.25, 0.25, 0.5], a = [0.5, 0.25, 0.25];
  const want = e.reduce((s, ei, i) => s + (a[i]! - ei) * Math.log(a[i]! / ei), 0);
  assert.ok(Math.abs(populationStability([25, 25, 50], [50, 25, 25]) - want) < 1e-15);
  // An empty bin takes the epsilon share instead of dividing by zero.
  assert.ok(Number.isFinite(populationStability([0, 10], [10, 0])));
  assert.ok(Number.isNaN(populationStability([0, 0], [1, 1])));
});

Deno.test("bins: ties collapse edges, values fall right-inclusive, NaN is left out", () => {
  const edges = quantileEdges(Float64Array.from([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]).sort(), 5);
  // Deciles of 1,1,1,1,1,1,2,3,4,5 in fifths: 1, 1, 1.4, 3.2; the repeated 1 is one edge.
  assert.equal(edges.length, 3);
  assert.equal(edges[0], 1);
  assert.ok(Math.abs(edges[1]! - 1.4) < 1e-12 && Math.abs(edges[2]! - 3.2) < 1e-12, edges.join());
  assert.deepEqual(binCounts([0, 1, 1.5, 5, NaN], [1, 2]), [2, 1, 1]);
});

Deno.test("a stable feature drifts little; a shifted one drifts a lot", () => {
  const rng = createRandom(3);
  const ref = Float64Array.from({ length: 5000 }, () => rng.normal());
  const same = Float64Array.from({ length: 5000 }, () => rng.normal());
  const moved = Float64Array.from({ length: 5000 }, () => rng.normal() + 1);
  const stable = numericDrift(ref, same), shifted = numericDrift(ref, moved);
  assert.ok(stable.psi! < 0.02, String(stable.psi));
  assert.ok(shifted.psi! > 0.25, String(shifted.psi));
  assert.ok(Math.abs(shifted.mean_shift! - 1) < 0.1, String(shifted.mean_shift));
  const withMissing = numericDrift([1, 2, NaN, 4], [1, NaN, NaN, 4]);
  assert.deepEqual(withMissing.missing, { reference: 0.25, current: 0.5 });
  const cats = categoryDrift(["a", "b", null], ["c", "c", "c"]);
  assert.deepEqual(cats.shares.map((s) => s.level), ["(missing)", "a", "b", "c"]);
  assert.ok(cats.psi! > 1);
});

Deno.test({
  name: "quantiles equal numpy's (linear interpolation)",
  ...sklearnTest(),
  fn: async () => {
    const rng = createRandom(9);
    const values = Array.from({ length: 777 }, () => Math.round(rng.normal() * 100) / 10);
    const qs = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1];
    const theirs = await runPython<number[]>(
      "import json,sys,numpy as np; d=json.load(sys.stdin); print(json.dumps(np.quantile(np.array(d['v']), d['q']).tolist()))",
      { v: values, q: qs },
    );
    const sorted = Float64Array.from(values).sort();
    qs.forEach((q, k) =>
      assert.ok(Math.abs(quantileSorted(sorted, q) - theirs[k]!) < 1e-12, `q=${q}`)
    );
  },
});
