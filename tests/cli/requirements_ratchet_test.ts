/**
 * Which version `requirements check` and `requirements ratchet` measure, and
 * how a ratchet moves error maxima.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createRandom } from "../../core/random/mod.ts";
import {
  type Check,
  expectRatchet,
  initChurnRequirements,
  readJson,
  trainChurn,
  trainChurnVersion,
} from "./_requirements.ts";
import { withProject } from "./_ratchet.ts";

Deno.test("requirements check NAME@VERSION measures that version; ratchet always measures the champion", () =>
  withProject(async (root) => {
    const { train, holdout } = await trainChurn(root);
    // Version 2 sees only a column unrelated to churn: a weak challenger.
    await trainChurnVersion(root, train, ["--features", "month"]);
    await initChurnRequirements(root, holdout);
    await expectRatchet(["requirements", "ratchet", "churn", "--margin", "0.02"], root);
    const file = join(root, "models", "churn", "requirements.json");
    assert.equal(readJson(file).baseline.version, 1, "the champion, not the latest version");
    await expectRatchet(["requirements", "check", "churn@1"], root, 0);
    const weak = await expectRatchet(["requirements", "check", "churn@2", "--json"], root, 1);
    const result = JSON.parse(weak.stdout);
    assert.equal(result.version, 2);
    const failed = result.requirements.checks.filter((c: Check) => !c.passed);
    assert.ok(failed.some((c: Check) => c.metric === "roc_auc" && c.kind === "min"), weak.stdout);
    const bad = await expectRatchet(["requirements", "ratchet", "churn@2"], root, 2);
    assert.match(bad.stderr, /Give the model name alone \(churn\), not churn@2/);
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
    await expectRatchet([
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
    await expectRatchet(
      ["requirements", "init", "price", "--input", holdout, "--primary", "rmse", "--sample"],
      root,
    );
    const file = join(root, "models", "price", "requirements.json");
    assert.ok(Deno.statSync(join(root, "models", "price", "evaluation.json")).isFile);
    await expectRatchet(
      ["requirements", "set", "price", "--max", "mae=10", "--reason", "a loose start"],
      root,
    );
    await expectRatchet(["requirements", "ratchet", "price", "--margin", "0.05"], root);
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
    await expectRatchet(["requirements", "check", "price"], root, 0);
  }));
