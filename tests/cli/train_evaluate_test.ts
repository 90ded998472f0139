import assert from "node:assert/strict";
import { join } from "node:path";
import { createRandom } from "../../core/random/mod.ts";
import { customersCsv, generateCustomers } from "./_churn_data.ts";
import { ratchet, withProject } from "./_ratchet.ts";

function regressionCsv(n: number, seed: number, missingEvery = 17): string {
  const rng = createRandom(seed);
  const lines = ["id,x,plan,y"];
  for (let i = 0; i < n; i++) {
    const x = rng.normal() * 3;
    const plan = ["basic", "pro", "team"][rng.int(3)]!;
    const y = 3 + 2 * x + (plan === "pro" ? 5 : plan === "team" ? -1 : 0) + rng.normal() * 0.01;
    lines.push(`r${i},${missingEvery > 0 && i % missingEvery === 0 ? "" : x},${plan},${y}`);
  }
  return lines.join("\n") + "\n";
}

Deno.test("train linear: infers types, imputes and one-hot encodes, recovers the coefficients, publishes", () =>
  withProject(async (root) => {
    const input = join(root, "train.csv");
    Deno.writeTextFileSync(input, regressionCsv(400, 1));
    const r = await ratchet([
      "train",
      "linear",
      "--name",
      "prices",
      "--input",
      input,
      "--target",
      "y",
      "--exclude",
      "id",
      "--alias",
      "champion",
      "--root",
      root,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.rows, 400);
    const show = JSON.parse(
      (await ratchet(["models", "show", "prices", "--json", "--root", root])).stdout,
    );
    assert.deepEqual(
      show.features.map((f: { name: string; type: string }) => `${f.name}:${f.type}`),
      ["x:number", "plan:category"],
    );
    assert.deepEqual(show.preprocessing.map((s: { type: string }) => s.type), [
      "impute",
      "one_hot",
    ]);
    assert.deepEqual(show.inputs, ["x", "plan=basic", "plan=pro", "plan=team"]);
    assert.equal(show.provenance.rows, 400);
    assert.equal(show.aliases.champion, 1);
    // Rows with x missing were imputed for training, so the fit is slightly off; still close to the truth.
    const w = show.coefficients.weights;
    assert.ok(Math.abs(w[0] - 2) < 0.05, `x weight ${w[0]}`);
    assert.ok(Math.abs((w[2] - w[1]) - 5) < 0.2, `pro − basic = ${w[2] - w[1]}`);

    const test = join(root, "test.csv");
    Deno.writeTextFileSync(test, regressionCsv(200, 2, 0));
    const ev = await ratchet(["evaluate", "prices", "--input", test, "--json", "--root", root]);
    assert.equal(ev.code, 0, ev.stderr);
    const metrics = JSON.parse(ev.stdout);
    assert.equal(metrics.rows, 200);
    assert.deepEqual(Object.keys(metrics.metrics), ["rmse", "mae", "r2", "mape"]);
    assert.ok(metrics.metrics.r2 > 0.99, JSON.stringify(metrics));
  }));

Deno.test("evaluate's metrics equal those computed from predict's output", () =>
  withProject(async (root) => {
    const train = join(root, "train.csv"), test = join(root, "test.csv");
    Deno.writeTextFileSync(train, customersCsv(generateCustomers(1500, 12, 11)));
    Deno.writeTextFileSync(test, customersCsv(generateCustomers(600, 12, 12)));
    const t = await ratchet([
      "train",
      "logistic",
      "--name",
      "churn",
      "--input",
      train,
      "--target",
      "churned",
      "--exclude",
      "customer_id,month",
      "--positive",
      "yes",
      "--root",
      root,
    ]);
    assert.equal(t.code, 0, t.stderr);
    const ev = JSON.parse(
      (await ratchet(["evaluate", "churn", "--input", test, "--json", "--root", root])).stdout,
    );
    const pred =
      (await ratchet(["predict", "churn", "--input", test, "--keep", "churned", "--root", root]))
        .stdout.trim().split("\n").slice(1)
        .map((l) => l.split(","));
    let correct = 0, tp = 0, fp = 0, fn = 0, brier = 0;
    for (const [actual, predicted, , pYes] of pred) {
      if (actual === predicted) correct++;
      if (predicted === "yes" && actual === "yes") tp++;
      if (predicted === "yes" && actual === "no") fp++;
      if (predicted === "no" && actual === "yes") fn++;
      brier += (Number(pYes) - (actual === "yes" ? 1 : 0)) ** 2;
    }
    const close = (a: number, b: number) => Math.abs(a - b) < 1e-12;
    assert.ok(
      close(ev.metrics.accuracy, correct / pred.length),
      `${ev.metrics.accuracy} vs ${correct / pred.length}`,
    );
    assert.ok(close(ev.metrics.precision, tp / (tp + fp)));
    assert.ok(close(ev.metrics.recall, tp / (tp + fn)));
    assert.ok(close(ev.metrics.brier, brier / pred.length));
    assert.ok(ev.metrics.roc_auc > 0.65 && ev.metrics.roc_auc < 1, `roc_auc ${ev.metrics.roc_auc}`);
    const human = await ratchet(["evaluate", "churn", "--input", test, "--root", root]);
    assert.match(human.stdout, /churn@1 on .* \(600 rows, target churned\)/);
    assert.match(human.stdout, /roc_auc\s+0\.\d{4}/);
  }));

Deno.test("train takes --param, refuses unknown or invalid params, and needs a plugin with fit", () =>
  withProject(async (root) => {
    const input = join(root, "train.csv");
    Deno.writeTextFileSync(input, customersCsv(generateCustomers(300, 3, 5)));
    const base = [
      "--input",
      input,
      "--target",
      "churned",
      "--exclude",
      "customer_id,month",
      "--root",
      root,
    ];
    const tree = await ratchet([
      "train",
      "decision_tree",
      "--name",
      "t",
      "--param",
      "max_depth=3",
      ...base,
    ]);
    assert.equal(tree.code, 0, tree.stderr);
    const show = JSON.parse(
      (await ratchet(["models", "show", "t", "--json", "--root", root])).stdout,
    );
    assert.equal(show.hyperparameters.max_depth, 3);
    assert.equal(show.task, "binary");
    assert.deepEqual(show.target.labels, ["no", "yes"]);
    const unknown = await ratchet([
      "train",
      "decision_tree",
      "--name",
      "t",
      "--param",
      "depth=3",
      ...base,
    ]);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /unknown parameter depth for plugin decision_tree; known parameters: .*max_depth/,
    );
    const bad = await ratchet([
      "train",
      "decision_tree",
      "--name",
      "t",
      "--param",
      "max_depth=-1",
      ...base,
    ]);
    assert.match(bad.stderr, /invalid max_depth: -1/);
    const noPlugin = await ratchet(["train", "svm", "--name", "t", ...base]);
    assert.match(noPlugin.stderr, /Unknown plugin svm/);
    const regressionOnly = await ratchet(["train", "linear", "--name", "t", ...base]);
    assert.match(regressionOnly.stderr, /only does regression/);
    const badPositive = await ratchet([
      "train",
      "logistic",
      "--name",
      "t",
      "--positive",
      "maybe",
      ...base,
    ]);
    assert.match(badPositive.stderr, /--positive maybe is not a class of churned/);
  }));
