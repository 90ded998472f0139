/**
 * The life of a model's requirements through the CLI: init, ratchet, check,
 * set, lower, show.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type Check,
  expectRatchet,
  initChurnRequirements,
  readJson,
  trainChurn,
} from "./_requirements.ts";
import { withProject } from "./_ratchet.ts";

Deno.test("requirements end to end: init, ratchet, check, set, lower, show", () =>
  withProject(async (root) => {
    const { holdout } = await trainChurn(root);
    const file = join(root, "models", "churn", "requirements.json");
    const none = await expectRatchet(["requirements", "check", "churn"], root, 2);
    assert.match(none.stderr, /churn has no requirements .*requirements init churn --input FILE/);

    // init: the champion's baseline on the holdout, copied beside requirements.json.
    await initChurnRequirements(root, holdout);
    const sample = join(root, "models", "churn", "evaluation.csv");
    assert.equal(Deno.readTextFileSync(sample), Deno.readTextFileSync(holdout));
    const init = readJson(file);
    assert.equal(init.format, "ratchet.requirements/v1");
    assert.equal(init.primary, "roc_auc");
    assert.deepEqual(init.metrics, {});
    assert.deepEqual(init.evaluation, { sample: "evaluation.csv", partition_by: "month" });
    assert.equal(init.baseline.version, 1);
    assert.deepEqual(init.baseline.data, {
      source: "evaluation.csv",
      partition_by: "month",
      partitions: 6,
      rows: 600,
      window: { from: "2024-01", to: "2024-06" },
    });
    assert.deepEqual(init.history.map((h: { action: string }) => h.action), ["init"]);
    // The baseline agrees with `evaluate`'s own summary over the same partitions.
    const ev = JSON.parse(
      (await expectRatchet(
        ["evaluate", "churn", "--input", holdout, "--partition-by", "month", "--json"],
        root,
      )).stdout,
    );
    for (const [metric, s] of Object.entries(init.baseline.metrics)) {
      const { min, mean, max } = ev.summary[metric];
      assert.deepEqual(s, { min, mean, max }, metric);
    }
    const again = await expectRatchet(
      ["requirements", "init", "churn", "--input", holdout],
      root,
      2,
    );
    assert.match(again.stderr, /has requirements already.*--force --reason/);
    const bare = await expectRatchet(["requirements", "check", "churn"], root);
    assert.match(bare.stdout, /no thresholds yet/);

    // ratchet: the primary metric gets a min and a mean at the baseline less 0.01.
    const r1 = await expectRatchet(["requirements", "ratchet", "churn"], root);
    assert.match(r1.stdout, /roc_auc min — → /);
    const ratcheted = readJson(file);
    const auc = init.baseline.metrics.roc_auc;
    const min = ratcheted.metrics.roc_auc.min, mean = ratcheted.metrics.roc_auc.mean;
    assert.ok(min <= auc.min - 0.01 && min > auc.min - 0.01 - 1e-5, `${min} vs ${auc.min}`);
    assert.ok(mean <= auc.mean - 0.01 && mean > auc.mean - 0.01 - 1e-5, `${mean} vs ${auc.mean}`);
    const last = ratcheted.history.at(-1);
    assert.equal(last.action, "ratchet");
    assert.match(last.reason, /champion v1 .*margin 0\.01/);

    // The champion meets what was ratcheted from it; the month without churners is skipped.
    const pass = JSON.parse(
      (await expectRatchet(["requirements", "check", "churn", "--json"], root)).stdout,
    );
    assert.equal(pass.requirements.passed, true);
    assert.equal(pass.version, 1);
    assert.equal(pass.partitions, 6);
    const minCheck: Check = pass.requirements.checks.find((c: Check) => c.kind === "min");
    assert.deepEqual(minCheck.skipped?.map((s) => s.partition), ["2024-06"]);
    assert.match(minCheck.message, /skipped 2024-06/);

    // A minimum above what the worst month measured fails, naming the metric and that month.
    const perMonth = ev.partitions.filter((p: { metrics: { roc_auc: number | null } }) =>
      p.metrics.roc_auc !== null
    );
    const worst = perMonth.reduce((a: typeof perMonth[0], b: typeof perMonth[0]) =>
      b.metrics.roc_auc < a.metrics.roc_auc ? b : a
    );
    const high = Math.round((worst.metrics.roc_auc + 0.02) * 1000) / 1000;
    const set = await expectRatchet([
      "requirements",
      "set",
      "churn",
      "--min",
      `roc_auc=${high}`,
      "--reason",
      "aim higher",
    ], root);
    assert.match(set.stdout, /Recorded set/);
    assert.match(set.stderr, /warning: the baseline \(churn@1\) would fail roc_auc min/);
    const fail = await expectRatchet(["requirements", "check", "churn"], root, 1);
    assert.match(fail.stdout, new RegExp(`FAIL  roc_auc min ${high}: ${worst.partition} has `));
    assert.match(fail.stdout, /churn@1 fails 1 of 2 requirements/);
    const failJson = JSON.parse(
      (await expectRatchet(["requirements", "check", "churn", "--json"], root, 1)).stdout,
    );
    const failed: Check = failJson.requirements.checks.find((c: Check) => !c.passed);
    assert.deepEqual(
      {
        metric: failed.metric,
        kind: failed.kind,
        threshold: failed.threshold,
        actual: failed.actual,
      },
      { metric: "roc_auc", kind: "min", threshold: high, actual: worst.metrics.roc_auc },
    );
    assert.equal(failed.partition, worst.partition);

    // Nothing to ratchet now: nothing is written.
    const before = Deno.readTextFileSync(file);
    const r2 = await expectRatchet(["requirements", "ratchet", "churn"], root);
    assert.match(r2.stdout, /Nothing moved/);
    assert.match(r2.stderr, /warning: churn@1 fails roc_auc min/);
    assert.equal(Deno.readTextFileSync(file), before);

    // Lowering takes a reason and is recorded as such.
    const noReason = await expectRatchet(
      ["requirements", "set", "churn", "--min", "roc_auc=0.5"],
      root,
      2,
    );
    assert.match(noReason.stderr, /--reason/);
    const lower = await expectRatchet(
      [
        "requirements",
        "set",
        "churn",
        "--min",
        "roc_auc=0.5",
        "--reason",
        "holiday months are noisy",
      ],
      root,
    );
    assert.match(lower.stdout, /Recorded lower/);
    const lowered = readJson(file);
    assert.deepEqual(lowered.history.at(-1).changes, [
      { metric: "roc_auc", kind: "min", from: high, to: 0.5 },
    ]);
    assert.equal(lowered.history.at(-1).action, "lower");
    assert.equal(lowered.history.at(-1).reason, "holiday months are noisy");
    assert.deepEqual(lowered.history.slice(0, ratcheted.history.length), ratcheted.history);
    await expectRatchet(["requirements", "check", "churn"], root, 0);

    const show = await expectRatchet(["requirements", "show", "churn"], root);
    assert.match(show.stdout, /primary\s+roc_auc/);
    assert.match(show.stdout, /evaluation\s+evaluation\.csv \(partitioned by month\)/);
    assert.match(show.stdout, /roc_auc \(primary\)\s+≥ 0\.5\s+≥ 0\.\d+/);
    assert.match(show.stdout, /lower\s+holiday months are noisy\n\s+roc_auc min [0-9.]+ → 0\.5/);
    const json = await expectRatchet(["requirements", "show", "churn", "--json"], root);
    assert.equal(json.stdout, Deno.readTextFileSync(file));
  }));
