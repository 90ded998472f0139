/**
 * Test helpers: a small project with a monthly dataset and two champions
 * (a binary `churn` model and a regression `spend` model), built once and
 * copied into a fresh folder for each test.
 *
 * @module
 */
import { join } from "node:path";
import { createRandom } from "../random/mod.ts";
import { importDataset } from "../data/mod.ts";
import { openProject, type Project } from "../project/mod.ts";
import { readDatasetWindow, trainModel } from "../train/mod.ts";
import { writeCsv } from "../data/_test_data.ts";

/** Months of the `synthetic` dataset. */
export const MONTHS = ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06"];

/**
 * Rows of a month: `x1`, `x2` numbers, `plan` a category, `churned` yes/no
 * from a logistic model of them, `spend` linear in them plus noise, and
 * `late` yes/no at random until April, then always "no".
 */
function _rows(seed: number) {
  const rng = createRandom(seed);
  const rows = [];
  for (const month of MONTHS) {
    for (let d = 1; d <= 28; d++) {
      const x1 = rng.normal(), x2 = rng.normal();
      const plan = ["basic", "pro", "team"][rng.int(3)]!;
      const logit = -0.3 + 1.4 * x1 - 0.8 * x2 + (plan === "pro" ? 0.7 : 0);
      const churned = rng.next() < 1 / (1 + Math.exp(-logit)) ? "yes" : "no";
      const spend = 20 + 3 * x1 + 2 * x2 + (plan === "team" ? 5 : 0) + rng.normal();
      const late = month <= "2020-04" && rng.next() < 0.5 ? "yes" : "no";
      const day = `${month}-${String(d).padStart(2, "0")}`;
      rows.push({ day, x1, x2, plan, churned, spend, late });
    }
  }
  return rows;
}

let _template: Promise<string> | undefined;

async function _build(): Promise<string> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-search-template-" });
  const csv = writeCsv(root, "rows.csv", _rows(5));
  await importDataset(root, [csv], { dataset: "synthetic", time: "day", grain: "month" });
  Deno.removeSync(csv);
  const project = await openProject(root);
  const { table, window } = await readDatasetWindow(root, "synthetic", { to: "2020-02" });
  for (
    const [name, plugin, target] of [["churn", "logistic", "churned"], ["spend", "linear", "spend"]]
  ) {
    const body = trainModel({
      plugin: project.registry.get(plugin!),
      table,
      target: target!,
      features: ["x1", "x2", "plan"],
      dataset: "synthetic",
      window,
    });
    const { version } = project.store.publish(name!, body);
    project.store.setAlias(name!, "champion", version);
  }
  // spend ranks by mae (lower is better); churn has no requirements, so roc_auc, the binary default.
  Deno.writeTextFileSync(
    join(root, "models", "spend", "requirements.json"),
    JSON.stringify({
      format: "ratchet.requirements/v1",
      primary: "mae",
      metrics: {},
      history: [],
    }),
  );
  globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
  return root;
}

/** A fresh copy of the test project, removed after `fn`. */
export async function withSearchProject(fn: (project: Project) => Promise<void>): Promise<void> {
  _template ??= _build();
  const template = await _template;
  const root = Deno.makeTempDirSync({ prefix: "ratchet-search-" });
  try {
    const cp = await new Deno.Command("cp", { args: ["-r", `${template}/.`, root] }).output();
    if (!cp.success) throw new Error(new TextDecoder().decode(cp.stderr));
    await fn(await openProject(root));
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}
