/**
 * Proof that the guard works: the model regression suite (models_test.ts)
 * and the CLI fail, naming what failed, when a model changes or falls short.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ModelStore } from "../../core/store/mod.ts";
import { runDenoScript } from "../../core/testing/mod.ts";
import { ratchet } from "../cli/_ratchet.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SUITE = new URL("./models_test.ts", import.meta.url);

/** A temp project holding a copy of one demo model. */
async function copyOfDemo(
  name: string,
  fn: (root: string, store: ModelStore) => Promise<void>,
): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-guard-" });
  try {
    Deno.mkdirSync(join(root, "models"), { recursive: true });
    const cp = await new Deno.Command("cp", {
      args: ["-r", join(REPO, "models", name), join(root, "models")],
    }).output();
    assert.ok(cp.success);
    await fn(root, new ModelStore(root));
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

/** Runs the model regression suite on a project folder, as `deno task test` would. */
async function suite(root: string) {
  const r = await runDenoScript(SUITE, [], {
    subcommand: "test",
    env: { RATCHET_ROOT: root, NO_COLOR: "1" },
  });
  return { code: r.code, output: r.stdout + r.stderr };
}

Deno.test("the unchanged demo model passes the suite in a copy of the project", () =>
  copyOfDemo("rain-tomorrow", async (root, store) => {
    const champion = store.resolve("rain-tomorrow", "champion");
    const r = await suite(root);
    assert.equal(r.code, 0, r.output);
    assert.ok(
      r.output.includes(`model rain-tomorrow@${champion} (champion) passes every fixture ... ok`),
      r.output,
    );
  }));

Deno.test("one coefficient changed by 0.01: fixtures check and the suite fail, naming the fixture", () =>
  copyOfDemo("rain-tomorrow", async (root, store) => {
    const artifact = store.load("rain-tomorrow", "champion");
    const { name: _n, version: _v, sha256: _s, ...body } = artifact;
    assert.equal(body.plugin.id, "logistic", "the demo's champion is a logistic regression");
    const coefficients = structuredClone(body.coefficients) as { weights: number[][] };
    // A weight every fixture row uses (a one-hot column's weight would only touch rows of that level).
    const j = body.inputs!.indexOf("temp_max");
    assert.ok(j >= 0);
    coefficients.weights[0]![j]! += 0.01;
    const { version } = store.publish("rain-tomorrow", { ...body, coefficients });
    store.setAlias("rain-tomorrow", "champion", version);

    const check = await ratchet(["fixtures", "check", "rain-tomorrow", "--root", root]);
    assert.equal(check.code, 1, check.stdout + check.stderr);
    const failed = [...check.stdout.matchAll(/\bf_[0-9a-f]{12}\b/g)].map((m) => m[0]);
    assert.ok(failed.length > 0, check.stdout);

    const r = await suite(root);
    assert.notEqual(r.code, 0);
    assert.match(
      r.output,
      new RegExp(`rain-tomorrow@${version} \\(champion\\): fixture f_[0-9a-f]{12} failed`),
    );
    assert.match(r.output, /expected \{.*\}\n\s+actual\s+\{.*\}/);
    assert.ok(r.output.includes(failed[0]!), `the suite names ${failed[0]}`);
  }));

Deno.test("a model below a minimum fails the suite, naming the metric and the partition", () =>
  copyOfDemo("temp-tomorrow", async (root) => {
    const set = await ratchet([
      "requirements",
      "set",
      "temp-tomorrow",
      "--max",
      "rmse=3",
      "--reason",
      "tighter than the model can do",
      "--root",
      root,
    ]);
    assert.equal(set.code, 0, set.stderr);
    const check = await ratchet(["requirements", "check", "temp-tomorrow", "--root", root]);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /FAIL\s+rmse max 3/);
    const r = await suite(root);
    assert.notEqual(r.code, 0);
    assert.match(
      r.output,
      /temp-tomorrow@1 \(champion\) on evaluation\.csv: rmse max 3: 2015-\d\d has \d/,
    );
  }));

Deno.test("a ratchet raises thresholds to the baseline and never lowers one, whatever the margin", () =>
  copyOfDemo("rain-tomorrow", async (root) => {
    const file = join(root, "models", "rain-tomorrow", "requirements.json");
    const read = () =>
      JSON.parse(Deno.readTextFileSync(file)).metrics as Record<string, Record<string, number>>;
    const loose = read();
    const tight = await ratchet([
      "requirements",
      "ratchet",
      "rain-tomorrow",
      "--margin",
      "0",
      "--root",
      root,
    ]);
    assert.equal(tight.code, 0, tight.stderr);
    const raised = read();
    assert.ok(
      raised.roc_auc!.mean! > loose.roc_auc!.mean!,
      "margin 0 raises the primary's mean to the baseline",
    );
    for (const margin of ["0.5", "0.01", "0.2"]) {
      const r = await ratchet([
        "requirements",
        "ratchet",
        "rain-tomorrow",
        "--margin",
        margin,
        "--root",
        root,
      ]);
      assert.equal(r.code, 0, r.stderr);
      const now = read();
      for (const [metric, bounds] of Object.entries(raised)) {
        const higherBetter = !["rmse", "mae", "mape", "log_loss", "brier", "fpr"].includes(metric);
        for (const kind of ["min", "max", "mean"]) {
          const was = bounds[kind], is = now[metric]![kind];
          if (was === undefined) continue;
          const stricter = kind === "min" || (kind === "mean" && higherBetter)
            ? is! >= was
            : is! <= was;
          assert.ok(stricter, `margin ${margin}: ${metric} ${kind} ${was} → ${is}`);
        }
      }
    }
  }));
