import assert from "node:assert/strict";
import { join } from "node:path";
import type { Step } from "../artifact/mod.ts";
import { datasetDir, loadDataset } from "../data/mod.ts";
import { openProject, type Project } from "../project/mod.ts";
import logistic from "../../plugins/logistic/mod.ts";
import linear from "../../plugins/linear/mod.ts";
import { backtest } from "./backtest.ts";
import { sqlBacktest } from "./sql_backtest.ts";
import {
  fittedArtifact,
  importRows,
  monthRows,
  PREPROCESSING,
  type Row,
} from "./sql_test_project.ts";

/** Rows of a month with some rows changed: `changes[i]` is merged into row `i`. */
function monthWith(month: string, n: number, seed: number, changes: Record<number, Row>): Row[] {
  return monthRows(month, n, seed).map((r, i) => ({ ...r, ...changes[i] }));
}

/**
 * Dataset `refusals`: 2024-01 ordinary; 2024-02 an unknown size at row 120;
 * 2024-03 a missing x2 at row 30 and an unknown size at row 100; 2024-04 a
 * missing target at row 70 and an unknown one at row 20; 2024-05 a missing zip
 * at row 41 and one no model knows at row 51.
 */
async function withRefusals(fn: (project: Project) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-sql-refusals-" });
  try {
    await importRows(root, "refusals", [
      ...monthRows("2024-01", 100, 1),
      ...monthWith("2024-02", 150, 2, { 119: { size: "XL" } }),
      ...monthWith("2024-03", 150, 3, { 29: { x2: null }, 99: { size: "XL" } }),
      ...monthWith("2024-04", 100, 4, { 69: { y_bin: null, y_reg: null }, 19: { y_bin: "maybe" } }),
      ...monthWith("2024-05", 60, 5, { 40: { zip: null }, 50: { zip: 4000 } }),
    ]);
    const project = await openProject(root);
    project.store.publish("binary", fittedArtifact(logistic, "binary"));
    project.store.publish("regression", fittedArtifact(linear, "regression"));
    // A one-hot encoder that refuses unknown zips (a category in a number column).
    const strict: Step[] = PREPROCESSING.flatMap((s): Step[] =>
      s.type === "one_hot" && s.columns.includes("zip")
        ? [
          { type: "one_hot", columns: ["color"], handle_unknown: "ignore", drop: ["red"] },
          { type: "one_hot", columns: ["zip"], handle_unknown: "error", drop: [1000] },
        ]
        : [s]
    );
    project.store.publish("strict", {
      ...fittedArtifact(logistic, "binary"),
      preprocessing: strict,
    });
    await fn(project);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

async function errors(project: Project, name: string, batchRows?: number) {
  const options = batchRows ? { batchRows } : {};
  const ref = { name, ref: undefined } as const;
  const js = await backtest(project, ref, "refusals", options);
  const sql = await sqlBacktest(project, ref, "refusals", options);
  const of = (r: typeof js) => r.partitions.map((p) => [p.partition, p.error ?? "scored"]);
  assert.deepEqual(of(sql), of(js), `${name}, batches of ${batchRows ?? "65536"} rows`);
  return Object.fromEntries(of(js));
}

Deno.test("a refused row fails its partition in both engines with the same message", async () => {
  await withRefusals(async (project) => {
    const binary = await errors(project, "binary");
    assert.equal(binary["2024-01"], "scored");
    assert.match(
      binary["2024-02"]!,
      /^2024-02 row 120: feature "size" has the value "XL", which binary@1/,
    );
    // Both refusals in one batch: the one-hot encoder runs before the missing-value check.
    assert.match(binary["2024-03"]!, /^2024-03 row 100: feature "size" has the value "XL"/);
    assert.match(binary["2024-04"]!, /^2024-04 row 20: target "maybe" is not a class of the model/);
    assert.equal(binary["2024-05"], "scored");
    const regression = await errors(project, "regression");
    assert.match(regression["2024-04"]!, /^2024-04 row 70: target null is not a finite number/);
    const strict = await errors(project, "strict");
    assert.match(
      strict["2024-05"]!,
      /^2024-05 row 41: feature "zip" has the value null, which strict@1/,
    );
  });
});

Deno.test("the first refusal is the JavaScript engine's, batch by batch", async () => {
  await withRefusals(async (project) => {
    // In batches of 50 rows the missing x2 (row 30) comes a batch before the unknown size (row 100).
    const binary = await errors(project, "binary", 50);
    assert.match(binary["2024-03"]!, /^2024-03 row 30: feature "x2" is missing \(empty or null\)/);
    await errors(project, "strict", 45);
    await errors(project, "binary", 7);
  });
});

Deno.test("files changed or broken after the import fail their partition in both engines alike", async () => {
  await withRefusals(async (project) => {
    const d = loadDataset(project.root, "refusals");
    const dir = datasetDir(project.root, "refusals");
    const file = join(dir, d.partitions[0]!.files[0]!);
    Deno.writeFileSync(file, Deno.readFileSync(file).subarray(0, 100));
    const descriptor = join(dir, "dataset.json");
    const text = Deno.readTextFileSync(descriptor);
    Deno.writeTextFileSync(descriptor, text.replace(/"rows": 60,/, '"rows": 61,'));
    const binary = await errors(project, "binary");
    assert.match(binary["2024-01"]!, /unreadable/);
    assert.match(binary["2024-05"]!, /has 60 rows in its files, but dataset.json says 61/);
  });
});
