import assert from "node:assert/strict";
import { join } from "node:path";
import { createRandom } from "../../core/random/mod.ts";
import { ratchet, withProject } from "./_ratchet.ts";

/**
 * Labelled customers over six months. In the last month nobody churns, so
 * roc_auc is undefined there: checks must skip it, not fail or pass on it.
 */
function customersCsv(n: number, seed: number): string {
  const rng = createRandom(seed);
  const lines = ["id,month,tenure,calls,churned"];
  for (let i = 0; i < n; i++) {
    const month = `2024-0${1 + Math.floor((i / n) * 6)}`;
    const tenure = Math.round(rng.next() * 60);
    const calls = rng.int(8);
    const p = 1 / (1 + Math.exp(-(-0.5 - 0.05 * tenure + 0.6 * calls + rng.normal())));
    const churned = month !== "2024-06" && rng.next() < p ? "yes" : "no";
    lines.push(`c${i},${month},${tenure},${calls},${churned}`);
  }
  return lines.join("\n") + "\n";
}

interface Check {
  metric: string;
  kind: string;
  threshold: number | [number, number];
  actual: number | null;
  passed: boolean;
  partition?: string;
  skipped?: { partition: string; reason: string }[];
  message: string;
}

async function ok(args: string[], root: string, code = 0) {
  const r = await ratchet([...args, "--root", root]);
  assert.equal(r.code, code, `ratchet ${args.join(" ")}\n${r.stdout}\n${r.stderr}`);
  return r;
}

function readJson(path: string) {
  return JSON.parse(Deno.readTextFileSync(path));
}

async function trainChurn(root: string) {
  const train = join(root, "train.csv"), holdout = join(root, "holdout.csv");
  Deno.writeTextFileSync(train, customersCsv(900, 1));
  Deno.writeTextFileSync(holdout, customersCsv(600, 2));
  const base = ["--input", train, "--target", "churned", "--positive", "yes"];
  await ok([
    "train",
    "logistic",
    "--name",
    "churn",
    ...base,
    "--exclude",
    "id,month",
    "--alias",
    "champion",
  ], root);
  return { train, holdout };
}

