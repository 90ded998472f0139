import assert from "node:assert/strict";
import { gridCandidates, MAX_CANDIDATES, randomCandidates } from "./candidate_params.ts";
import { resolveSearchSpace } from "./resolve_space.ts";
import { parseSearchSpace } from "./search_space.ts";
import decisionTree from "../../plugins/decision_tree/mod.ts";
import logistic from "../../plugins/logistic/mod.ts";

Deno.test("grid: every combination once, last sorted key fastest, bounds included", () => {
  const grid = gridCandidates({ b: [true, false], a: { min: 0, max: 1, points: 3 } });
  assert.deepEqual(grid, [
    { a: 0, b: true },
    { a: 0, b: false },
    { a: 0.5, b: true },
    { a: 0.5, b: false },
    { a: 1, b: true },
    { a: 1, b: false },
  ]);
  assert.deepEqual(gridCandidates({}), [{}], "an empty space is one candidate: the defaults");
});

Deno.test("grid: log ranges are evenly spaced in log, integer ranges deduplicated", () => {
  const log = gridCandidates({ c: { min: 0.001, max: 1000, log: true, points: 7 } }).map((p) =>
    p.c
  );
  assert.deepEqual(log, [0.001, 0.01, 0.1, 1, 10, 100, 1000]);
  const ints = gridCandidates({ k: { min: 1, max: 3, int: true, points: 5 } }).map((p) => p.k);
  assert.deepEqual(ints, [1, 2, 3]);
  const wide = gridCandidates({ k: { min: 2, max: 40, int: true, log: true } }).map((p) => p.k);
  assert.equal(wide.length, 5);
  assert.ok(wide.every((k) => Number.isInteger(k)), String(wide));
  assert.deepEqual(wide, [...wide].sort((a, b) => (a as number) - (b as number)));
  assert.equal(wide[0], 2);
  assert.equal(wide.at(-1), 40);
});

Deno.test("grid: a space too large to be meant is refused, naming its size", () => {
  const big = { a: { min: 0, max: 1, points: 1000 }, b: { min: 0, max: 1, points: 1000 } };
  assert.throws(() => gridCandidates(big), (e: Error) => {
    assert.match(e.message, new RegExp(`1000000 candidates .*more than ${MAX_CANDIDATES}`));
    return true;
  });
});

Deno.test("random: seeded, distinct, and inside the space", () => {
  const space = resolveSearchSpace(
    decisionTree,
    parseSearchSpace({
      max_depth: { min: 1, max: 8 },
      min_samples_leaf: { min: 1, max: 30, log: true },
      min_impurity_decrease: { min: 0, max: 0.1 },
      criterion: ["gini", "entropy"],
    }, "test"),
  );
  const a = randomCandidates(space, 50, 3);
  assert.deepEqual(randomCandidates(space, 50, 3), a);
  assert.notDeepEqual(randomCandidates(space, 50, 4), a);
  assert.equal(a.length, 50);
  assert.equal(new Set(a.map((p) => JSON.stringify(p))).size, 50);
  for (const p of a) {
    const depth = p.max_depth as number, leaf = p.min_samples_leaf as number;
    const decrease = p.min_impurity_decrease as number;
    assert.ok(Number.isInteger(depth) && depth >= 1 && depth <= 8, `max_depth ${depth}`);
    assert.ok(Number.isInteger(leaf) && leaf >= 1 && leaf <= 30, `min_samples_leaf ${leaf}`);
    assert.ok(decrease >= 0 && decrease <= 0.1, `min_impurity_decrease ${decrease}`);
    assert.ok(p.criterion === "gini" || p.criterion === "entropy");
  }
  // Both ends of an integer range are reachable.
  const depths = new Set(a.map((p) => p.max_depth));
  assert.ok(depths.has(1) && depths.has(8), [...depths].join());
});

Deno.test("random: a log range draws more small values than a linear one", () => {
  const space = resolveSearchSpace(logistic, { C: { min: 0.001, max: 1000, log: true } });
  const draws = randomCandidates(space, 400, 9).map((p) => p.C as number);
  const below1 = draws.filter((c) => c < 1).length;
  // Log-uniform on [1e-3, 1e3]: half the mass lies below 1; a linear draw would put 0.1% there.
  assert.ok(below1 > 140 && below1 < 260, `${below1} of 400 below 1`);
});
