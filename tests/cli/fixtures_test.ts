import assert from "node:assert/strict";
import { join } from "node:path";
import type { Artifact } from "../../core/artifact/mod.ts";
import { linearArtifact, ratchet, type RunResult, withProject } from "./_ratchet.ts";

const classifier = {
  format: "ratchet.model/v1",
  plugin: { id: "logistic", version: "^1.0.0" },
  task: "binary",
  features: [{ name: "x", type: "number" }, { name: "vip", type: "boolean" }],
  target: { name: "churned", labels: ["no", "yes"] },
  coefficients: { link: "ovr", intercepts: [-1], weights: [[0.5, 2]] },
  provenance: { created: "2026-11-27T00:00:00.000Z", source: "test" },
};

const expit = (d: number) => 1 / (1 + Math.exp(-d));

function ok(r: RunResult, code = 0): RunResult {
  assert.equal(r.code, code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

async function publish(root: string, name: string, body: unknown, alias = true): Promise<void> {
  const file = join(root, `${name}-${crypto.randomUUID()}.json`);
  Deno.writeTextFileSync(file, JSON.stringify(body));
  ok(
    await ratchet([
      "models",
      "add",
      name,
      file,
      ...(alias ? ["--alias", "champion"] : []),
      "--root",
      root,
    ]),
  );
}

function fx(root: string, ...args: string[]) {
  return (more: string[] = [], stdin?: string) =>
    ratchet(["fixtures", ...args, ...more, "--root", root], stdin === undefined ? {} : { stdin });
}

Deno.test("fixtures add records the champion's output; list and check show it", () =>
  withProject(async (root) => {
    await publish(root, "prices", linearArtifact());
    const added = ok(
      await fx(root, "add", "prices", "--input", "-")([], '{"id": 7, "x": 3, "plan": "pro"}'),
    );
    const a = JSON.parse(added.stdout);
    assert.match(added.stderr, /prices@1 does not use id: not kept in the case/);
    assert.match(a.id, /^f_[0-9a-f]{12}$/);
    assert.equal(a.mode, "snapshot");
    assert.equal(a.kind, "sample");
    assert.deepEqual(a.input, { x: 3, plan: "pro" });
    assert.deepEqual(a.expect, { prediction: 1 + 2 * 3 + 5 });
    assert.equal(a.tolerance, 1e-9);
    assert.equal(a.recorded_with.version, 1);
    assert.match(a.provenance.by, / via ratchet fixtures add$/);

    const row = join(root, "row.json");
    Deno.writeTextFileSync(row, '{"x": null, "plan": "basic"}');
    const b = JSON.parse(
      ok(
        await fx(root, "add", "prices", "--input", row)([
          ...["--kind", "outlier", "--note", "x missing: imputed as 10", "--by", "ops"],
          ...["--dataset", "sales", "--partition", "2026-11", "--row-key", "order-17"],
        ]),
      ).stdout,
    );
    assert.equal(b.kind, "outlier");
    assert.deepEqual(b.expect, { prediction: 1 + 2 * 10 });
    assert.deepEqual(
      { ...b.provenance, added: undefined },
      {
        added: undefined,
        by: "ops",
        note: "x missing: imputed as 10",
        dataset: "sales",
        partition: "2026-11",
        row_key: "order-17",
      },
    );

    const file = Deno.readTextFileSync(join(root, "models", "prices", "fixtures.jsonl"));
    assert.deepEqual(file.trimEnd().split("\n").map((l) => JSON.parse(l)), [a, b]);
    assert.deepEqual(JSON.parse(ok(await fx(root, "list", "prices", "--json")()).stdout), [a, b]);
    const list = ok(await fx(root, "list", "prices")()).stdout;
    assert.match(list, /^id\s+kind\s+mode\s+status\s+expected\s+tolerance\s+added\s+note$/m);
    assert.match(
      list,
      new RegExp(
        `^${b.id}\\s+outlier\\s+snapshot\\s+active\\s+21\\s+1e-9\\s+\\d{4}-\\d\\d-\\d\\d\\s+x missing`,
        "m",
      ),
    );

    const check = ok(await fx(root, "check", "prices")());
    assert.equal(check.stdout, "prices@1: 2 passed, 0 failed, 0 skipped\n");
  }));

/** Every feature of `artifact` with a plain value: numbers 1.5, booleans true, categories their first level. */
function rowFor(artifact: Artifact): Record<string, unknown> {
  return Object.fromEntries(artifact.features.map((f) => [
    f.name,
    f.type === "number" ? 1.5 : f.type === "boolean" ? true : f.levels![0],
  ]));
}

/** A copy with the weight of the first numeric feature (1.5 in `rowFor`, so it counts) moved by 0.01. */
function oneWeightChanged(artifact: Artifact): Artifact {
  const changed = structuredClone(artifact);
  const numeric = new Set(changed.features.filter((f) => f.type === "number").map((f) => f.name));
  const k = (changed.inputs ?? changed.features.map((f) => f.name)).findIndex((i) =>
    numeric.has(i)
  );
  assert.ok(k >= 0, `${artifact.name} has a numeric feature`);
  const weights = (changed.coefficients as { weights: number[] | number[][] }).weights;
  if (Array.isArray(weights[0])) weights[0][k]! += 0.01;
  else (weights as number[])[k]! += 0.01;
  return changed;
}

Deno.test("every linear or logistic demo model: a copy with one coefficient changed fails `fixtures check`, naming the case, expected, actual and tolerance", async () => {
  const models = new URL("../../models/", import.meta.url);
  const demos: [string, Artifact][] = [];
  for (const entry of Deno.readDirSync(models)) {
    const versions = new URL(`${entry.name}/versions/`, models);
    let files: Deno.DirEntry[] = [];
    try {
      files = entry.isDirectory ? [...Deno.readDirSync(versions)] : [];
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    for (const v of files.filter((f) => f.name.endsWith(".json"))) {
      const artifact = JSON.parse(Deno.readTextFileSync(new URL(v.name, versions)));
      if (["linear", "logistic"].includes(artifact.plugin.id)) demos.push([entry.name, artifact]);
    }
  }
  assert.ok(demos.length > 0, "the repository ships at least one linear or logistic demo model");
  for (const [name, artifact] of demos) {
    await withProject(async (root) => {
      await publish(root, name, artifact);
      const row = rowFor(artifact);
      const f = JSON.parse(
        ok(await fx(root, "add", name, "--input", "-")([], JSON.stringify(row))).stdout,
      );
      ok(await fx(root, "check", name)());

      await publish(root, name, oneWeightChanged(artifact), false);

      const check = await fx(root, "check", `${name}@2`)();
      ok(check, 1);
      const predicted = JSON.parse(
        ok(
          await ratchet([
            "predict",
            `${name}@2`,
            "--input",
            "-",
            "--format",
            "json",
            "--root",
            root,
          ], {
            stdin: JSON.stringify(row),
          }),
        ).stdout,
      )[0];
      const lines = check.stdout.split("\n");
      assert.ok(lines[0]!.startsWith(`FAIL ${f.id} (sample snapshot)`), check.stdout);
      assert.match(lines[1]!, /away from .* \(tolerance 1e-9\)/);
      assert.equal(lines[2], `  expected   ${JSON.stringify(f.expect)}`);
      assert.equal(lines[3], `  actual     ${JSON.stringify(predicted)}`);
      assert.equal(lines[4], "  tolerance  1e-9");
      assert.equal(lines[5], `${name}@2: 0 passed, 1 failed, 0 skipped`);
      ok(await fx(root, "check", `${name}@1`)(), 0);
    });
  }
});

Deno.test("contracts: a class label, probability bounds, a regression value with its required tolerance", () =>
  withProject(async (root) => {
    await publish(root, "churn", classifier);
    await publish(root, "prices", linearArtifact());
    // x = 0, vip = false: p(yes) = expit(-1) ≈ 0.27, so the model says "no".
    const quiet = '{"x": 0, "vip": false}';
    const wrong = ok(await fx(root, "add", "churn", "--input", "-", "--expect", "yes")([], quiet));
    assert.match(
      wrong.stderr,
      /churn@1 does not meet this contract yet: predicted "no", expected "yes"/,
    );
    const label = JSON.parse(wrong.stdout);
    assert.deepEqual([label.mode, label.expect, label.tolerance], ["contract", {
      prediction: "yes",
    }, 0]);
    const bound = JSON.parse(
      ok(
        await fx(
          root,
          "add",
          "churn",
          "--input",
          "-",
          "--max-probability",
          "yes=0.3",
          "--kind",
          "contrived",
        )(
          [],
          '{"x": 0.1, "vip": false}',
        ),
      ).stdout,
    );
    assert.deepEqual(bound.expect, { bounds: { yes: [0, 0.3] } });
    ok(
      await fx(
        root,
        "add",
        "churn",
        "--input",
        "-",
        "--min-probability",
        "yes=0.5",
        "--max-probability",
        "yes=0.99",
      )([], '{"x": 2, "vip": true}'),
    );

    const check = ok(await fx(root, "check", "churn", "--json")(), 1);
    const report = JSON.parse(check.stdout);
    assert.deepEqual(Object.keys(report), [
      "model",
      "version",
      "sha256",
      "passed",
      "failed",
      "skipped",
      "results",
    ]);
    assert.deepEqual([report.model, report.version, report.passed, report.failed, report.skipped], [
      "churn",
      1,
      2,
      1,
      0,
    ]);
    const [first, second, third] = report.results;
    assert.deepEqual(Object.keys(first), [
      "id",
      "kind",
      "mode",
      "status",
      "passed",
      "expected",
      "actual",
      "tolerance",
      "message",
    ]);
    const p = expit(-1);
    assert.deepEqual(
      { ...first, actual: { ...first.actual, probabilities: undefined } },
      {
        id: label.id,
        kind: "sample",
        mode: "contract",
        status: "failed",
        passed: false,
        expected: { prediction: "yes" },
        actual: { prediction: "no", probabilities: undefined },
        tolerance: 0,
        message: 'predicted "no", expected "yes"',
      },
    );
    assert.ok(Math.abs(first.actual.probabilities.yes - p) < 1e-12);
    assert.equal(second.status, "passed");
    assert.deepEqual(third.expected, { bounds: { yes: [0.5, 0.99] } });
    const text = ok(await fx(root, "check", "churn")(), 1).stdout;
    assert.match(
      text,
      new RegExp(
        `^FAIL ${label.id} \\(sample contract\\)\\n  predicted "no", expected "yes"\\n  expected   \\{"prediction":"yes"\\}\\n  actual     \\{"prediction":"no","probabilities":\\{"no":[0-9.e-]+,"yes":[0-9.e-]+\\}\\}\\n  tolerance  0\\n`,
      ),
    );
    assert.match(text, /churn@1: 2 passed, 1 failed, 0 skipped\n$/);

    const row = '{"x": 2, "plan": "basic"}'; // 1 + 2·2 = 5
    const noTolerance = ok(
      await fx(root, "add", "prices", "--input", "-", "--expect", "6")([], row),
      2,
    );
    assert.match(
      noTolerance.stderr,
      /A regression contract needs a tolerance.*--tolerance T.*predicts 5 now/,
    );
    const value = JSON.parse(
      ok(
        await fx(root, "add", "prices", "--input", "-", "--expect", "5.5", "--tolerance", "0.5")(
          [],
          row,
        ),
      ).stdout,
    );
    assert.deepEqual([value.mode, value.expect, value.tolerance], [
      "contract",
      { prediction: 5.5 },
      0.5,
    ]);
    ok(await fx(root, "check", "prices")());

    for (
      const [args, message] of [
        [["--max-probability", "yes"], /expected LABEL=P/],
        [
          ["--max-probability", "yes=1.5"],
          /--max-probability: "1.5" \(expected a number from 0 to 1\)/,
        ],
        [["--min-probability", "yes=0.1", "--min-probability", "yes=0.2"], /given twice/],
        [["--expect", "maybe"], /"maybe" is not a class of churn@1; classes: "no", "yes"/],
        [["--tolerance", "-1"], /invalid --tolerance/],
        [["--kind", "weird"], /argument 'weird' is invalid/],
      ] as const
    ) {
      const r = ok(
        await fx(root, "add", "churn", "--input", "-", ...args)([], '{"x": 9, "vip": true}'),
        2,
      );
      assert.match(r.stderr, message);
    }
  }));

Deno.test("refusals exit 2: a duplicate input, a row the model cannot read, a broken fixtures file (naming its line)", () =>
  withProject(async (root) => {
    await publish(root, "churn", classifier);
    const a = JSON.parse(
      ok(await fx(root, "add", "churn", "--input", "-")([], '{"x": 1, "vip": true}')).stdout,
    );
    const dup = ok(
      await fx(root, "add", "churn", "--input", "-", "--expect", "no")(
        [],
        '{"vip": true, "x": 1, "id": 3}',
      ),
      2,
    );
    assert.match(
      dup.stderr,
      new RegExp(
        `This input already has a case: ${a.id}.*ratchet fixtures supersede churn ${a.id}`,
      ),
    );
    const unreadable = ok(
      await fx(root, "add", "churn", "--input", "-")([], '{"x": "abc", "vip": true}'),
      2,
    );
    assert.match(
      unreadable.stderr,
      /Cannot add this row as a fixture of churn@1: row 1: feature "x" expects a number, found "abc"/,
    );
    const array = ok(
      await fx(root, "add", "churn", "--input", "-")([], '[{"x": 1, "vip": true}]'),
      2,
    );
    assert.match(array.stderr, /stdin: expected one JSON object .* found an array/);
    const missing = ok(await fx(root, "add", "churn", "--input", join(root, "nope.json"))(), 2);
    assert.match(missing.stderr, /nope\.json does not exist/);
    const unknown = ok(await fx(root, "check", "nope")(), 2);
    assert.match(unknown.stderr, /No model named nope/);
    assert.equal(ok(await fx(root, "list", "nope")(), 2).code, 2);

    const path = join(root, "models", "churn", "fixtures.jsonl");
    Deno.writeTextFileSync(
      path,
      Deno.readTextFileSync(path) + "\n" + '{"id": "f_1", "kind": "sample"\n',
    );
    for (const args of [["check", "churn"], ["list", "churn"], ["add", "churn", "--input", "-"]]) {
      const r = ok(await fx(root, ...args)([], '{"x": 5, "vip": false}'), 2);
      assert.match(r.stderr, /fixtures\.jsonl line 3 .*truncated.*fix or delete line 3/);
    }
    Deno.writeTextFileSync(
      path,
      Deno.readTextFileSync(path).replace(
        '{"id": "f_1", "kind": "sample"\n',
        JSON.stringify({ ...a, kind: "guess" }) + "\n",
      ),
    );
    const bad = ok(await fx(root, "check", "churn")(), 2);
    assert.match(bad.stderr, /Invalid fixture in .*fixtures\.jsonl line 3: \$\.kind: /);
  }));

Deno.test("supersede retires a case: check skips it with the reason, and its input can be recorded again", () =>
  withProject(async (root) => {
    await publish(root, "prices", linearArtifact());
    const row = '{"x": 1, "plan": "pro"}';
    const a = JSON.parse(ok(await fx(root, "add", "prices", "--input", "-")([], row)).stdout);
    await publish(
      root,
      "prices",
      linearArtifact({ coefficients: { intercept: 1, weights: [2, 0, 6] } }),
    );
    const failing = ok(await fx(root, "check", "prices")(), 1);
    assert.match(
      failing.stdout,
      new RegExp(`FAIL ${a.id}[^]*prediction 9 is 1\\.00 away from 8 \\(tolerance 1e-9\\)`),
    );

    const reason = "v2 charges pro customers one more";
    const retired = JSON.parse(
      ok(await fx(root, "supersede", "prices", a.id, "--reason", reason)()).stdout,
    );
    assert.deepEqual({ ...retired, superseded: undefined }, { ...a, superseded: undefined });
    assert.deepEqual([retired.superseded.version, retired.superseded.reason], [2, reason]);
    const skipped = ok(await fx(root, "check", "prices")());
    assert.match(
      skipped.stdout,
      new RegExp(`^SKIP ${a.id} \\(sample snapshot\\): superseded at version 2 on .*: ${reason}\n`),
    );
    assert.match(skipped.stdout, /prices@2: 0 passed, 0 failed, 1 skipped\n$/);

    const again = JSON.parse(ok(await fx(root, "add", "prices", "--input", "-")([], row)).stdout);
    assert.equal(again.id, a.id);
    assert.deepEqual([again.expect, again.recorded_with.version], [{ prediction: 9 }, 2]);
    const json = JSON.parse(ok(await fx(root, "check", "prices", "--json")()).stdout);
    assert.deepEqual(json.results.map((r: { status: string }) => r.status), ["skipped", "passed"]);
    assert.match(ok(await fx(root, "list", "prices")()).stdout, /superseded at v2/);

    const twice = ok(await fx(root, "supersede", "prices", "f_ffffffffffff", "--reason", "x")(), 2);
    assert.match(twice.stderr, new RegExp(`No case f_ffffffffffff in .*cases: ${a.id}`));
    assert.match(
      ok(await fx(root, "supersede", "prices", a.id, "--reason", " ")(), 2).stderr,
      /--reason must say why/,
    );
  }));

Deno.test("concurrent `fixtures add` processes all land in the file", () =>
  withProject(async (root) => {
    await publish(root, "prices", linearArtifact());
    const runs = await Promise.all(
      Array.from(
        { length: 6 },
        (_, i) => fx(root, "add", "prices", "--input", "-")([], `{"x": ${i}, "plan": "basic"}`),
      ),
    );
    for (const r of runs) ok(r);
    const cases = JSON.parse(ok(await fx(root, "list", "prices", "--json")()).stdout);
    assert.deepEqual(cases.map((c: { input: { x: number } }) => c.input.x).sort(), [
      0,
      1,
      2,
      3,
      4,
      5,
    ]);
    assert.equal(
      ok(await fx(root, "check", "prices")()).stdout,
      "prices@1: 6 passed, 0 failed, 0 skipped\n",
    );
  }));
