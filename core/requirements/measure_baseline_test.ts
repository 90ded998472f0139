import assert from "node:assert/strict";
import { PluginRegistry } from "../contract/mod.ts";
import { evaluateTable } from "../evaluate/mod.ts";
import { compileModel } from "../model/mod.ts";
import { createRandom } from "../random/mod.ts";
import { tableFromRows } from "../table/mod.ts";
import { builtinPlugins } from "../../plugins/mod.ts";
import { measureBaseline } from "./measure_baseline.ts";
import { validateRequirements } from "./validate_requirements.ts";

function model(version?: number) {
  return compileModel({
    format: "ratchet.model/v1",
    plugin: { id: "logistic", version: "^1.0.0" },
    task: "binary",
    features: [{ name: "x", type: "number" }],
    target: { name: "y", labels: ["no", "yes"] },
    preprocessing: [],
    coefficients: { link: "ovr", intercepts: [0.1], weights: [[1.5]] },
    hyperparameters: {},
    provenance: { created: "2026-01-01", source: "test" },
    ...(version === undefined ? {} : { name: "churn", version }),
  }, new PluginRegistry(builtinPlugins));
}

function rows(n: number, seed: number) {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const x = rng.normal();
    // The last month has one class only, so roc_auc is undefined there.
    const month = `2024-0${1 + Math.floor((i / n) * 4)}`;
    const y = month === "2024-04" ? "no" : rng.next() < 1 / (1 + Math.exp(-2 * x)) ? "yes" : "no";
    return { x, y, month };
  });
}

Deno.test("a baseline is each metric's min, mean and max over the evaluated partitions", () => {
  const m = model(3);
  const evaluation = evaluateTable(m, tableFromRows(rows(400, 1)), { partitionBy: "month" });
  const baseline = measureBaseline(m, evaluation, {
    source: "evaluation.csv",
    partitionBy: "month",
    measured: "2026-11-27T00:00:00.000Z",
  });
  assert.equal(baseline.version, 3);
  assert.deepEqual(baseline.data, {
    source: "evaluation.csv",
    partition_by: "month",
    window: { from: "2024-01", to: "2024-04" },
    partitions: 4,
    rows: 400,
  });
  for (const metric of ["accuracy", "roc_auc", "log_loss", "brier"] as const) {
    const values = evaluation.partitions.map((p) => p.values[metric]).filter((v) =>
      v !== null
    ) as number[];
    let min = Infinity, max = -Infinity, sum = 0;
    for (const v of values) {
      min = v < min ? v : min;
      max = v > max ? v : max;
      sum += v;
    }
    assert.deepEqual(baseline.metrics[metric], { min, mean: sum / values.length, max }, metric);
  }
  assert.equal(evaluation.partitions.at(-1)!.values.roc_auc, null);
  assert.equal(
    baseline.metrics.roc_auc!.mean,
    evaluation.partitions.slice(0, 3).reduce((s, p) => s + p.values.roc_auc!, 0) / 3,
    "undefined partitions do not count",
  );
  validateRequirements(
    { format: "ratchet.requirements/v1", primary: "roc_auc", metrics: {}, baseline, history: [] },
    "baseline",
    { task: "binary" },
  );
});

Deno.test("unpartitioned: one partition, no window; unpublished models and no rows are refused", () => {
  const m = model(1);
  const evaluation = evaluateTable(m, tableFromRows(rows(50, 2)));
  const baseline = measureBaseline(m, evaluation, { source: "holdout.csv" });
  assert.deepEqual(baseline.data, { source: "holdout.csv", partitions: 1, rows: 50 });
  const acc = evaluation.overall.values.accuracy!;
  assert.deepEqual(baseline.metrics.accuracy, { min: acc, mean: acc, max: acc });
  assert.ok(!Number.isNaN(Date.parse(baseline.measured)));
  assert.throws(
    () => measureBaseline(model(), evaluation, { source: "x" }),
    /model is not published/,
  );
  const none = { rows: 0, values: { accuracy: null }, reasons: { accuracy: "no rows" } };
  const empty = { overall: none, partitions: [{ partition: "all", ...none }] };
  assert.throws(
    () => measureBaseline(m, empty, { source: "empty.csv" }),
    /empty\.csv: it has no rows/,
  );
});
