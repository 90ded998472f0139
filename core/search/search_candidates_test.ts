import assert from "node:assert/strict";
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import { evaluateTable } from "../evaluate/mod.ts";
import { readDatasetWindow } from "../train/mod.ts";
import type { Project } from "../project/mod.ts";
import { searchCandidates, type SearchOptions } from "./search_candidates.ts";
import { withSearchProject } from "./_test_project.ts";

const BASE = {
  dataset: "synthetic",
  train: { from: "2020-03", to: "2020-04" },
  validate: { from: "2020-05", to: "2020-06" },
} as const;

function churn(overrides: Partial<SearchOptions> = {}): SearchOptions {
  return {
    ...BASE,
    name: "churn",
    plugin: "logistic",
    mode: { grid: true },
    space: { C: { min: 0.01, max: 100, log: true, points: 3 } },
    ...overrides,
  };
}

function aliasesText(project: Project, name: string): string {
  return Deno.readTextFileSync(join(project.store.modelDir(name), "aliases.json"));
}

async function refusal(project: Project, options: SearchOptions): Promise<string> {
  const before = project.store.versions(options.name).join();
  const e = await searchCandidates(project, options).then(
    () => assert.fail("the search should have been refused"),
    (e) => e,
  );
  assert.ok(e instanceof RatchetError, String(e));
  assert.equal(e.exitCode, 2);
  assert.equal(project.store.versions(options.name).join(), before, "nothing may be published");
  return e.message;
}

Deno.test("search: publishes the best K as candidates ranked by the primary metric, champion untouched", () =>
  withSearchProject(async (project) => {
    const aliases = aliasesText(project, "spend");
    const board = await searchCandidates(project, {
      ...BASE,
      name: "spend",
      plugin: "linear",
      mode: { grid: true },
      space: { alpha: [0, 1, 30, 300], fit_intercept: [true, false] },
      keep: 3,
    });
    assert.equal(aliasesText(project, "spend"), aliases);
    assert.equal(board.metric, "mae");
    assert.equal(board.lower_is_better, true);
    assert.equal(board.planned, 8);
    assert.equal(board.candidates.length, 8);
    assert.deepEqual(project.store.versions("spend"), [1, 2, 3, 4]);
    assert.deepEqual(board.published.map((p) => p.version), [2, 3, 4]);
    const scores = board.candidates.map((e) => e.score!);
    assert.deepEqual(scores, [...scores].sort((a, b) => a - b), "best (lowest mae) first");

    // Each published version, loaded from disk and measured here, scores what the leaderboard says.
    const { table } = await readDatasetWindow(project.root, "synthetic", BASE.validate);
    for (const p of board.published) {
      const artifact = project.store.load("spend", p.version);
      assert.equal(artifact.provenance.candidate, true);
      assert.deepEqual(artifact.provenance.window, BASE.train);
      const search = artifact.provenance.search as Record<string, unknown>;
      assert.equal(search.id, board.id);
      assert.equal(search.rank, p.rank);
      assert.equal(search.champion, 1);
      const champion = project.store.load("spend", 1);
      assert.deepEqual(artifact.features, champion.features);
      assert.deepEqual(artifact.preprocessing, champion.preprocessing);
      assert.notDeepEqual(artifact.coefficients, champion.coefficients);
      const measured = evaluateTable(project.model({ name: "spend", ref: p.version }), table);
      assert.equal(measured.overall.values.mae, p.score);
      assert.equal((search.validation as { score: number }).score, p.score);
    }
    const entry = board.candidates[0]!;
    assert.equal(entry.version, 2);
    assert.equal(entry.params.alpha, project.store.load("spend", 2).hyperparameters.alpha);

    const json = JSON.parse(Deno.readTextFileSync(join(project.root, board.files.json)));
    assert.deepEqual(json, JSON.parse(JSON.stringify(board)));
    const html = Deno.readTextFileSync(join(project.root, board.files.html));
    assert.ok(html.startsWith("<!doctype html>") && html.includes("<svg"), html.slice(0, 200));
  }));

