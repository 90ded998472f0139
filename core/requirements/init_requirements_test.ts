import assert from "node:assert/strict";
import { defaultPrimary, initRequirements } from "./init_requirements.ts";
import type { Baseline, Requirements } from "./requirements.ts";
import { validateRequirements } from "./validate_requirements.ts";

const baseline: Baseline = {
  version: 2,
  measured: "2026-11-27T00:00:00.000Z",
  data: { source: "evaluation.csv", partitions: 1, rows: 40 },
  metrics: { accuracy: { min: 0.8, mean: 0.8, max: 0.8 } },
};

Deno.test("init: a baseline, no thresholds, one init entry; the default primary applies to the task", () => {
  const r = initRequirements({
    baseline,
    primary: "accuracy",
    evaluation: { sample: "evaluation.csv", partition_by: "month" },
    date: "2026-11-27",
    by: "ana",
  });
  assert.deepEqual(r, {
    format: "ratchet.requirements/v1",
    primary: "accuracy",
    metrics: {},
    evaluation: { sample: "evaluation.csv", partition_by: "month" },
    baseline,
    history: [{
      date: "2026-11-27",
      action: "init",
      reason: "baseline of v2 measured on evaluation.csv",
      by: "ana",
      changes: [],
    }],
  });
  for (const task of ["binary", "multiclass", "regression"] as const) {
    validateRequirements({ ...r, primary: defaultPrimary(task), baseline: undefined }, "init", {
      task,
    });
  }
});

Deno.test("re-init keeps the history, needs a reason, and records dropped thresholds as a lowering", () => {
  const previous: Requirements = {
    format: "ratchet.requirements/v1",
    primary: "roc_auc",
    metrics: { roc_auc: { min: 0.7, range: [0.6, 0.9] }, log_loss: { max: 0.5 } },
    history: [{ date: "2026-01-01", action: "init", reason: "first", changes: [] }],
  };
  assert.throws(
    () => initRequirements({ baseline, primary: "accuracy", previous }),
    /give a reason/,
  );
  const r = initRequirements({
    baseline,
    primary: "accuracy",
    previous,
    reason: "new data source",
    date: "2026-11-27",
  });
  assert.deepEqual(r.metrics, {});
  assert.deepEqual(r.history[0], previous.history[0]);
  const entry = r.history[1]!;
  assert.equal(entry.action, "lower");
  assert.equal(entry.reason, "re-initialised: new data source");
  assert.deepEqual(entry.primary, { from: "roc_auc", to: "accuracy" });
  assert.deepEqual(entry.changes, [
    { metric: "roc_auc", kind: "min", from: 0.7, to: null },
    { metric: "roc_auc", kind: "range", from: [0.6, 0.9], to: null },
    { metric: "log_loss", kind: "max", from: 0.5, to: null },
  ]);
  const bare = initRequirements({
    baseline,
    primary: "roc_auc",
    previous: { ...previous, metrics: {} },
    reason: "re-measure",
  });
  assert.equal(bare.history.at(-1)!.action, "init", "nothing dropped: not a lowering");
});
