import assert from "node:assert/strict";
import { parseSearchSpace, readSearchSpace } from "./search_space.ts";
import { defaultSearchSpace, resolveSearchSpace } from "./resolve_space.ts";
import { parseBudget } from "./parse_budget.ts";
import linear from "../../plugins/linear/mod.ts";
import randomForest from "../../plugins/random_forest/mod.ts";

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return assert.fail("expected an error");
}

Deno.test("space files: each mistake names the parameter and its JSON path", () => {
  const cases: [unknown, RegExp][] = [
    [[1, 2], /expected a JSON object with one entry per parameter/],
    [{ alpha: "1" }, /parameter alpha: \$\.alpha: /],
    [{ alpha: { min: 0, max: 1, step: 0.1 } }, /parameter alpha: .*step/],
    [{ alpha: { min: 0 } }, /parameter alpha: \$\.alpha\.max: /],
    [{ alpha: { min: 0, max: 1, points: 1 } }, /parameter alpha: \$\.alpha\.points: /],
    [{ alpha: { min: 0, max: 1, log: true } }, /parameter alpha: .*log range needs min > 0/],
    [{ alpha: [[1]] }, /parameter alpha: \$\.alpha\[0\]: /],
  ];
  for (const [value, expected] of cases) {
    assert.match(message(() => parseSearchSpace(value, "space.json")), expected);
  }
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/bad.json`, '{"alpha": [1,, 2]}');
    assert.match(message(() => readSearchSpace(`${dir}/bad.json`)), /bad\.json/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("space against the plugin: defaults from its search ranges, integer flags, duplicates dropped", () => {
  assert.deepEqual(defaultSearchSpace(linear), { alpha: { min: 1e-4, max: 100, log: true } });
  const forest = resolveSearchSpace(randomForest);
  assert.deepEqual(Object.keys(forest), [
    "max_depth",
    "min_samples_leaf",
    "min_samples_split",
    "n_estimators",
  ]);
  assert.equal((forest.n_estimators as { int: boolean }).int, true);
  assert.deepEqual(resolveSearchSpace(linear, { alpha: [1, 1, 0] }), { alpha: [1, 0] });
  assert.deepEqual(resolveSearchSpace(linear, { alpha: { min: 0.5, max: 3.5, int: true } }), {
    alpha: { min: 1, max: 3, int: true },
  });
  assert.match(
    message(() =>
      resolveSearchSpace(randomForest, { n_estimators: { min: 1, max: 5, int: false } })
    ),
    /n_estimators: it is an integer parameter/,
  );
  assert.match(
    message(() => resolveSearchSpace(randomForest, { bootstrap: { min: 0, max: 1 } })),
    /bootstrap: it is a bool parameter, so give a list of values, e\.g\. \[true,false\]/,
  );
});

Deno.test("budgets: units add up; nonsense and zero are refused with an example", () => {
  assert.equal(parseBudget("90s"), 90_000);
  assert.equal(parseBudget("1.5h"), 5_400_000);
  assert.equal(parseBudget("2m30s"), 150_000);
  assert.equal(parseBudget("250ms"), 250);
  for (const bad of ["", "10", "ten minutes", "10 m", "-5m", "0s", "5d"]) {
    assert.match(message(() => parseBudget(bad)), /--budget .*e\.g\. 90s, 10m/, bad);
  }
});