Deno.test("search: the same seed gives the same candidates in the same order with the same coefficients", () =>
  withSearchProject(async (project) => {
    const options = churn({
      plugin: "decision_tree",
      mode: { random: 4 },
      space: { max_depth: { min: 1, max: 6 }, min_samples_leaf: { min: 1, max: 20, log: true } },
      seed: 11,
      keep: 4,
    });
    const a = await searchCandidates(project, options);
    const b = await searchCandidates(project, options);
    assert.notEqual(a.id, b.id);
    assert.deepEqual(a.candidates.map((e) => e.params), b.candidates.map((e) => e.params));
    assert.deepEqual(a.candidates.map((e) => e.score), b.candidates.map((e) => e.score));
    assert.equal(a.published.length, 4);
    for (let k = 0; k < 4; k++) {
      const x = project.store.load("churn", a.published[k]!.version);
      const y = project.store.load("churn", b.published[k]!.version);
      assert.deepEqual(x.coefficients, y.coefficients);
      assert.deepEqual(x.hyperparameters, y.hyperparameters);
      assert.equal(x.hyperparameters.seed, 11, "the tree's own seed follows --seed");
    }
    const other = await searchCandidates(project, { ...options, seed: 12 });
    assert.notDeepEqual(
      other.candidates.map((e) => e.params),
      a.candidates.map((e) => e.params),
    );
  }));

Deno.test("search: ties go to the earlier candidate; failed candidates are listed last with their error", () =>
  withSearchProject(async (project) => {
    // Without a penalty C changes nothing, so all three score the same. (No intercept: the
    // one-hot columns of plan already sum to one.)
    const tied = await searchCandidates(
      project,
      churn({ space: { C: [10, 1, 0.1], penalty: ["none"], fit_intercept: [false] }, keep: 2 }),
    );
    assert.equal(new Set(tied.candidates.map((e) => e.score)).size, 1);
    assert.deepEqual(tied.candidates.map((e) => e.index), [0, 1, 2]);
    assert.deepEqual(tied.published.map((p) => p.rank), [1, 2]);

    // squared_error is a regression criterion: the tree refuses it for a classifier.
    const mixed = await searchCandidates(
      project,
      churn({ plugin: "decision_tree", space: { criterion: ["squared_error", "gini"] } }),
    );
    assert.deepEqual(mixed.candidates.map((e) => [e.rank, e.params.criterion]), [
      [1, "gini"],
      [null, "squared_error"],
    ]);
    assert.match(mixed.candidates[1]!.error!, /criterion/);
    assert.ok(mixed.notes.some((n) => n.includes("1 candidate(s) failed")));

    const message = await refusal(
      project,
      churn({ plugin: "decision_tree", space: { criterion: ["squared_error", "friedman_mse"] } }),
    );
    assert.match(message, /All 2 candidates failed.*criterion/);
  }));

/** A clock that moves `step` ms each time it is read. */
function fakeClock(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

Deno.test("search: stops cleanly at the budget and keeps what finished within it", () =>
  withSearchProject(async (project) => {
    const options = churn({ space: { C: { min: 0.01, max: 100, log: true, points: 8 } }, keep: 2 });
    // The clock is read once at the start and three times per candidate (check, start, end).
    const board = await searchCandidates(project, { ...options, budgetMs: 75, now: fakeClock(10) });
    assert.equal(board.stopped, "budget");
    assert.equal(board.planned, 8);
    assert.ok(
      board.candidates.length >= 1 && board.candidates.length < 8,
      `${board.candidates.length}`,
    );
    assert.equal(board.published.length, 2);
    assert.ok(board.notes.some((n) => n.includes("budget")));
    const full = await searchCandidates(project, options);
    assert.equal(full.stopped, "complete");
    // What finished within the budget is the start of the full search, scored the same.
    const finished = new Set(board.candidates.map((e) => e.index));
    assert.deepEqual(
      [...finished].sort((a, b) => a - b),
      Array.from({ length: finished.size }, (_, i) => i),
    );
    for (const e of board.candidates) {
      assert.equal(e.score, full.candidates.find((f) => f.index === e.index)!.score);
    }
  }));

Deno.test("search: a budget too small for one candidate is an error, not an empty success", () =>
  withSearchProject(async (project) => {
    // The first fit ends after the budget: it is discarded.
    const late = await refusal(project, churn({ budgetMs: 25, now: fakeClock(10) }));
    assert.match(late, /budget of 25 ms ran out before any candidate finished.*took 10 ms/);
    // The budget is gone before the first fit.
    const early = await refusal(project, churn({ budgetMs: 5, now: fakeClock(10) }));
    assert.match(early, /before the first fit could start/);
  }));

Deno.test("search: an abort stops between fits and keeps what finished", () =>
  withSearchProject(async (project) => {
    const controller = new AbortController();
    const board = await searchCandidates(
      project,
      churn({
        signal: controller.signal,
        onProgress: (done) => done === 2 && controller.abort(),
      }),
    );
    assert.equal(board.stopped, "aborted");
    assert.equal(board.candidates.length, 2);
    assert.equal(board.published.length, 1);
  }));
