/**
 * `ratchet fixtures add` with an expectation: contracts a model must meet,
 * not its current output.
 *
 * @module
 */
import assert from "node:assert/strict";
import { linearArtifact, logisticArtifact, publishArtifact } from "./_artifacts.ts";
import { addCase, fixtures } from "./_fixtures.ts";
import { expectExit, withProject } from "./_ratchet.ts";

const expit = (d: number) => 1 / (1 + Math.exp(-d));

Deno.test("contracts: a class label, probability bounds, a regression value with its required tolerance", () =>
  withProject(async (root) => {
    await publishArtifact(root, "churn", logisticArtifact(), { alias: "champion" });
    await publishArtifact(root, "prices", linearArtifact(), { alias: "champion" });
    // x = 0, vip = false: p(yes) = expit(-1) ≈ 0.27, so the model says "no".
    const quiet = '{"x": 0, "vip": false}';
    const wrong = expectExit(await addCase(root, "churn", quiet, "--expect", "yes"));
    assert.match(
      wrong.stderr,
      /churn@1 does not meet this contract yet: predicted "no", expected "yes"/,
    );
    const label = JSON.parse(wrong.stdout);
    assert.deepEqual([label.mode, label.expect, label.tolerance], ["contract", {
      prediction: "yes",
    }, 0]);
    const below = ["--max-probability", "yes=0.3", "--kind", "contrived"];
    const bound = JSON.parse(
      expectExit(await addCase(root, "churn", '{"x": 0.1, "vip": false}', ...below)).stdout,
    );
    assert.deepEqual(bound.expect, { bounds: { yes: [0, 0.3] } });
    const between = ["--min-probability", "yes=0.5", "--max-probability", "yes=0.99"];
    expectExit(await addCase(root, "churn", '{"x": 2, "vip": true}', ...between));

    const check = expectExit(await fixtures(root, ["check", "churn", "--json"]), 1);
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
    const text = expectExit(await fixtures(root, ["check", "churn"]), 1).stdout;
    assert.match(
      text,
      new RegExp(
        `^FAIL ${label.id} \\(sample contract\\)\\n  predicted "no", expected "yes"\\n  expected   \\{"prediction":"yes"\\}\\n  actual     \\{"prediction":"no","probabilities":\\{"no":[0-9.e-]+,"yes":[0-9.e-]+\\}\\}\\n  tolerance  0\\n`,
      ),
    );
    assert.match(text, /churn@1: 2 passed, 1 failed, 0 skipped\n$/);

    const row = '{"x": 2, "plan": "basic"}'; // 1 + 2·2 = 5
    const noTolerance = expectExit(await addCase(root, "prices", row, "--expect", "6"), 2);
    assert.match(
      noTolerance.stderr,
      /A regression contract needs a tolerance.*--tolerance T.*predicts 5 now/,
    );
    const value = JSON.parse(
      expectExit(await addCase(root, "prices", row, "--expect", "5.5", "--tolerance", "0.5"))
        .stdout,
    );
    assert.deepEqual([value.mode, value.expect, value.tolerance], [
      "contract",
      { prediction: 5.5 },
      0.5,
    ]);
    expectExit(await fixtures(root, ["check", "prices"]));

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
      const r = expectExit(await addCase(root, "churn", '{"x": 9, "vip": true}', ...args), 2);
      assert.match(r.stderr, message);
    }
  }));
