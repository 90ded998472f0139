import assert from "node:assert/strict";
import { join } from "node:path";
import { definePlugin, PluginRegistry } from "../contract/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import { builtinPlugins } from "../../plugins/mod.ts";
import { searchCandidates, type SearchOptions } from "./search_candidates.ts";
import { withSearchProject } from "./_test_project.ts";

function churn(overrides: Partial<SearchOptions> = {}): SearchOptions {
  return {
    name: "churn",
    plugin: "logistic",
    dataset: "synthetic",
    train: { from: "2020-03", to: "2020-04" },
    validate: { from: "2020-05", to: "2020-06" },
    mode: { grid: true },
    space: { C: [0.1, 1] },
    ...overrides,
  };
}

/** The message of a refused search; nothing may have been published or claimed. */
async function refused(project: Project, options: SearchOptions): Promise<string> {
  const versions = () => {
    try {
      return project.store.versions(options.name).join();
    } catch {
      return "";
    }
  };
  const before = versions();
  const e = await searchCandidates(project, options).then(
    () => assert.fail("the search should have been refused"),
    (e) => e,
  );
  assert.ok(e instanceof RatchetError, String(e));
  assert.equal(e.exitCode, 2);
  assert.equal(versions(), before, "nothing may be published");
  return e.message;
}

const frozen = definePlugin<number>({
  id: "frozen",
  version: "1.0.0",
  description: "a constant, with no fit",
  tasks: ["binary"],
  parse: (c) => Number(c),
  compile: (c) => ({
    width: 2,
    predictBatch: (_cols, n, out = new Float64Array(2 * n)) => out.fill(c, 0, 2 * n),
    predictRow: (_row, out = new Float64Array(2)) => out.fill(c),
  }),
});

Deno.test("search refuses bad input with a message saying what to do", () =>
  withSearchProject(async (project) => {
    const cases: [Partial<SearchOptions>, RegExp][] = [
      [{ name: "nobody" }, /No model named nobody/],
      [{ plugin: "nope" }, /Unknown plugin nope/],
      [{ plugin: "linear" }, /Plugin linear does not serve binary models/],
      [{ space: { gamma: [1] } }, /parameter gamma: unknown parameter gamma for plugin logistic/],
      [{ space: { C: [0, 1] } }, /parameter C: invalid C: 0/],
      [{ space: { C: [] } }, /parameter C: .*empty/],
      [{ space: { C: { min: 10, max: 1 } } }, /parameter C: .*min is greater than max/],
      [{ space: { penalty: { min: 0, max: 1 } } }, /penalty: it is a choice parameter/],
      [
        { plugin: "decision_tree", space: { max_depth: { min: 2.2, max: 2.8 } } },
        /max_depth: the range \[2\.2, 2\.8\] holds no integer/,
      ],
      [{ validate: { from: "2020-04", to: "2020-05" } }, /overlap \(2020-04\).*--allow-overlap/],
      [{ train: { from: "2021-01", to: "2021-03" } }, /--train 2021-01\.\.2021-03: .*no rows/],
      [{ validate: { from: "2020-06", to: "2020-05" } }, /--validate .*2020-06 is after 2020-05/],
      [{ train: { from: "2020-13" } }, /--train 2020-13\.\.: Invalid month label/],
      [{ dataset: "missing" }, /No dataset named missing/],
      [{ keep: 0 }, /--keep 0/],
      [{ seed: -1 }, /--seed -1/],
      [{ budgetMs: 0 }, /Invalid budget 0 ms/],
      [{ mode: { random: 0 } }, /--random 0/],
    ];
    for (const [overrides, expected] of cases) {
      const message = await refused(project, churn(overrides));
      assert.match(message, expected, JSON.stringify(overrides));
    }
    assert.equal(
      [...Deno.readDirSync(join(project.store.modelDir("churn")))].some((e) =>
        e.name === "searches"
      ),
      false,
      "a refused search leaves no search folder",
    );
  }));

Deno.test("search refuses a model without a champion and a plugin without fit", () =>
  withSearchProject(async (project) => {
    Deno.removeSync(join(project.store.modelDir("churn"), "aliases.json"));
    assert.match(await refused(project, churn()), /churn has no champion.*models alias churn@/);
    project.store.setAlias("churn", "champion", 1);
    const withFrozen: Project = {
      ...project,
      registry: new PluginRegistry([...builtinPlugins, frozen]),
    };
    assert.match(
      await refused(withFrozen, churn({ plugin: "frozen", space: {} })),
      /Plugin frozen has no fit/,
    );
  }));

Deno.test("search: --allow-overlap accepts overlapping windows and says so", () =>
  withSearchProject(async (project) => {
    const board = await searchCandidates(
      project,
      churn({ validate: { from: "2020-04", to: "2020-05" }, allowOverlap: true }),
    );
    assert.equal(board.overlap, true);
    assert.ok(board.notes.some((n) => n.includes("overlap")));
    assert.deepEqual(board.train, { from: "2020-03", to: "2020-04", rows: 56 });
  }));

Deno.test("search: a primary metric undefined on the validation window is an error naming why", () =>
  withSearchProject(async (project) => {
    // `late` is always "no" in May and June: roc_auc needs both classes.
    const message = await refused(project, churn({ target: "late" }));
    assert.match(
      message,
      /roc_auc is undefined on the validation window 2020-05\.\.2020-06 \(.+\)/,
    );
    assert.equal(
      [...Deno.readDirSync(project.store.modelDir("churn"))].some((e) => e.name === "searches"),
      true,
    );
    const searches = [...Deno.readDirSync(join(project.store.modelDir("churn"), "searches"))];
    assert.equal(searches.length, 0, "no half-written search is left behind");
  }));
