import assert from "node:assert/strict";
import { join } from "node:path";
import { fixturesPath, supersedeFixture } from "../fixtures/mod.ts";
import { challenge } from "./challenge.ts";
import { latestChallenge } from "./challenge_record.ts";
import type { ChallengeResult } from "./challenge_result.ts";
import {
  championBody,
  championVersion,
  DEMO_MODEL,
  demoCopy,
  demoFixtures,
  publishBetter,
  publishScaled,
} from "./_test_project.ts";

const NAME = DEMO_MODEL;

// The evidence files in a model's challenges folder (none when it does not exist).
function evidenceFiles(dir: string): string[] {
  try {
    return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
}

function rule(result: ChallengeResult, name: string): boolean {
  const r = result.rules.find((x) => x.rule === name);
  assert.ok(r, `no rule ${name}`);
  return r.passed;
}

Deno.test("challenge: a better candidate failing snapshot fixtures is rejected for them alone; superseding them with a reason lets it through", async () => {
  const demo = await demoCopy();
  try {
    const champion = championVersion(demo.project);
    const fixtures = demoFixtures(demo.project);
    assert.ok(fixtures.snapshots.length > 0, "the demo has snapshot fixtures to break");
    const v = await publishBetter(demo.project);
    const first = await challenge(demo.project, { name: NAME, candidate: v, dataset: "seattle" });
    assert.equal(first.verdict, "reject");
    assert.deepEqual(first.rules.map((r) => r.passed), [true, false, true, true]);
    assert.equal(first.reasons.length, 1);
    assert.ok(
      first.reasons[0]!.includes(
        `fails ${fixtures.snapshots.length} of ${fixtures.active.length} fixtures`,
      ),
      first.reasons[0],
    );
    // The snapshots, and nothing else: the contracts hold for any good model.
    assert.deepEqual(
      first.fixtures.cases.filter((c) => c.candidate === "failed").map((c) => c.id),
      fixtures.snapshots.map((f) => f.id),
    );
    assert.equal(first.champion, champion);
    assert.equal(first.candidate, v);
    // Evidence: the primary metric compared on the same rows, better in most partitions.
    const p = first.primary;
    assert.equal(p.metric, "roc_auc");
    assert.ok(p.diff! > 0 && p.ci![0] > 0 && p.ci![0] <= p.diff! && p.diff! <= p.ci![1]);
    assert.ok(p.partitions_better > p.partitions_worse);
    assert.equal(
      p.partitions_better + p.partitions_worse + p.partitions_equal + p.partitions_unpaired,
      48,
    );
    assert.equal(p.sign_test.n, p.partitions_better + p.partitions_worse);
    assert.ok(p.sign_test.p_value < 0.01 && p.wilcoxon.p_value < 0.01);
    assert.equal(first.data.rows, 1459);
    assert.equal(first.fixtures.champion_failed, 0);
    // Recorded, and found again as the latest challenge of the version.
    assert.ok(
      first.evidence?.startsWith(`models/${NAME}/challenges/`) &&
        first.evidence.endsWith(`-v${v}.json`),
    );
    const recorded = latestChallenge(demo.project.store, NAME, v);
    assert.equal(recorded?.path, first.evidence);
    assert.equal(recorded?.result.verdict, "reject");

    const reason = "the forest changes these outliers' probabilities on purpose";
    const failed = first.fixtures.cases.filter((c) => c.candidate === "failed").map((c) => c.id);
    for (const id of failed) {
      supersedeFixture(fixturesPath(demo.project.store, NAME), id, {
        version: v,
        reason,
        date: new Date().toISOString(),
      });
    }
    const second = await challenge(demo.project, { name: NAME, candidate: v, dataset: "seattle" });
    assert.equal(second.verdict, "promote", second.reasons.join("\n"));
    const retired = fixtures.superseded.length + failed.length;
    assert.equal(second.fixtures.superseded, retired);
    assert.ok(
      second.fixtures.cases.filter((c) => c.superseded).every((c) =>
        !c.superseded!.candidate_would_pass
      ),
    );
    assert.ok(second.reasons.join("\n").includes(`${retired} superseded, not checked`));
    assert.equal(second.reasons.length, 4);
    const latest = latestChallenge(demo.project.store, NAME, v);
    assert.equal(latest?.path, second.evidence);
    assert.equal(latest?.result.verdict, "promote");
    assert.notEqual(second.evidence, first.evidence);
  } finally {
    demo.close();
  }
});

Deno.test("challenge: a worse candidate is rejected on requirements, improvement and partitions", async () => {
  const demo = await demoCopy();
  try {
    const v = publishScaled(demo.project, -1);
    const r = await challenge(demo.project, { name: NAME, candidate: v, record: false });
    assert.equal(r.verdict, "reject");
    assert.equal(r.data.dataset, "seattle", "the dataset the candidate was trained on");
    assert.ok(!rule(r, "requirements") && !rule(r, "improvement") && !rule(r, "partitions"));
    assert.ok(r.primary.ci![1] < 0, "the interval lies below zero");
    assert.match(r.reasons.join("\n"), /the candidate is worse/);
    assert.ok(r.regressions.partitions.length > 10);
    assert.equal(r.regressions.tolerance_source, "default");
    // Sorted worst first.
    const imp = r.regressions.partitions.map((p) => p.improvement!);
    assert.deepEqual(imp, [...imp].sort((a, b) => a - b));
    assert.equal(r.evidence, undefined);
    assert.equal(latestChallenge(demo.project.store, NAME, v), undefined);

    // The partitions rule alone moves with --tolerance and --regression-reason.
    const lenient = await challenge(demo.project, {
      name: NAME,
      candidate: v,
      tolerance: 1,
      record: false,
    });
    assert.ok(rule(lenient, "partitions") && lenient.regressions.partitions.length === 0);
    const said = await challenge(demo.project, {
      name: NAME,
      candidate: v,
      regressionReason: "a test of the rule",
      record: false,
    });
    assert.ok(rule(said, "partitions"));
    assert.match(said.rules[3]!.message, /accepted: a test of the rule/);
    assert.equal(said.verdict, "reject");
  } finally {
    demo.close();
  }
});

Deno.test("challenge: a candidate that ranks every row as the champion does shows no gain", async () => {
  const demo = await demoCopy();
  try {
    // Doubling a logistic model's weights keeps its ranking: roc_auc ties in most partitions.
    const v = publishScaled(demo.project, 2);
    const r = await challenge(demo.project, { name: NAME, candidate: v, record: false });
    assert.equal(r.verdict, "reject");
    assert.ok(!rule(r, "improvement"));
    assert.ok(
      r.primary.partitions_equal > r.primary.partitions_better + r.primary.partitions_worse,
    );
    assert.ok(Math.abs(r.primary.diff!) < 0.005);
  } finally {
    demo.close();
  }
});

Deno.test("challenge: the interval is reproducible with a seed; a row cap samples reproducibly too", async () => {
  const demo = await demoCopy();
  try {
    const v = await publishBetter(demo.project);
    const run = (seed: number, maxRows?: number) =>
      challenge(demo.project, {
        name: NAME,
        candidate: v,
        seed,
        resamples: 200,
        record: false,
        ...(maxRows ? { maxRows } : {}),
      });
    const [a, b, c] = [await run(3), await run(3), await run(4)];
    assert.deepEqual(a.primary.ci, b.primary.ci);
    assert.notDeepEqual(a.primary.ci, c.primary.ci);
    assert.equal(a.primary.bootstrap.seed, 3);
    const [s1, s2] = [await run(3, 500), await run(3, 500)];
    assert.equal(s1.primary.bootstrap.sampled, true);
    assert.equal(s1.primary.bootstrap.kept, 500);
    assert.equal(s1.primary.bootstrap.rows, 1459);
    assert.deepEqual(s1.primary.ci, s2.primary.ci);
    // The pooled values are measured on every row, not the sample.
    assert.equal(s1.primary.diff, a.primary.diff);
  } finally {
    demo.close();
  }
});

Deno.test("challenge refuses bad input before recording anything", async () => {
  const demo = await demoCopy();
  try {
    const { project } = demo;
    const challenges = join(project.store.modelDir(NAME), "challenges");
    const recorded = evidenceFiles(challenges);
    await assert.rejects(
      challenge(project, { name: NAME, candidate: 9 }),
      /No version 9 of rain-tomorrow/,
    );
    await assert.rejects(
      challenge(project, { name: NAME, candidate: championVersion(project) }),
      /is the champion/,
    );
    await assert.rejects(challenge(project, { name: "nope", candidate: 2 }), /No model named nope/);
    const v = publishScaled(project, 0.5);
    await assert.rejects(
      challenge(project, { name: NAME, candidate: v, dataset: "nowhere" }),
      /nowhere/,
    );
    await assert.rejects(
      challenge(project, { name: NAME, candidate: v, tolerance: -1 }),
      /Invalid --tolerance -1/,
    );
    // A candidate whose feature the dataset lacks.
    const body = championBody(project);
    const renamed = project.store.publish(NAME, {
      ...body,
      features: body.features.map((f) => (f.name === "wind" ? { ...f, name: "gust" } : f)),
      inputs: body.inputs!.map((i) => (i === "wind" ? "gust" : i)),
    }).version;
    await assert.rejects(
      challenge(project, { name: NAME, candidate: renamed }),
      /lacks column\(s\) "gust"/,
    );
    // Models of another task cannot be compared.
    const regression = project.store.publish(NAME, {
      format: "ratchet.model/v1",
      plugin: { id: "linear", version: "^1.0.0" },
      task: "regression",
      features: [{ name: "wind", type: "number" }],
      target: { name: "temp_max_tomorrow" },
      preprocessing: [],
      coefficients: { intercept: 1, weights: [0.5] },
      hyperparameters: {},
      provenance: { created: "2026-01-01T00:00:00Z", source: "test" },
    }).version;
    await assert.rejects(
      challenge(project, { name: NAME, candidate: regression }),
      /Cannot compare/,
    );
    Deno.removeSync(join(project.store.modelDir(NAME), "aliases.json"));
    await assert.rejects(challenge(project, { name: NAME, candidate: v }), /has no champion/);
    assert.deepEqual(evidenceFiles(challenges), recorded, "no evidence was recorded");
  } finally {
    demo.close();
  }
});

Deno.test("challenge --from/--to: only those partitions are judged, and the pooled rows are theirs", async () => {
  const demo = await demoCopy();
  try {
    const v = publishScaled(demo.project, -1);
    const all = await challenge(demo.project, { name: NAME, candidate: v, record: false });
    const r = await challenge(demo.project, {
      name: NAME,
      candidate: v,
      record: false,
      from: "2015-01",
      to: "2015-06",
    });
    assert.deepEqual(r.partitions.map((p) => p.partition), [
      "2015-01",
      "2015-02",
      "2015-03",
      "2015-04",
      "2015-05",
      "2015-06",
    ]);
    assert.deepEqual(r.data.window, { from: "2015-01", to: "2015-06" });
    assert.ok(r.data.rows > 0 && r.data.rows < all.data.rows);
    await assert.rejects(
      challenge(demo.project, { name: NAME, candidate: v, record: false, from: "2016-01" }),
    );
  } finally {
    demo.close();
  }
});