Deno.test("requirements end to end: init, ratchet, check, set, lower, show", () =>
  withProject(async (root) => {
    const { holdout } = await trainChurn(root);
    const file = join(root, "models", "churn", "requirements.json");
    const none = await ok(["requirements", "check", "churn"], root, 2);
    assert.match(none.stderr, /churn has no requirements .*requirements init churn --input FILE/);

    // init: the champion's baseline on the holdout, copied beside requirements.json.
    await ok([
      "requirements",
      "init",
      "churn",
      "--input",
      holdout,
      "--partition-by",
      "month",
      "--sample",
    ], root);
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
      (await ok(
        ["evaluate", "churn", "--input", holdout, "--partition-by", "month", "--json"],
        root,
      )).stdout,
    );
    for (const [metric, s] of Object.entries(init.baseline.metrics)) {
      const { min, mean, max } = ev.summary[metric];
      assert.deepEqual(s, { min, mean, max }, metric);
    }
    const again = await ok(["requirements", "init", "churn", "--input", holdout], root, 2);
    assert.match(again.stderr, /has requirements already.*--force --reason/);
    const bare = await ok(["requirements", "check", "churn"], root);
    assert.match(bare.stdout, /no thresholds yet/);

    // ratchet: the primary metric gets a min and a mean at the baseline less 0.01.
    const r1 = await ok(["requirements", "ratchet", "churn"], root);
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
    const pass = JSON.parse((await ok(["requirements", "check", "churn", "--json"], root)).stdout);
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
    const set = await ok([
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
    const fail = await ok(["requirements", "check", "churn"], root, 1);
    assert.match(fail.stdout, new RegExp(`FAIL  roc_auc min ${high}: ${worst.partition} has `));
    assert.match(fail.stdout, /churn@1 fails 1 of 2 requirements/);
    const failJson = JSON.parse(
      (await ok(["requirements", "check", "churn", "--json"], root, 1)).stdout,
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
    const r2 = await ok(["requirements", "ratchet", "churn"], root);
    assert.match(r2.stdout, /Nothing moved/);
    assert.match(r2.stderr, /warning: churn@1 fails roc_auc min/);
    assert.equal(Deno.readTextFileSync(file), before);

    // Lowering takes a reason and is recorded as such.
    const noReason = await ok(["requirements", "set", "churn", "--min", "roc_auc=0.5"], root, 2);
    assert.match(noReason.stderr, /--reason/);
    const lower = await ok(
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
    await ok(["requirements", "check", "churn"], root, 0);

    const show = await ok(["requirements", "show", "churn"], root);
    assert.match(show.stdout, /primary\s+roc_auc/);
    assert.match(show.stdout, /evaluation\s+evaluation\.csv \(partitioned by month\)/);
    assert.match(show.stdout, /roc_auc \(primary\)\s+≥ 0\.5\s+≥ 0\.\d+/);
    assert.match(show.stdout, /lower\s+holiday months are noisy\n\s+roc_auc min [0-9.]+ → 0\.5/);
    const json = await ok(["requirements", "show", "churn", "--json"], root);
    assert.equal(json.stdout, Deno.readTextFileSync(file));
  }));

Deno.test("requirements check NAME@VERSION measures that version; ratchet always measures the champion", () =>
  withProject(async (root) => {
    const { train, holdout } = await trainChurn(root);
    // Version 2 sees only a column unrelated to churn: a weak challenger.
    await ok([
      "train",
      "logistic",
      "--name",
      "churn",
      "--input",
      train,
      "--target",
      "churned",
      "--positive",
      "yes",
      "--features",
      "month",
    ], root);
    await ok([
      "requirements",
      "init",
      "churn",
      "--input",
      holdout,
      "--partition-by",
      "month",
      "--sample",
    ], root);
    await ok(["requirements", "ratchet", "churn", "--margin", "0.02"], root);
    const file = join(root, "models", "churn", "requirements.json");
    assert.equal(readJson(file).baseline.version, 1, "the champion, not the latest version");
    await ok(["requirements", "check", "churn@1"], root, 0);
    const weak = await ok(["requirements", "check", "churn@2", "--json"], root, 1);
    const result = JSON.parse(weak.stdout);
    assert.equal(result.version, 2);
    const failed = result.requirements.checks.filter((c: Check) => !c.passed);
    assert.ok(failed.some((c: Check) => c.metric === "roc_auc" && c.kind === "min"), weak.stdout);
    const bad = await ok(["requirements", "ratchet", "churn@2"], root, 2);
    assert.match(bad.stderr, /Give the model name alone \(churn\), not churn@2/);
  }));

Deno.test("requirements refuses bad files and bad options, naming the file, path and metric", () =>
  withProject(async (root) => {
    const { holdout } = await trainChurn(root);
    await ok(["requirements", "init", "churn", "--input", holdout], root);
    const file = join(root, "models", "churn", "requirements.json");
    const good = Deno.readTextFileSync(file);
    const edit = (metrics: string) =>
      Deno.writeTextFileSync(file, good.replace('"metrics": {}', `"metrics": ${metrics}`));
    const cases: [string, RegExp][] = [
      ['{"roc_auc": {"min": NaN}}', /\$\.metrics\.roc_auc\.min\): NaN is not valid JSON/],
      ['{"auc": {"min": 0.7}}', /\$\.metrics\.auc: unknown metric "auc"/],
      [
        '{"roc_auc": {"range": [0.9, 0.8]}}',
        /\$\.metrics\.roc_auc\.range: inverted range \[0\.9, 0\.8\]/,
      ],
      [
        '{"log_loss": {"min": 0.3}}',
        /\$\.metrics\.log_loss\.min: log_loss is better when lower: use max, not min/,
      ],
      ['{"rmse": {"max": 3}}', /\$\.metrics\.rmse: rmse does not apply to a binary model/],
    ];
    for (const [metrics, pattern] of cases) {
      edit(metrics);
      for (
        const args of [["requirements", "show", "churn"], [
          "requirements",
          "check",
          "churn",
          "--input",
          holdout,
        ]]
      ) {
        const r = await ok(args, root, 2);
        assert.match(r.stderr, pattern, `${args.join(" ")} with ${metrics}`);
        assert.ok(r.stderr.includes(file), r.stderr);
      }
    }
    Deno.writeTextFileSync(file, good);
    const options: [string[], RegExp][] = [
      [["set", "churn", "--min", "log_loss=0.3", "--reason", "r"], /use --max log_loss=0\.3/],
      [["set", "churn", "--max", "f1=0.3", "--reason", "r"], /use --min f1=0\.3/],
      [["set", "churn", "--range", "f1=0.9..0.2", "--reason", "r"], /inverted range/],
      [["set", "churn", "--min", "f1=NaN", "--reason", "r"], /"NaN" is not a finite number/],
      [["set", "churn", "--min", "auc=0.7", "--reason", "r"], /unknown metric "auc"/],
      [["set", "churn", "--remove", "f1", "--reason", "r"], /f1 has no thresholds/],
      [["ratchet", "churn", "--margin", "-1"], /Invalid --margin -1/],
      [["ratchet", "churn"], /Give --input FILE: .* no evaluation sample/],
      [["init", "churn", "--input", holdout, "--force"], /give --reason/],
    ];
    for (const [args, pattern] of options) {
      const r = await ok(["requirements", ...args], root, 2);
      assert.match(r.stderr, pattern, args.join(" "));
    }
    assert.equal(Deno.readTextFileSync(file), good, "refused commands write nothing");
  }));

Deno.test("a regression model: ratchet moves error maxima down to the baseline plus the margin", () =>
  withProject(async (root) => {
    const rng = createRandom(9);
    const csv = (n: number) =>
      [
        "x,y",
        ...Array.from({ length: n }, () => {
          const x = rng.normal();
          return `${x},${2 * x + rng.normal() * 0.5}`;
        }),
      ].join("\n") + "\n";
    const train = join(root, "train.csv"), holdout = join(root, "holdout.json");
    Deno.writeTextFileSync(train, csv(300));
    Deno.writeTextFileSync(
      holdout,
      JSON.stringify(
        csv(100).trim().split("\n").slice(1).map((l) => {
          const [x, y] = l.split(",").map(Number);
          return { x, y };
        }),
      ),
    );
    await ok([
      "train",
      "linear",
      "--name",
      "price",
      "--input",
      train,
      "--target",
      "y",
      "--alias",
      "champion",
    ], root);
    await ok(
      ["requirements", "init", "price", "--input", holdout, "--primary", "rmse", "--sample"],
      root,
    );
    const file = join(root, "models", "price", "requirements.json");
    assert.ok(Deno.statSync(join(root, "models", "price", "evaluation.json")).isFile);
    await ok(
      ["requirements", "set", "price", "--max", "mae=10", "--reason", "a loose start"],
      root,
    );
    await ok(["requirements", "ratchet", "price", "--margin", "0.05"], root);
    const r = readJson(file);
    const b = r.baseline.metrics;
    assert.ok(
      r.metrics.rmse.max >= b.rmse.max + 0.05 && r.metrics.rmse.max < b.rmse.max + 0.05 + 1e-5,
    );
    assert.ok(r.metrics.mae.max < 10 && r.metrics.mae.max >= b.mae.max + 0.05);
    assert.equal(r.metrics.mae.mean, undefined, "only the primary gets a mean it did not have");
    assert.deepEqual(r.history.map((h: { action: string }) => h.action), [
      "init",
      "set",
      "ratchet",
    ]);
    await ok(["requirements", "check", "price"], root, 0);
  }));
